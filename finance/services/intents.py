"""Applying what Stripe says about a card payment: from a fetch (payment_sync), from a
webhook, or after we asked Stripe to cancel. Stripe is never called under a row lock; its
answer is applied under one, moving only forward, so repeats and stale copies change
nothing."""

import logging
from collections.abc import Mapping
from typing import Any

import stripe
from django.db import transaction

from coop.audit import audit
from finance import stripe_client
from finance.errors import PaymentError
from finance.models import Method, Payment
from finance.services.payment_states import move_payment

logger = logging.getLogger(__name__)

DECLINED = "The card payment did not go through."

__all__ = ["payment_apply_intent", "payment_sync"]


def _payment_for_intent(intent: Mapping[str, Any]) -> Payment | None:
    """Our payment for a PaymentIntent, locked. Found by the intent's id, or by the
    payment id in its metadata when we crashed before saving the intent's id."""
    locked = Payment.objects.select_for_update()
    found = locked.filter(stripe_payment_intent_id=intent["id"]).first()
    if found is not None:
        return found
    payment_id = str((intent.get("metadata") or {}).get("payment_id") or "")
    if not payment_id.isdigit():
        return None
    found = locked.filter(
        pk=int(payment_id), method=Method.CARD, stripe_payment_intent_id__isnull=True
    ).first()
    if found is not None:
        found.stripe_payment_intent_id = intent["id"]
        found.save(update_fields=["stripe_payment_intent_id"])
    return found


def _late_success_blocked(payment: Payment) -> bool:
    """A stopped payment Stripe later took, while another payment now holds the reference:
    recording it as paid would break finance_payment_once_per_reference."""
    return (
        Payment.objects.filter(reference=payment.reference, status__in=Payment.LIVE)
        .exclude(pk=payment.pk)
        .exists()
    )


def payment_apply_intent(*, intent: Mapping[str, Any]) -> Payment | None:
    """Bring our payment in line with a PaymentIntent (fetched, or from a webhook).
    Moves only forward; repeats and stale copies change nothing. Returns None for an
    intent that is not ours."""
    with transaction.atomic():
        payment = _payment_for_intent(intent)
        if payment is None:
            return None
        charge_id = stripe_client.object_id(intent.get("latest_charge"))
        if charge_id and payment.stripe_charge_id != charge_id:
            payment.stripe_charge_id = charge_id
            payment.save(update_fields=["stripe_charge_id"])
        status = intent.get("status")
        failure = intent.get("last_payment_error")
        if status == "succeeded" and payment.status != Payment.Status.SUCCEEDED:
            if payment.status != Payment.Status.PENDING and _late_success_blocked(payment):
                _flag_late_success(payment)
            else:
                move_payment(payment, Payment.Status.SUCCEEDED)
        elif (
            status == "requires_payment_method"
            and failure
            and payment.status == Payment.Status.PENDING
        ):
            # A decline. Stop the intent too, so it cannot be paid after we said it failed.
            move_payment(
                payment, Payment.Status.FAILED, error=str(failure.get("message") or DECLINED)[:1000]
            )
            pk = payment.pk
            transaction.on_commit(lambda: intent_cancel_at_stripe(pk))
        elif status == "canceled" and payment.status == Payment.Status.PENDING:
            move_payment(
                payment, Payment.Status.CANCELLED, error="The payment was stopped at Stripe."
            )
        return payment


def _flag_late_success(payment: Payment) -> None:
    message = (
        "Stripe took this payment after it was stopped, and another payment is now live "
        "for the same thing. Refund one of them in Stripe."
    )
    if payment.error != message:
        payment.error = message
        payment.save(update_fields=["error"])
        audit(
            actor=None,
            action="payment.late_success_flagged",
            target=payment,
            data={"reference": payment.reference},
        )
        logger.error("Payment %s: %s", payment.pk, message)


def payment_sync(*, payment: Payment) -> Payment:
    """Ask Stripe how a card payment stands (no lock held during the call), then apply it
    under a lock: succeeded, failed after a decline, or cancelled; hooks run once per
    change. Safe to repeat, in any order with webhooks. Call it outside transactions.
    Raises PaymentError when Stripe cannot be asked just now."""
    if (
        payment.method != Method.CARD
        or not payment.stripe_payment_intent_id
        or not stripe_client.is_card_enabled()
    ):
        payment.refresh_from_db()
        return payment
    try:
        intent = stripe_client.payment_intent_retrieve(payment.stripe_payment_intent_id)
    except stripe.StripeError as error:
        logger.warning("Could not fetch PaymentIntent for payment %s: %s", payment.pk, error)
        raise PaymentError(
            "We could not check the card payment just now. Please try again in a few minutes."
        ) from error
    return payment_apply_intent(intent=intent) or payment


def intent_cancel_at_stripe(payment_pk: int) -> None:
    """After commit, best effort: stop the intent at Stripe. When Stripe refuses (it was
    paid a moment ago, or is already stopped) or cannot be reached, record what is true
    now; a webhook or the next sync puts right anything still missed."""
    payment = Payment.objects.get(pk=payment_pk)
    intent_id = payment.stripe_payment_intent_id
    if not intent_id or not stripe_client.is_card_enabled():
        return
    try:
        intent = stripe_client.payment_intent_cancel(
            intent_id, idempotency_key=f"payment-cancel:{payment.pk}"
        )
    except stripe.StripeError as error:
        logger.info("Stripe did not cancel %s for payment %s: %s", intent_id, payment.pk, error)
        try:
            intent = stripe_client.payment_intent_retrieve(intent_id)
        except stripe.StripeError:
            logger.warning("Could not check PaymentIntent %s after a cancel", intent_id)
            return
    payment_apply_intent(intent=intent)
