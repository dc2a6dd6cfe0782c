"""Reconciling with Stripe: fetch its balance history for a period into our own table,
then match each charge, refund, fee and payout to our payments, refunds and ledger.

Fetching is paginated and resumable (a run keeps its cursor, so one that stopped part way
goes on from there) and safe to repeat (rows are kept by Stripe's id). Matching posts what
only Stripe knows (its fees; payouts to the bank) with keys, so a second run posts
nothing new, and lists what does not match as issues for the finance officer.
"""

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import stripe
from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone

from coop.actors import saved_user
from coop.audit import audit
from coop.money import format_pence
from finance import stripe_client
from finance.errors import LedgerError, ReconciliationError
from finance.models import (
    Entry,
    Method,
    Payment,
    ReconciliationIssue,
    ReconciliationRun,
    Refund,
    StripeBalanceTransaction,
    StripePayout,
    Transaction,
)
from finance.services.ledger import ledger_post, ledger_reverse

logger = logging.getLogger(__name__)

K = ReconciliationIssue.Kind
CHARGE_TYPES = {"charge", "payment"}
REFUND_TYPES = {"refund", "payment_refund"}

__all__ = [
    "Reconciliation",
    "reconciliation_issue_resolve",
    "reconciliation_match",
    "reconciliation_report",
    "stripe_balance_fetch",
    "stripe_balance_store",
    "stripe_payouts_fetch",
    "stripe_payouts_store",
]


def _day(timestamp: int) -> dt.date:
    return timezone.localdate(dt.datetime.fromtimestamp(int(timestamp), tz=dt.UTC))


def _check_period(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise ReconciliationError("The start date must be on or before the end date.")


def _store_balance_transaction(item: Mapping[str, Any]) -> StripeBalanceTransaction:
    row, _ = StripeBalanceTransaction.objects.update_or_create(
        stripe_id=str(item["id"]),
        defaults={
            "type": str(item.get("type") or ""),
            "source_id": stripe_client.object_id(item.get("source")),
            "amount_pence": int(item["amount"]),
            "fee_pence": int(item.get("fee") or 0),
            "net_pence": int(item.get("net", int(item["amount"]) - int(item.get("fee") or 0))),
            "currency": str(item.get("currency") or "").lower()[:3],
            "created_at": dt.datetime.fromtimestamp(int(item["created"]), tz=dt.UTC),
            "data": dict(item),
            "fetched_at": timezone.now(),
        },
    )
    return row


def stripe_balance_store(*, items: Iterable[Mapping[str, Any]]) -> list[StripeBalanceTransaction]:
    """Keep balance-history lines (from Stripe, or recorded JSON) by their Stripe id:
    storing one again updates it."""
    with transaction.atomic():
        return [_store_balance_transaction(item) for item in items]


def _open_run(start: dt.date, end: dt.date, actor: Any) -> ReconciliationRun:
    with transaction.atomic():
        run = (
            ReconciliationRun.objects.select_for_update()
            .filter(start=start, end=end, finished_at__isnull=True)
            .first()
        )
        if run is None:
            run = ReconciliationRun.objects.create(
                start=start, end=end, started_by=saved_user(actor)
            )
        return run


def stripe_balance_fetch(
    *,
    start: dt.date,
    end: dt.date,
    actor: Any,
    page_size: int = 100,
    max_pages: int | None = None,
) -> ReconciliationRun:
    """Fetch Stripe's balance history for the days start..end (inclusive) into
    StripeBalanceTransaction rows. Goes on from where an unfinished run for the same
    period stopped; stops after `max_pages` pages (the run stays open) or when it reaches
    lines older than `start` (the run is finished). Raises ReconciliationError when
    Stripe cannot be reached: what was fetched is kept, and the next call resumes."""
    _check_period(start, end)
    run = _open_run(start, end, actor)
    pages = 0
    while max_pages is None or pages < max_pages:
        try:
            page = stripe_client.balance_transaction_page(
                starting_after=run.cursor, limit=page_size
            )
        except stripe.StripeError as error:
            logger.warning("Stripe balance history could not be fetched: %s", error)
            raise ReconciliationError(
                "We could not reach Stripe. What we fetched is kept. Please try again."
            ) from error
        pages += 1
        items = page["data"]
        reached_start = False
        with transaction.atomic():
            for item in items:
                day = _day(item["created"])
                if day < start:
                    reached_start = True
                    break
                if day <= end:
                    _store_balance_transaction(item)
            run.cursor = str(items[-1]["id"]) if items else run.cursor
            run.pages += 1
            if reached_start or not page["has_more"] or not items:
                run.finished_at = timezone.now()
            run.save(update_fields=["cursor", "pages", "finished_at"])
        if run.finished_at is not None:
            audit(
                actor=actor,
                action="reconciliation.fetched",
                target=run,
                data={"start": str(start), "end": str(end), "pages": run.pages},
            )
            break
    return run


def stripe_payouts_store(*, payouts: Iterable[Mapping[str, Any]], actor: Any) -> list[StripePayout]:
    """Keep payouts by id (from Stripe, or recorded JSON) and post each paid payout in
    pounds to the ledger once (Dr bank, Cr Stripe balance); a posted payout that then
    failed is reversed. A payout that cannot be posted (not in pounds, or its quarter is
    closed) is left for reconciliation_match to list."""
    kept = []
    for data in payouts:
        with transaction.atomic():
            payout, _ = StripePayout.objects.update_or_create(
                stripe_id=str(data["id"]),
                defaults={
                    "amount_pence": int(data["amount"]),
                    "currency": str(data.get("currency") or "").lower()[:3],
                    "status": str(data.get("status") or ""),
                    "arrival_date": _day(data.get("arrival_date") or data["created"]),
                    "balance_transaction_id": stripe_client.object_id(
                        data.get("balance_transaction")
                    ),
                    "data": dict(data),
                    "fetched_at": timezone.now(),
                },
            )
            _post_payout(payout, actor)
        kept.append(payout)
    return kept


def _post_payout(payout: StripePayout, actor: Any) -> None:
    key = f"payout:{payout.stripe_id}"
    posted = Transaction.objects.filter(key=key).first()
    try:
        if payout.status == "paid" and payout.currency == stripe_client.CURRENCY:
            if posted is None:
                ledger_post(
                    date=payout.arrival_date,
                    description=f"Stripe payout to the bank {payout.stripe_id}",
                    reference=payout.stripe_id,
                    lines=[("bank", payout.amount_pence, 0), ("stripe", 0, payout.amount_pence)],
                    actor=actor,
                    key=key,
                )
        elif payout.status in ("failed", "canceled") and posted is not None:
            ledger_reverse(
                txn=posted,
                actor=actor,
                date=timezone.localdate(),
                description=f"Stripe payout {payout.stripe_id} did not reach the bank",
            )
    except LedgerError as error:
        logger.warning("Payout %s was not posted: %s", payout.stripe_id, error)


def stripe_payouts_fetch(*, actor: Any, max_pages: int = 20) -> list[StripePayout]:
    """Fetch recent payouts from Stripe and keep them (stripe_payouts_store). Raises
    ReconciliationError when Stripe cannot be reached."""
    payouts: list[Mapping[str, Any]] = []
    cursor = ""
    try:
        for _ in range(max_pages):
            page = stripe_client.payout_page(starting_after=cursor)
            payouts.extend(page["data"])
            if not page["has_more"] or not page["data"]:
                break
            cursor = str(page["data"][-1]["id"])
    except stripe.StripeError as error:
        raise ReconciliationError(
            "We could not fetch payouts from Stripe. Please try again."
        ) from error
    return stripe_payouts_store(payouts=payouts, actor=actor)


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


class _Finder:
    """Collects the issues one matching pass finds: kept as ReconciliationIssue rows
    (persist=True), or only listed, for a read that must not write (persist=False).
    Issues are gathered, then matched to the kept ones and written in bulk by finish():
    a quarter read before its first fetch from Stripe can have thousands."""

    FIELDS = ["kind", "occurred_on", "description", "stripe_id", "stripe_pence", "ours_pence"]
    FIELDS += ["payment", "refund"]
    CHUNK = 2000  # keys a query: well inside SQLite's and PostgreSQL's parameter limits

    def __init__(self, *, persist: bool) -> None:
        self.persist = persist
        self.known: _Known | None = None  # set by _match for the period's rows
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


class _Known:
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


def _match_charge(bt: StripeBalanceTransaction, day: dt.date, found: _Finder, result) -> None:
    payment = found.known.payments.get(bt.source_id)
    if payment is None:
        found.issue(
            f"not_ours:{bt.stripe_id}",
            K.NOT_OURS,
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
            K.AMOUNT_DIFFERS,
            day,
            f"Stripe took {format_pence(bt.amount_pence)} for payment {payment.pk} "
            f"({payment.description}); our ledger has "
            f"{format_pence(ledger) if ledger is not None else 'nothing'} for it.",
            stripe_id=bt.source_id,
            stripe_pence=bt.amount_pence,
            ours_pence=ledger,
            payment=payment,
        )
        return
    result.matched["charges"] += 1
    result.totals["charges"] += bt.amount_pence


def _match_refund(bt: StripeBalanceTransaction, day: dt.date, found: _Finder, result) -> None:
    refund = found.known.refunds.get(bt.source_id)
    out = -bt.amount_pence
    if refund is None:
        found.issue(
            f"not_ours:{bt.stripe_id}",
            K.NOT_OURS,
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
            K.AMOUNT_DIFFERS,
            day,
            f"Stripe paid back {format_pence(out)} for refund {refund.pk}; our ledger has "
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


def _match_payout(bt: StripeBalanceTransaction, day: dt.date, found: _Finder, result) -> None:
    payout = found.known.payouts.get(bt.source_id)
    out = -bt.amount_pence
    ledger = found.known.ledger_pence(f"payout:{bt.source_id}", "stripe", "credit_pence")
    if payout is None or ledger != out or payout.amount_pence != out:
        found.issue(
            f"payout:{bt.stripe_id}",
            K.PAYOUT,
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


def _post_fee(bt: StripeBalanceTransaction, day: dt.date, actor: Any, found: _Finder, result):
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
            K.NOT_OURS,
            day,
            f"A Stripe fee of {format_pence(bt.fee_pence)} {problem}",
            stripe_id=bt.stripe_id,
            stripe_pence=bt.fee_pence,
        )
        return
    result.matched["fees"] += 1
    result.totals["fees"] += bt.fee_pence


def _in_period(start: dt.date, end: dt.date) -> list[StripeBalanceTransaction]:
    # __date is taken in the current time zone, as timezone.localdate is elsewhere.
    rows = StripeBalanceTransaction.objects.filter(
        created_at__date__gte=start, created_at__date__lte=end
    )
    return list(rows.order_by("created_at", "id"))


def _ours_missing_at_stripe(start: dt.date, end: dt.date, found: _Finder) -> None:
    def at_stripe(field: str) -> Exists:
        return Exists(StripeBalanceTransaction.objects.filter(source_id=OuterRef(field)))

    payments = Payment.objects.filter(
        method=Method.CARD,
        status=Payment.Status.SUCCEEDED,
        succeeded_at__date__gte=start,
        succeeded_at__date__lte=end,
    ).exclude(at_stripe("stripe_charge_id"))
    for payment in payments:
        found.issue(
            f"missing:payment:{payment.pk}",
            K.MISSING_AT_STRIPE,
            timezone.localdate(payment.succeeded_at),
            f"Payment {payment.pk} of {format_pence(payment.amount_pence)} "
            f"({payment.description}) is paid in our records, not on Stripe.",
            stripe_id=payment.stripe_charge_id,
            ours_pence=payment.amount_pence,
            payment=payment,
        )
    refunds = Refund.objects.filter(
        method=Method.CARD,
        status=Refund.Status.SUCCEEDED,
        succeeded_at__date__gte=start,
        succeeded_at__date__lte=end,
    ).exclude(at_stripe("stripe_refund_id"))
    for refund in refunds.select_related("payment"):
        found.issue(
            f"missing:refund:{refund.pk}",
            K.MISSING_AT_STRIPE,
            timezone.localdate(refund.succeeded_at),
            f"Refund {refund.pk} of {format_pence(refund.amount_pence)} is paid back in "
            "our records, not on Stripe.",
            stripe_id=refund.stripe_refund_id or "",
            ours_pence=refund.amount_pence,
            refund=refund,
            payment=refund.payment,
        )
    for payout in StripePayout.objects.filter(arrival_date__gte=start, arrival_date__lte=end):
        if payout.currency != stripe_client.CURRENCY:
            found.issue(
                f"payout-currency:{payout.stripe_id}",
                K.PAYOUT,
                payout.arrival_date,
                f"Payout {payout.stripe_id} is in {payout.currency.upper()}, not pounds.",
                stripe_id=payout.stripe_id,
                stripe_pence=payout.amount_pence,
            )


def _match(start: dt.date, end: dt.date, actor: Any, found: _Finder) -> Reconciliation:
    _check_period(start, end)
    result = Reconciliation(start=start, end=end)
    rows = _in_period(start, end)
    found.known = _Known(rows)
    for bt in rows:
        day = timezone.localdate(bt.created_at)
        if bt.type in CHARGE_TYPES:
            _match_charge(bt, day, found, result)
        elif bt.type in REFUND_TYPES:
            _match_refund(bt, day, found, result)
        elif bt.type == "payout":
            _match_payout(bt, day, found, result)
        else:
            found.issue(
                f"not_ours:{bt.stripe_id}",
                K.NOT_OURS,
                day,
                f"A {bt.type} of {format_pence(bt.amount_pence)} on Stripe that coop "
                "does not know about.",
                stripe_id=bt.stripe_id,
                stripe_pence=bt.amount_pence,
            )
        if bt.fee_pence > 0:
            _post_fee(bt, day, actor, found, result)
    _ours_missing_at_stripe(start, end, found)
    found.finish()
    result.unmatched = sorted(found.listed, key=lambda issue: (issue.occurred_on, issue.key))
    return result


def reconciliation_report(*, start: dt.date, end: dt.date) -> Reconciliation:
    """What matches and what does not for start..end, from what was last fetched, without
    writing anything (for pages and the API). Raises ReconciliationError for a period
    that ends before it starts."""
    return _match(start, end, None, _Finder(persist=False))


@transaction.atomic
def reconciliation_match(*, start: dt.date, end: dt.date, actor: Any) -> Reconciliation:
    """Match the fetched balance history of start..end to our records. Posts each Stripe
    fee (Dr Stripe fees, Cr Stripe balance) once. Keeps what does not match as open
    ReconciliationIssues; an open issue from an earlier run that now matches is resolved
    with a note. Safe to repeat. Raises ReconciliationError for a period that ends before
    it starts."""
    found = _Finder(persist=True)
    result = _match(start, end, actor, found)
    now = timezone.now()
    ReconciliationIssue.objects.filter(
        resolved_at__isnull=True, occurred_on__gte=start, occurred_on__lte=end
    ).exclude(key__in=found.keys).update(
        resolved_at=now,
        resolved_by=saved_user(actor),
        note=f"Matched when reconciled again on {timezone.localdate(now):%d %B %Y}.",
    )
    audit(
        actor=actor,
        action="reconciliation.matched",
        data={
            "start": str(start),
            "end": str(end),
            "matched": result.matched,
            "unmatched": len(result.unmatched),
        },
    )
    return result


@transaction.atomic
def reconciliation_issue_resolve(
    *, issue: ReconciliationIssue, note: str, actor: Any
) -> ReconciliationIssue:
    """The finance officer has looked into an issue: resolved, with their note. Resolving
    again keeps the first note. Raises ReconciliationError without a note."""
    issue = ReconciliationIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.resolved_at is not None:
        return issue
    note = note.strip()
    if not note:
        raise ReconciliationError("Please write a note: what you found, and what you did.")
    issue.note = note[:2000]
    issue.resolved_at = timezone.now()
    issue.resolved_by = saved_user(actor)
    issue.save(update_fields=["note", "resolved_at", "resolved_by"])
    audit(actor=actor, action="reconciliation.issue_resolved", target=issue, data={"note": note})
    return issue
