"""The ledger: balanced double-entry transactions, two entries each — the fee payments and
refunds seeded before, then grants and costs up to the size's entry count."""

import datetime as dt

from bench.seeding.base import BATCH, Seeding, ids
from finance.chart import CHART
from finance.models import Account, Entry, Payment, Refund, Transaction

MONEY = {"card": "stripe", "cash": "cash"}


class _Posting:
    """Transactions and their two entries, kept to be written in bulk."""

    def __init__(self, run: Seeding, accounts: dict[str, Account], most: int) -> None:
        self.run, self.accounts, self.most = run, accounts, most
        self.txn_ids = iter(ids(Transaction, most))
        self.transactions: list[Transaction] = []
        self.entries: list[Entry] = []

    @property
    def full(self) -> bool:
        return len(self.transactions) >= self.most

    def post(self, date: dt.date, description: str, debit: str, credit: str, pence: int, **links):
        txn = Transaction(id=next(self.txn_ids), date=date, description=description, **links)
        txn.created_at = self.run.now
        self.transactions.append(txn)
        for code, side in ((debit, "debit_pence"), (credit, "credit_pence")):
            self.entries.append(
                Entry(transaction=txn, date=date, account=self.accounts[code], **{side: pence})
            )


def seed_ledger(run: Seeding) -> None:
    for code, (name, kind) in CHART.items():
        Account.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
    accounts = {a.code: a for a in Account.objects.all()}
    costs = [code for code, a in accounts.items() if a.kind == Account.Kind.EXPENSE]
    ledger = _Posting(run, accounts, run.size["ledger"] // 2)
    for payment in Payment.objects.filter(status="succeeded").order_by("id"):
        if ledger.full:
            break
        ledger.post(
            payment.created_at.date(),
            payment.description,
            MONEY[payment.method],
            "fees_held",
            payment.amount_pence,
            payment=payment,
            reference=payment.reference,
        )
    for refund in Refund.objects.filter(status="succeeded").select_related("payment"):
        if ledger.full:
            break
        ledger.post(
            refund.created_at.date(),
            "Booking fee paid back",
            "fees_held",
            MONEY[refund.method],
            refund.amount_pence,
            refund=refund,
            reference=refund.payment.reference,
        )
    rnd = run.rnd
    while not ledger.full:
        date = (run.now - dt.timedelta(days=rnd.randint(0, 400))).date()
        if rnd.random() < 0.3:
            ledger.post(date, "Grant", "bank", "grants", rnd.randint(10000, 500000))
        else:
            ledger.post(date, "Costs", rnd.choice(costs), "bank", rnd.randint(500, 20000))
    Transaction.objects.bulk_create(ledger.transactions, batch_size=BATCH)
    Entry.objects.bulk_create(ledger.entries, batch_size=BATCH)
    run.counts.update(transactions=len(ledger.transactions), ledger_entries=len(ledger.entries))
