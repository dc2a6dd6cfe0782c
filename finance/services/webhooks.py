"""Stripe's webhook events: stored once by id, then applied in one transaction.

Stripe may send an event late, twice, or before an older one. Each handler brings our
rows in line with the object in the event, moving states only forward, so any order and
any number of repeats end in the same state. What has to be fetched from Stripe is
fetched before the transaction, so no lock is held during a network call.
"""

import json
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

import stripe
from django.db import transaction
from django.utils import timezone

from finance import stripe_client
from finance.errors import WebhookRefused
from finance.models import Payment, StripeEvent
from finance.services.intents import payment_apply_intent, payment_sync
from finance.services.refunds import refund_record_from_stripe

logger = logging.getLogger(__name__)

PAYMENT_INTENT_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
}
REFUND_EVENTS = {"refund.created", "refund.updated", "refund.failed"}

# How far a delivery's signed time may be from our clock, either way (Stripe's default).
WEBHOOK_TOLERANCE_SECONDS = stripe.Webhook.DEFAULT_TOLERANCE

__all__ = ["stripe_event_process", "stripe_event_store", "stripe_event_verify"]


def stripe_event_verify(*, body: bytes, signature: str, secret: str) -> dict[str, Any]:
    """The event in a delivery, once its signature and time are right and it has the shape
    of an event. Raises WebhookRefused otherwise; nothing is kept.

    Stripe's library checks the signature and refuses a signed time too far in the past,
    but not one in the future (a replay that stays valid until then), so that side is
    checked here. Its construct_event is not used: it fails with an AttributeError on a
    signed body that is not a JSON object."""
    try:
        stripe.WebhookSignature.verify_header(body, signature, secret, WEBHOOK_TOLERANCE_SECONDS)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise WebhookRefused("The signature is not right.") from error
    signed_at = int(next(p[2:] for p in signature.split(",") if p.startswith("t=")))
    if signed_at > time.time() + WEBHOOK_TOLERANCE_SECONDS:
        raise WebhookRefused("The signature's time is in the future.")
    try:
        payload = json.loads(body)
    except ValueError as error:
        raise WebhookRefused("The payload is not JSON.") from error
    if not (
        isinstance(payload, dict)
        and isinstance(payload.get("id"), str)
        and 0 < len(payload["id"]) <= StripeEvent._meta.get_field("stripe_event_id").max_length
        and isinstance(payload.get("type"), str)
        and len(payload["type"]) <= StripeEvent._meta.get_field("type").max_length
        and isinstance(payload.get("data"), dict)
        and isinstance(payload["data"].get("object"), dict)
    ):
        raise WebhookRefused("The payload is not an event.")
    return payload


def stripe_event_store(*, payload: Mapping[str, Any]) -> tuple[StripeEvent, bool]:
    """Keep a verified event; the same event id twice is kept once. Returns (event,
    created)."""
    return StripeEvent.objects.get_or_create(
        stripe_event_id=str(payload["id"]),
        defaults={"type": str(payload.get("type") or ""), "payload": dict(payload)},
    )


def stripe_event_process(*, event: StripeEvent) -> StripeEvent:
    """Apply a stored event once. On any error the event keeps the error text and stays
    unprocessed, and the error is raised again (the webhook answers 500, Stripe retries)."""
    if event.processed_at is not None:
        return event
    try:
        apply = _prepare(event)
        with transaction.atomic():
            locked = StripeEvent.objects.select_for_update().get(pk=event.pk)
            if locked.processed_at is not None:
                return locked  # another delivery of it got here first
            apply()
            locked.processed_at = timezone.now()
            locked.error = ""
            locked.save(update_fields=["processed_at", "error"])
            return locked
    except Exception as error:
        StripeEvent.objects.filter(pk=event.pk).update(
            error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise


def _nothing() -> None:
    return None


def _prepare(event: StripeEvent) -> Callable[[], None]:
    """What to do for this event, with anything Stripe must be asked already asked."""
    obj = (event.payload.get("data") or {}).get("object") or {}
    if event.type in PAYMENT_INTENT_EVENTS:
        return lambda: _apply_intent(obj)
    if event.type == "charge.refunded":
        return _prepare_charge_refunded(obj)
    if event.type in REFUND_EVENTS:
        return _prepare_refund(obj)
    return _nothing  # an event we do not act on: kept, marked processed


def _apply_intent(intent: Mapping[str, Any]) -> None:
    payment_apply_intent(intent=intent)


def _payment_for_charge(charge_id: str, intent_id: str) -> Payment | None:
    """Our payment for a charge: by its payment intent, by the charge id we saved, or by
    asking Stripe which intent the charge belongs to."""
    if intent_id:
        payment = Payment.objects.filter(stripe_payment_intent_id=intent_id).first()
        if payment is not None:
            return payment
    if not charge_id:
        return None
    payment = Payment.objects.filter(stripe_charge_id=charge_id).first()
    if payment is not None or intent_id:
        return payment
    try:
        charge = stripe_client.charge_retrieve(charge_id)
    except stripe.InvalidRequestError as error:
        if error.http_status == 404:
            return None  # Stripe has no such charge: certainly not one of ours
        raise
    intent_id = stripe_client.object_id(charge.get("payment_intent"))
    return Payment.objects.filter(stripe_payment_intent_id=intent_id).first() if intent_id else None


def _known_paid(payment: Payment) -> Payment:
    """A refund proves the payment went through: record that first when we had not heard
    (its success event may still be on its way)."""
    if payment.status != Payment.Status.SUCCEEDED:
        return payment_sync(payment=payment)
    return payment


def _prepare_charge_refunded(charge: Mapping[str, Any]) -> Callable[[], None]:
    charge_id = str(charge.get("id") or "")
    payment = _payment_for_charge(charge_id, stripe_client.object_id(charge.get("payment_intent")))
    if payment is None:
        return _nothing  # not a coop payment
    payment = _known_paid(payment)
    listed = charge.get("refunds")
    if isinstance(listed, Mapping) and not listed.get("has_more"):
        refunds = list(listed.get("data") or [])
    else:
        # Recent Stripe API versions leave `refunds` out of the charge: ask for them.
        refunds = stripe_client.refund_list(charge_id=charge_id)

    def apply() -> None:
        for refund in refunds:
            refund_record_from_stripe(payment=payment, data=refund)

    return apply


def _prepare_refund(refund: Mapping[str, Any]) -> Callable[[], None]:
    payment = _payment_for_charge(
        stripe_client.object_id(refund.get("charge")),
        stripe_client.object_id(refund.get("payment_intent")),
    )
    if payment is None:
        return _nothing
    payment = _known_paid(payment)

    def apply() -> None:
        refund_record_from_stripe(payment=payment, data=refund)

    return apply
