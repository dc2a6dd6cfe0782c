"""Paying money back. A card refund goes through Stripe's Refunds API from a task, never
while a row is locked; a cash refund waits until someone hands the cash back.

A fee is never refunded twice (one open coop refund per payment at a time, a database
constraint; once it has finished, what is left can go back as its own refund) and never
above what was paid (a CheckConstraint, and our own cap: localstripe does not check
and real Stripe only checks its own side). Refunds Stripe tells us about that we did not
make (from its dashboard) become external rows, so our records match the money.
"""

import datetime as dt
import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

import stripe
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django_tasks import default_task_backend

from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.money import format_pence
from coop.states import check_transition
from finance import hooks, stripe_client
from finance.errors import RefundError
from finance.models import Method, Payment, Refund
from finance.services.postings import post_refund_failed, post_refund_succeeded
from finance.tasks import refund_submit

logger = logging.getLogger(__name__)

TRANSITIONS: dict[str, set[str]] = {
    Refund.Status.PENDING: {Refund.Status.SUCCEEDED, Refund.Status.FAILED},
    Refund.Status.TO_HAND_BACK: {Refund.Status.SUCCEEDED},
    # Stripe can say a refund failed after it said it succeeded (the card was closed).
    Refund.Status.SUCCEEDED: {Refund.Status.FAILED},
    Refund.Status.FAILED: set(),
}
STRIPE_STATUS = {
    "pending": Refund.Status.PENDING,
    "requires_action": Refund.Status.PENDING,
    "succeeded": Refund.Status.SUCCEEDED,
    "failed": Refund.Status.FAILED,
    "canceled": Refund.Status.FAILED,
}
SENDING_LEASE = stripe_client.CALL_LEASE
# After a failed attempt, the task worker tries again this many minutes later; after the
# last, it stops and the finance page's "Try again now" (or refunds_retry) is the way.
BACKOFF_MINUTES = (1, 5, 15, 60, 240)

__all__ = [
    "refund_cash_handed_back",
    "refund_record_from_stripe",
    "refund_retry",
    "refund_send",
    "refund_start",
]


def _counted_pence(payment: Payment, *, excluding: Refund | None = None) -> int:
    refunds = payment.refunds.filter(status__in=Refund.COUNTED)
    if excluding is not None:
        refunds = refunds.exclude(pk=excluding.pk)
    return refunds.aggregate(total=Sum("amount_pence"))["total"] or 0


def _move(refund: Refund, to: str, *, actor: Actor = None, error: str = "") -> None:
    before = refund.status
    check_transition(TRANSITIONS, before, to, what="refund")
    refund.status = to
    refund.sending_since = None
    refund.next_try_at = None
    if to == Refund.Status.SUCCEEDED:
        refund.succeeded_at = timezone.now()
        refund.error = ""
    elif error:
        refund.error = error
    refund.save()
    audit(
        actor=actor,
        action=f"refund.{to}",
        target=refund,
        data={
            "from": before,
            "to": to,
            "payment": refund.payment_id,
            "amount_pence": refund.amount_pence,
            "error": refund.error,
        },
    )
    if to == Refund.Status.SUCCEEDED:
        post_refund_succeeded(refund, actor=actor)
        hooks.refund_succeeded(refund)
    elif before == Refund.Status.SUCCEEDED and to == Refund.Status.FAILED:
        post_refund_failed(refund, actor=actor)
        hooks.refund_failed(refund)


@transaction.atomic
def refund_start(
    *, payment: Payment, reason: str, actor: Actor, amount_pence: int | None = None
) -> Refund:
    """Pay a payment back: all that is left of it by default, or `amount_pence`. Card →
    a pending refund sent to Stripe by the refund_submit task after commit; cash → cash to
    hand back. Calling again returns the refund still open, or (asking for all of it) the
    last one once all has gone back; after a part has gone back, the rest goes back as
    its own refund. Raises RefundError when nothing can be refunded, the amount is above
    what is left, or no reason is given."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    ours = payment.refunds.filter(external=False)
    existing = ours.filter(status__in=Refund.OPEN).first()
    if existing is not None:
        return existing
    reason = reason.strip()
    if not reason:
        raise RefundError("Please say why the money is going back.")
    if payment.status != Payment.Status.SUCCEEDED:
        raise RefundError("Only a payment that went through can be paid back.")
    left = payment.amount_pence - _counted_pence(payment)
    if left <= 0:
        done = ours.filter(status=Refund.Status.SUCCEEDED).first() if amount_pence is None else None
        if done is not None:
            return done  # asked again for all of it: it has all gone back
        raise RefundError("Nothing is left to pay back. This payment has been paid back.")
    if amount_pence is None:
        amount_pence = left
    if isinstance(amount_pence, bool) or not isinstance(amount_pence, int) or amount_pence <= 0:
        raise RefundError("A refund must be a whole number of pence, more than 0.")
    if amount_pence > left:
        raise RefundError(f"You can pay back at most {format_pence(left)}.")
    if payment.method == Method.CARD and not payment.stripe_payment_intent_id:
        raise RefundError("This card payment has no Stripe record, so it cannot go back by card.")
    refund = Refund.objects.create(
        payment=payment,
        amount_pence=amount_pence,
        payment_amount_pence=payment.amount_pence,
        status=Refund.Status.PENDING
        if payment.method == Method.CARD
        else Refund.Status.TO_HAND_BACK,
        method=payment.method,
        reason=reason[:500],
        created_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="refund.started",
        target=refund,
        data={
            "payment": payment.pk,
            "reference": payment.reference,
            "amount_pence": amount_pence,
            "method": refund.method,
            "reason": refund.reason,
        },
    )
    if refund.method == Method.CARD:
        transaction.on_commit(partial(refund_submit.enqueue, refund_id=refund.pk))
    return refund


def _send_at(refund_pk: int, when: dt.datetime, *, lease_of: int | None = None) -> None:
    """After commit, ask the task worker to send this refund at `when`, where the task
    backend can wait (elsewhere refunds_retry does it). `lease_of`: only if that attempt
    is still "sending" then, its worker having died."""
    if default_task_backend.supports_defer:
        kwargs: dict[str, int] = {"refund_id": refund_pk}
        if lease_of is not None:
            kwargs["lease_of"] = lease_of
        transaction.on_commit(lambda: refund_submit.using(run_after=when).enqueue(**kwargs))


def next_try_after(attempts: int, now: dt.datetime) -> dt.datetime | None:
    """When to try again after `attempts` failed attempts; None once the back-off is used up."""
    if attempts > len(BACKOFF_MINUTES):
        return None
    return now + dt.timedelta(minutes=BACKOFF_MINUTES[max(attempts, 1) - 1])


@transaction.atomic
def _claim(refund_pk: int, *, force: bool, lease_of: int | None) -> Refund | None:
    """Take the refund for sending, so no other worker sends it at the same time. None
    when there is nothing to send, someone else is sending it now, Stripe has it already
    or its next try is not due yet (unless `force`), or — for the look after attempt
    `lease_of`'s lease — that attempt has finished."""
    payment_pk = Refund.objects.values_list("payment_id", flat=True).get(pk=refund_pk)
    payment = Payment.objects.select_for_update().get(pk=payment_pk)
    refund = Refund.objects.select_for_update().get(pk=refund_pk)
    if refund.status != Refund.Status.PENDING or refund.method != Method.CARD or refund.external:
        return None
    now = timezone.now()
    if refund.sending_since and now - refund.sending_since < SENDING_LEASE:
        return None
    if lease_of is not None and (refund.sending_since is None or refund.attempts != lease_of):
        return None
    if not force and (
        refund.stripe_refund_id or (refund.next_try_at is not None and now < refund.next_try_at)
    ):
        return None  # Stripe has it (its webhook finishes it), or its next try is not due
    if _counted_pence(payment, excluding=refund) + refund.amount_pence > payment.amount_pence:
        # Someone paid some of it back in Stripe's dashboard since this refund was asked.
        _move(
            refund,
            Refund.Status.FAILED,
            error="More of this payment has been paid back in Stripe since. Check it there.",
        )
        if payment.amount_pence - _counted_pence(payment) > 0:
            # What is still left goes back instead, as its own refund.
            refund_start(payment=payment, reason=refund.reason, actor=None)
        return None
    refund.sending_since = now
    refund.attempts += 1
    refund.next_try_at = None
    refund.save(update_fields=["sending_since", "attempts", "next_try_at"])
    # Should this worker die during the call, another picks the refund up once the
    # lease has run out (and only then: the look does nothing once this attempt ends).
    _send_at(refund.pk, now + SENDING_LEASE + dt.timedelta(minutes=1), lease_of=refund.attempts)
    return refund


def _found_at_stripe(refund: Refund) -> dict[str, Any] | None:
    """The Stripe refund an earlier attempt made, if it got that far before failing.
    Real Stripe would answer a repeated idempotency key with it, but only for a day,
    and localstripe not at all: so look for our id in the refunds' metadata."""
    for found in stripe_client.refund_list(
        payment_intent_id=refund.payment.stripe_payment_intent_id
    ):
        if str((found.get("metadata") or {}).get("coop_refund_id")) == str(refund.pk):
            return found
    return None


def refund_send(
    *, refund: Refund, actor: Actor = None, force: bool = False, lease_of: int | None = None
) -> Refund:
    """Send a pending card refund to Stripe (idempotency key "refund:<pk>"), with no lock
    held during the call. Stripe says succeeded → succeeded and on_refunded hooks. A
    Stripe error → still pending, with the error kept, the attempt counted and the next
    try set (none after the last). Before its next try is due it is not sent, unless
    `force` (refunds_retry, "Try again now"). Safe to call again and from several workers
    at once."""
    claimed = _claim(refund.pk, force=force, lease_of=lease_of)
    if claimed is None:
        return Refund.objects.get(pk=refund.pk)
    payment = claimed.payment
    try:
        data = _found_at_stripe(claimed) if claimed.attempts > 1 else None
        if data is None:
            data = stripe_client.refund_create(
                payment_intent_id=payment.stripe_payment_intent_id,
                amount_pence=claimed.amount_pence,
                metadata={
                    "coop_refund_id": str(claimed.pk),
                    "reference": payment.reference,
                    "reason": claimed.reason,
                },
                idempotency_key=f"refund:{claimed.pk}",
            )
    except stripe.StripeError as error:
        return _attempt_failed(claimed, error, actor)
    with transaction.atomic():
        return refund_record_from_stripe(payment=payment, data=data) or claimed


def _attempt_failed(refund: Refund, error: stripe.StripeError, actor: Actor) -> Refund:
    text = (getattr(error, "user_message", None) or str(error) or type(error).__name__)[:1000]
    logger.warning("Refund %s attempt %s failed: %s", refund.pk, refund.attempts, text)
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        refund.sending_since = None
        refund.error = text
        refund.next_try_at = next_try_after(refund.attempts, timezone.now())
        refund.save(update_fields=["sending_since", "error", "next_try_at"])
        audit(
            actor=actor,
            action="refund.attempt_failed",
            target=refund,
            data={
                "attempt": refund.attempts,
                "error": text,
                "next_try_at": str(refund.next_try_at),
            },
        )
        if refund.next_try_at is not None:
            _send_at(refund.pk, refund.next_try_at)
    return refund


def refund_record_from_stripe(*, payment: Payment, data: Mapping[str, Any]) -> Refund | None:
    """Bring our row for a Stripe refund up to date, inside the caller's transaction:
    ours (by its Stripe id, or our id in its metadata) moves forward; one we did not make
    is recorded as external. Repeats and stale copies change nothing."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    stripe_id = str(data["id"])
    status = STRIPE_STATUS.get(str(data.get("status")), Refund.Status.PENDING)
    locked = Refund.objects.select_for_update()
    refund = locked.filter(stripe_refund_id=stripe_id).first()
    ours = str((data.get("metadata") or {}).get("coop_refund_id") or "")
    if refund is None and ours.isdigit():
        refund = locked.filter(
            pk=int(ours), payment=payment, external=False, stripe_refund_id__isnull=True
        ).first()
    if refund is None:
        return _record_external(payment, data, stripe_id, status)
    if refund.payment_id != payment.pk:
        raise RefundError(f"Stripe refund {stripe_id} belongs to another payment.")
    changed = []
    if not refund.stripe_refund_id:
        refund.stripe_refund_id = stripe_id
        changed.append("stripe_refund_id")
    if refund.sending_since is not None:
        refund.sending_since = None
        changed.append("sending_since")
    if changed:
        refund.save(update_fields=changed)
    if status != refund.status and status in TRANSITIONS[refund.status]:
        error = str(data.get("failure_reason") or "Stripe says this refund did not go through.")
        _move(refund, status, error=error if status == Refund.Status.FAILED else "")
    return refund


def _record_external(
    payment: Payment, data: Mapping[str, Any], stripe_id: str, status: str
) -> Refund:
    reason = str((data.get("metadata") or {}).get("reason") or "")
    refund = Refund.objects.create(
        payment=payment,
        amount_pence=int(data["amount"]),
        payment_amount_pence=payment.amount_pence,
        status=status,
        method=Method.CARD,
        stripe_refund_id=stripe_id,
        reason=(reason or "Paid back in Stripe, not through coop.")[:500],
        external=True,
        succeeded_at=timezone.now() if status == Refund.Status.SUCCEEDED else None,
    )
    audit(
        actor=None,
        action="refund.external_recorded",
        target=refund,
        data={"payment": payment.pk, "stripe_refund_id": stripe_id, "status": status},
    )
    if status == Refund.Status.SUCCEEDED:
        post_refund_succeeded(refund)
        hooks.refund_succeeded(refund)
    return refund


@transaction.atomic
def refund_cash_handed_back(*, refund: Refund, actor: Actor) -> Refund:
    """The cash has been handed back to the member: succeeded, on_refunded hooks run.
    Calling again is safe. Raises RefundError for a refund that is not cash to hand back."""
    Payment.objects.select_for_update().get(pk=refund.payment_id)
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.status == Refund.Status.SUCCEEDED and refund.method == Method.CASH:
        return refund
    if refund.status != Refund.Status.TO_HAND_BACK:
        raise RefundError("Only cash waiting to be handed back can be marked as handed back.")
    _move(refund, Refund.Status.SUCCEEDED, actor=actor)
    return refund


def refund_retry(*, refund: Refund, actor: Actor) -> Refund:
    """The "Try again now" button: a pending card refund is sent now; a failed one is
    asked for again as a new refund (the failed one stays as a record). Returns the refund
    that carries the money now. Raises RefundError when there is nothing to try again."""
    refund = Refund.objects.select_related("payment").get(pk=refund.pk)
    if refund.external:
        raise RefundError("This refund was made in Stripe. Please check it there.")
    if refund.status == Refund.Status.FAILED:
        again = refund_start(
            payment=refund.payment,
            reason=refund.reason,
            actor=actor,
            amount_pence=refund.amount_pence,
        )
        if again.status == Refund.Status.PENDING:
            return refund_send(refund=again, actor=actor, force=True)
        return again
    if refund.status == Refund.Status.PENDING and refund.method == Method.CARD:
        if refund.sending_since and timezone.now() - refund.sending_since < SENDING_LEASE:
            raise RefundError("This refund is being sent now. Please look again in a few minutes.")
        return refund_send(refund=refund, actor=actor, force=True)
    raise RefundError("This refund does not need another try.")
