"""The checks of one reconciling pass: each Stripe charge, refund, payout and fee against
our payments, refunds and ledger, and ours that Stripe does not have. What does not match
is gathered as issues (finance.services.reconciliation keeps or lists them)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone

from coop.actors import Actor
from coop.money import format_pence
from finance import hooks, stripe_client
from finance.errors import LedgerError
from finance.models import (
    Entry,
    Method,
    Payment,
    ReconciliationIssue,
    Refund,
    StripeBalanceTransaction,
    StripePayout,
    Transaction,
)
from finance.services.ledger import ledger_post

CHARGE_TYPES = {"charge", "payment"}
REFUND_TYPES = {"refund", "payment_refund"}


@dataclass
class Reconciliation:
    """What matched, and what did not, between Stripe and us for a period."""

    start: dt.date
    end: dt.date
    matched: dict[str, int] = field(
        default_factory=lambda: {"charges": 0, "refunds": 0, "fees": 0, "payouts": 0}
    )
    totals: dict[str, int] = field(
        default_factory=lambda: {"charges": 0, "refunds": 0, "fees": 0, "payouts": 0}
    )
    unmatched: list[ReconciliationIssue] = field(default_factory=list)

    @property
    def all_matched(self) -> bool:
        return not self.unmatched


class Finder:
    """Collects the issues one matching pass finds: kept as ReconciliationIssue rows
    (persist=True), or only listed, for a read that must not write (persist=False).
    Issues are gathered, then matched to the kept ones and written in bulk by finish():
    a quarter read before its first fetch from Stripe can have thousands."""

    FIELDS = ["kind", "occurred_on", "description", "stripe_id", "stripe_pence", "ours_pence"]
    FIELDS += ["payment", "refund"]
    CHUNK = 2000  # keys a query: well inside SQLite's and PostgreSQL's parameter limits

    def __init__(self, *, persist: bool) -> None:
        self.persist = persist
        self.known: Known | None = None  # set by _match for the period's rows
        self.keys: set[str] = set()
        self.found: dict[str, dict[str, Any]] = {}
        self.listed: list[ReconciliationIssue] = []

    def issue(self, key: str, kind: str, occurred_on: dt.date, description: str, **fields: Any):
        self.keys.add(key)
        values = {"kind": kind, "occurred_on": occurred_on, "description": description[:500]}
        self.found[key] = {**values, **fields}

    def finish(self) -> None:
        keys = list(self.found)
        kept: dict[str, ReconciliationIssue] = {}
        for at in range(0, len(keys), self.CHUNK):
            chunk = ReconciliationIssue.objects.filter(key__in=keys[at : at + self.CHUNK])
            kept.update((issue.key, issue) for issue in chunk)
        new, changed = [], []
        for key, values in self.found.items():
            issue = kept.get(key)
            if issue is not None and issue.resolved_at is not None:
                continue  # the finance officer has looked into it
            if issue is None:
                issue = ReconciliationIssue(key=key, **values)
                new.append(issue)
            else:
                for name, value in values.items():
                    setattr(issue, name, value)
                changed.append(issue)
            self.listed.append(issue)
        if self.persist:
            ReconciliationIssue.objects.bulk_create(new, batch_size=self.CHUNK)
            ReconciliationIssue.objects.bulk_update(changed, self.FIELDS, batch_size=500)


def _what_for(payments: list[Payment]) -> dict[int, str]:
    """Each payment's words by its id: what its app says it is for ("Booking fee for
    Bowling on Saturday 12 December 2026"), else its own description; never "payment 12"."""
    words = hooks.describe(p.reference for p in payments)
    return {p.pk: words.get(p.reference, p.description) for p in payments}


def _at_stripe(kind: str, stripe_id: str) -> str:
    """Stripe's id, which a person needs to find the money in Stripe, in words."""
    return f" (Stripe {kind} {stripe_id})" if stripe_id else ""


class Known:
    """Our side of a period's Stripe rows, read once for the whole period: the payments,
    refunds and payouts they name, and what the ledger holds under each posting key they
    need (a query for each kind, not several for each row)."""

    def __init__(self, rows: list[StripeBalanceTransaction]) -> None:
        def ids(types) -> set[str]:
            return {bt.source_id for bt in rows if bt.type in types}

        # Lowest id last, so it wins where two share a Stripe id (as .first() chose).
        self.payments = {
            p.stripe_charge_id: p
            for p in Payment.objects.filter(stripe_charge_id__in=ids(CHARGE_TYPES)).order_by("-pk")
        }
        self.refunds = {
            r.stripe_refund_id: r
            for r in Refund.objects.filter(stripe_refund_id__in=ids(REFUND_TYPES))
            .select_related("payment")
            .order_by("-pk")
        }
        # What each payment is for, in words, as finance reads it elsewhere: one read.
        self.words = _what_for(
            [*self.payments.values(), *(r.payment for r in self.refunds.values())]
        )
        self.payouts = {
            p.stripe_id: p for p in StripePayout.objects.filter(stripe_id__in=ids({"payout"}))
        }
        keys = (
            [f"payment:{p.pk}:succeeded" for p in self.payments.values()]
            + [f"refund:{r.pk}:succeeded" for r in self.refunds.values()]
            + [f"payout:{source}" for source in ids({"payout"})]
            + [f"stripe-fee:{bt.stripe_id}" for bt in rows if bt.fee_pence > 0]
        )
        reversed_ = Exists(Transaction.objects.filter(reverses=OuterRef("pk")))
        self.posted = dict(Transaction.objects.filter(key__in=keys).values_list("key", reversed_))
        self.sums = {
            (key, code): {"debit_pence": debit, "credit_pence": credit}
            for key, code, debit, credit in Entry.objects.filter(transaction__key__in=keys)
            .values_list("transaction__key", "account__code")
            .annotate(Sum("debit_pence"), Sum("credit_pence"))
            .order_by()
        }

    def ledger_pence(self, key: str, account: str, side: str) -> int | None:
        """What the transaction posted under `key` put on this side of the account; None
        when nothing was posted under it, or it was reversed."""
        if key not in self.posted or self.posted[key]:
            return None
        return self.sums.get((key, account), {}).get(side, 0)


def match_charge(
    bt: StripeBalanceTransaction, day: dt.date, found: Finder, result: Reconciliation
) -> None:
    payment = found.known.payments.get(bt.source_id)
    if payment is None:
        found.issue(
            f"not_ours:{bt.stripe_id}",
            ReconciliationIssue.Kind.NOT_OURS,
            day,
            f"A charge of {format_pence(bt.amount_pence)} on Stripe ({bt.source_id}) "
            "that was not made through coop.",
            stripe_id=bt.source_id,
            stripe_pence=bt.amount_pence,
        )
        return
    ledger = found.known.ledger_pence(f"payment:{payment.pk}:succeeded", "stripe", "debit_pence")
    if payment.status != Payment.Status.SUCCEEDED or ledger != bt.amount_pence:
        found.issue(
            f"differs:{bt.stripe_id}",
            ReconciliationIssue.Kind.AMOUNT_DIFFERS,
            day,
            f"{found.known.words[payment.pk]}: Stripe took {format_pence(bt.amount_pence)}"
            f"{_at_stripe('charge', bt.source_id)}. Our ledger has "
            f"{format_pence(ledger) if ledger is not None else 'nothing'} for it.",
            stripe_id=bt.source_id,
            stripe_pence=bt.amount_pence,
            ours_pence=ledger,
            payment=payment,
        )
        return
    result.matched["charges"] += 1
    result.totals["charges"] += bt.amount_pence


def match_refund(
    bt: StripeBalanceTransaction, day: dt.date, found: Finder, result: Reconciliation
) -> None:
    refund = found.known.refunds.get(bt.source_id)
    out = -bt.amount_pence
    if refund is None:
        found.issue(
            f"not_ours:{bt.stripe_id}",
            ReconciliationIssue.Kind.NOT_OURS,
            day,
            f"A refund of {format_pence(out)} on Stripe ({bt.source_id}) "
            "that is not in our records.",
            stripe_id=bt.source_id,
            stripe_pence=out,
        )
        return
    ledger = found.known.ledger_pence(f"refund:{refund.pk}:succeeded", "stripe", "credit_pence")
    if refund.status != Refund.Status.SUCCEEDED or ledger != out:
        found.issue(
            f"differs:{bt.stripe_id}",
            ReconciliationIssue.Kind.AMOUNT_DIFFERS,
            day,
            f"{found.known.words[refund.payment_id]}: Stripe paid back {format_pence(out)}"
            f"{_at_stripe('refund', bt.source_id)}. Our ledger has "
            f"{format_pence(ledger) if ledger is not None else 'nothing'} for it.",
            stripe_id=bt.source_id,
            stripe_pence=out,
            ours_pence=ledger,
            refund=refund,
            payment=refund.payment,
        )
        return
    result.matched["refunds"] += 1
    result.totals["refunds"] += out


def match_payout(
    bt: StripeBalanceTransaction, day: dt.date, found: Finder, result: Reconciliation
) -> None:
    payout = found.known.payouts.get(bt.source_id)
    out = -bt.amount_pence
    ledger = found.known.ledger_pence(f"payout:{bt.source_id}", "stripe", "credit_pence")
    if payout is None or ledger != out or payout.amount_pence != out:
        found.issue(
            f"payout:{bt.stripe_id}",
            ReconciliationIssue.Kind.PAYOUT,
            day,
            f"Payout {bt.source_id} of {format_pence(out)}: our ledger has "
            f"{format_pence(ledger) if ledger is not None else 'nothing'} for it.",
            stripe_id=bt.source_id,
            stripe_pence=out,
            ours_pence=ledger,
        )
        return
    result.matched["payouts"] += 1
    result.totals["payouts"] += out


def match_other(bt: StripeBalanceTransaction, day: dt.date, found: Finder) -> None:
    found.issue(
        f"not_ours:{bt.stripe_id}",
        ReconciliationIssue.Kind.NOT_OURS,
        day,
        # Stripe's kind of entry ("adjustment", "payout_failure") in words, and "we", not
        # the software's name.
        f"A {bt.type.replace('_', ' ')} of {format_pence(bt.amount_pence)} on Stripe "
        "that we do not know about.",
        stripe_id=bt.stripe_id,
        stripe_pence=bt.amount_pence,
    )


def post_fee(
    bt: StripeBalanceTransaction, day: dt.date, actor: Actor, found: Finder, result: Reconciliation
) -> None:
    key = f"stripe-fee:{bt.stripe_id}"
    problem = ""
    if found.persist:
        # Posted by an earlier run: posting the same key again would post nothing.
        if key not in found.known.posted:
            try:
                ledger_post(
                    date=day,
                    description=f"Stripe fee on {bt.source_id or bt.stripe_id}",
                    reference=bt.stripe_id,
                    lines=[("stripe_fees", bt.fee_pence, 0), ("stripe", 0, bt.fee_pence)],
                    actor=actor,
                    key=key,
                )
            except LedgerError as error:
                problem = f"could not go in the ledger: {error}"
    elif found.known.ledger_pence(key, "stripe_fees", "debit_pence") != bt.fee_pence:
        problem = "is not in the ledger yet. Reconcile the period to post it."
    if problem:
        found.issue(
            f"fee:{bt.stripe_id}",
            ReconciliationIssue.Kind.NOT_OURS,
            day,
            f"A Stripe fee of {format_pence(bt.fee_pence)} {problem}",
            stripe_id=bt.stripe_id,
            stripe_pence=bt.fee_pence,
        )
        return
    result.matched["fees"] += 1
    result.totals["fees"] += bt.fee_pence


def ours_missing_at_stripe(start: dt.date, end: dt.date, found: Finder) -> None:
    def at_stripe(field: str) -> Exists:
        return Exists(StripeBalanceTransaction.objects.filter(source_id=OuterRef(field)))

    payments = Payment.objects.filter(
        method=Method.CARD,
        status=Payment.Status.SUCCEEDED,
        succeeded_at__date__gte=start,
        succeeded_at__date__lte=end,
    ).exclude(at_stripe("stripe_charge_id"))
    refunds = Refund.objects.filter(
        method=Method.CARD,
        status=Refund.Status.SUCCEEDED,
        succeeded_at__date__gte=start,
        succeeded_at__date__lte=end,
    ).exclude(at_stripe("stripe_refund_id"))
    payments, refunds = list(payments), list(refunds.select_related("payment"))
    words = _what_for([*payments, *(r.payment for r in refunds)])
    for payment in payments:
        found.issue(
            f"missing:payment:{payment.pk}",
            ReconciliationIssue.Kind.MISSING_AT_STRIPE,
            timezone.localdate(payment.succeeded_at),
            f"{words[payment.pk]}: {format_pence(payment.amount_pence)} is paid in our "
            f"records, not on Stripe{_at_stripe('charge', payment.stripe_charge_id)}.",
            stripe_id=payment.stripe_charge_id,
            ours_pence=payment.amount_pence,
            payment=payment,
        )
    for refund in refunds:
        found.issue(
            f"missing:refund:{refund.pk}",
            ReconciliationIssue.Kind.MISSING_AT_STRIPE,
            timezone.localdate(refund.succeeded_at),
            f"{words[refund.payment_id]}: {format_pence(refund.amount_pence)} is paid back in "
            f"our records, not on Stripe{_at_stripe('refund', refund.stripe_refund_id or '')}.",
            stripe_id=refund.stripe_refund_id or "",
            ours_pence=refund.amount_pence,
            refund=refund,
            payment=refund.payment,
        )
    for payout in StripePayout.objects.filter(arrival_date__gte=start, arrival_date__lte=end):
        if payout.currency != stripe_client.CURRENCY:
            found.issue(
                f"payout-currency:{payout.stripe_id}",
                ReconciliationIssue.Kind.PAYOUT,
                payout.arrival_date,
                f"Payout {payout.stripe_id} is in {payout.currency.upper()}, not pounds.",
                stripe_id=payout.stripe_id,
                stripe_pence=payout.amount_pence,
            )
