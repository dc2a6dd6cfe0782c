"""Reconciling with Stripe: match each charge, refund, fee and payout of a period's
fetched balance history (finance.services.stripe_fetch) to our payments, refunds and
ledger.

Matching posts what only Stripe knows (its fees) with keys, so a second run posts nothing
new, and lists what does not match as issues for the finance officer.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from coop.actors import Actor, saved_user
from coop.audit import audit
from finance.errors import ReconciliationError
from finance.models import ReconciliationIssue, StripeBalanceTransaction
from finance.services.reconciliation_checks import (
    CHARGE_TYPES,
    REFUND_TYPES,
    Finder,
    Known,
    Reconciliation,
    match_charge,
    match_other,
    match_payout,
    match_refund,
    ours_missing_at_stripe,
    post_fee,
)
from finance.services.stripe_fetch import check_period

__all__ = [
    "Reconciliation",
    "reconciliation_issue_resolve",
    "reconciliation_match",
    "reconciliation_report",
]


def _in_period(start: dt.date, end: dt.date) -> list[StripeBalanceTransaction]:
    # __date is taken in the current time zone, as timezone.localdate is elsewhere.
    rows = StripeBalanceTransaction.objects.filter(
        created_at__date__gte=start, created_at__date__lte=end
    )
    return list(rows.order_by("created_at", "id"))


def _match(start: dt.date, end: dt.date, actor: Actor, found: Finder) -> Reconciliation:
    check_period(start, end)
    result = Reconciliation(start=start, end=end)
    rows = _in_period(start, end)
    found.known = Known(rows)
    for bt in rows:
        day = timezone.localdate(bt.created_at)
        if bt.type in CHARGE_TYPES:
            match_charge(bt, day, found, result)
        elif bt.type in REFUND_TYPES:
            match_refund(bt, day, found, result)
        elif bt.type == "payout":
            match_payout(bt, day, found, result)
        else:
            match_other(bt, day, found)
        if bt.fee_pence > 0:
            post_fee(bt, day, actor, found, result)
    ours_missing_at_stripe(start, end, found)
    found.finish()
    result.unmatched = sorted(found.listed, key=lambda issue: (issue.occurred_on, issue.key))
    return result


def reconciliation_report(*, start: dt.date, end: dt.date) -> Reconciliation:
    """What matches and what does not for start..end, from what was last fetched, without
    writing anything (for pages and the API). Raises ReconciliationError for a period
    that ends before it starts."""
    return _match(start, end, None, Finder(persist=False))


@transaction.atomic
def reconciliation_match(*, start: dt.date, end: dt.date, actor: Actor) -> Reconciliation:
    """Match the fetched balance history of start..end to our records. Posts each Stripe
    fee (Dr Stripe fees, Cr Stripe balance) once. Keeps what does not match as open
    ReconciliationIssues; an open issue from an earlier run that now matches is resolved
    with a note. Safe to repeat. Raises ReconciliationError for a period that ends before
    it starts."""
    found = Finder(persist=True)
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
    *, issue: ReconciliationIssue, note: str, actor: Actor
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
