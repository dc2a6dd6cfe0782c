"""The double-entry ledger: the one way to post, reverse, and close a quarter.

Every transaction's debits equal its credits. ledger_post refuses anything else, and the
database refuses it again at commit (a deferred constraint trigger, migration 0004), so a
bug that writes entries some other way cannot unbalance the books either. Entries are
never changed: ledger_reverse posts the opposite.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from coop.actors import Actor, saved_user
from coop.audit import audit
from finance.chart import account_for
from finance.errors import LedgerError
from finance.models import Account, ClosedQuarter, Entry, Payment, Refund, Transaction
from finance.quarters import Quarter
from members.models import Branch

Line = tuple[str, int, int]

__all__ = ["ledger_post", "ledger_reverse", "quarter_close"]


def _is_pence(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_lines(lines: Sequence[Line]) -> None:
    if len(lines) < 2:
        raise LedgerError("A transaction needs at least two lines.")
    debits = credits = 0
    for _code, debit, credit in lines:
        if not (_is_pence(debit) and _is_pence(credit)):
            raise LedgerError("Amounts are whole numbers of pence, 0 or more.")
        if (debit > 0) == (credit > 0):
            raise LedgerError("Each line is either a debit or a credit, more than 0.")
        debits += debit
        credits += credit
    if debits != credits:
        raise LedgerError(f"The debits ({debits}p) and the credits ({credits}p) must be the same.")


def _closed(quarter: Quarter) -> QuerySet[ClosedQuarter]:
    return ClosedQuarter.objects.filter(year=quarter.year, quarter=quarter.number)


def _check_open(date: dt.date) -> None:
    quarter = Quarter.of(date)
    if _closed(quarter).exists():
        raise LedgerError(
            f"{quarter.year} quarter {quarter.number} is closed. Nothing more can go in it."
        )


def _accounts(lines: Sequence[Line]) -> dict[str, Account]:
    """Each line's account by its code. Raises LedgerError for an unknown code."""
    accounts = {}
    for code, _, _ in lines:
        account = account_for(code)
        if account is None:
            raise LedgerError(f"There is no account called {code!r}.")
        accounts[code] = account
    return accounts


def _transaction_once(key: str | None, **fields: Any) -> tuple[Transaction, bool]:
    """A new transaction and True; or, when a posting with the same key got there first,
    that one's transaction and False."""
    try:
        with transaction.atomic():
            return Transaction.objects.create(key=key or None, **fields), True
    except IntegrityError:
        existing = Transaction.objects.filter(key=key).first() if key else None
        if existing is None:
            raise
        return existing, False


@transaction.atomic
def ledger_post(
    *,
    date: dt.date,
    description: str,
    reference: str,
    lines: Sequence[Line],
    actor: Actor,
    key: str | None = None,
    payment: Payment | None = None,
    refund: Refund | None = None,
    reverses: Transaction | None = None,
    branch: Branch | None = None,
) -> Transaction:
    """Post one balanced transaction: `lines` are (account code, debit pence, credit
    pence), the money of `branch` (None: the whole co-operative's own). With a `key`,
    posting the same key again returns the first transaction.
    Raises LedgerError when the lines do not balance, an account is unknown, or the date
    is in a closed quarter."""
    if key:
        existing = Transaction.objects.filter(key=key).first()
        if existing is not None:
            return existing
    _check_lines(lines)
    description = description.strip()
    if not description:
        raise LedgerError("Please say what the transaction is for.")
    accounts = _accounts(lines)
    # Closing a quarter locks its row; posting reads after, so a close and a post into
    # the same quarter cannot both win.
    _closed(Quarter.of(date)).select_for_update().exists()
    _check_open(date)
    txn, created = _transaction_once(
        key,
        date=date,
        description=description[:200],
        reference=reference[:100],
        payment=payment,
        refund=refund,
        reverses=reverses,
        branch=branch,
        created_by=saved_user(actor),
    )
    if not created:
        return txn
    Entry.objects.bulk_create(
        Entry(
            transaction=txn, date=txn.date, account=accounts[code], debit_pence=dr, credit_pence=cr
        )
        for code, dr, cr in lines
    )
    audit(
        actor=actor,
        action="ledger.posted",
        target=txn,
        data={"reference": txn.reference, "lines": [list(line) for line in lines]},
    )
    return txn


@transaction.atomic
def ledger_reverse(
    *, txn: Transaction, actor: Actor, date: dt.date | None = None, description: str = ""
) -> Transaction:
    """Post the opposite of a transaction (debits become credits), dated `date` (default
    the original's date, or today when that quarter is closed). Reversing twice returns
    the first reversal. Raises LedgerError for a reversal of a reversal."""
    txn = Transaction.objects.select_for_update().get(pk=txn.pk)
    existing = txn.reversals.first()
    if existing is not None:
        return existing
    if txn.reverses_id is not None:
        raise LedgerError("This is already a reversal. Post the original again instead.")
    lines = [
        (entry.account.code, entry.credit_pence, entry.debit_pence)
        for entry in txn.entries.select_related("account")
    ]
    return ledger_post(
        date=date or txn.date,
        description=description or f"Reversal of: {txn.description}",
        reference=txn.reference,
        lines=lines,
        actor=actor,
        key=f"reverse:{txn.pk}",
        payment=txn.payment,
        refund=txn.refund,
        reverses=txn,
        branch=txn.branch,
    )


@transaction.atomic
def quarter_close(*, year: int, quarter: int, actor: Actor, today: dt.date) -> ClosedQuarter:
    """Close a quarter's books: nothing more can be posted with a date in it. Closing
    again is safe. Raises LedgerError for a quarter that has not ended yet."""
    if quarter not in (1, 2, 3, 4):
        raise LedgerError("A quarter is 1, 2, 3 or 4.")
    if today <= Quarter(year, quarter).end:
        raise LedgerError(f"{year} quarter {quarter} has not ended yet, so it cannot close.")
    closed, created = ClosedQuarter.objects.select_for_update().get_or_create(
        year=year,
        quarter=quarter,
        defaults={"closed_by": saved_user(actor)},
    )
    if created:
        audit(actor=actor, action="ledger.quarter_closed", target=closed)
    return closed
