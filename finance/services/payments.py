"""Taking money: a card payment through a Stripe PaymentIntent, or cash an organiser
records; and giving up on a card payment. A payment names what it is for by `reference`;
the app that made the reference hears the outcome through finance.hooks.

Stripe is called only after our own row is committed and with no row lock held.
"""

import logging
from typing import Any

import stripe
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from coop.actors import Actor, saved_user
from coop.audit import audit
from finance import hooks, stripe_client
from finance.errors import PaymentError
from finance.models import Method, Payment
from finance.services.intents import intent_cancel_at_stripe
from finance.services.payment_states import (
    lock_payment,
    move_payment,
    on_behalf_of,
    stripe_error_text,
)
from finance.services.postings import post_payment_succeeded
from members.models import Branch, Member

logger = logging.getLogger(__name__)

START_FAILED = "We could not start the card payment. Please try again, or pay in cash."

__all__ = [
    "payment_cancel",
    "payment_record_cash",
    "payment_start_card",
    "same_site_path",
]


def same_site_path(url: str) -> bool:
    """A path on this site ("/bookings/3/"), never another site ("//evil.example")."""
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=set())


def _check_new(*, member: Member, amount_pence: int, reference: str, description: str) -> None:
    if member is None or member.pk is None:
        raise PaymentError("A payment needs a member.")
    if isinstance(amount_pence, bool) or not isinstance(amount_pence, int) or amount_pence <= 0:
        raise PaymentError("A payment must be a whole number of pence, more than 0.")
    if not reference.strip() or len(reference) > 100:
        raise PaymentError("A payment needs a reference of up to 100 characters.")
    if not description.strip() or len(description) > 200:
        raise PaymentError("Please say what the payment is for, in up to 200 characters.")


def _live_for(reference: str) -> Payment | None:
    return (
        Payment.objects.select_for_update()
        .filter(reference=reference, status__in=Payment.LIVE)
        .first()
    )


def _create_once(**fields: Any) -> tuple[Payment, bool]:
    """Insert a payment, or return the live one for its reference. A concurrent insert
    loses on finance_payment_once_per_reference and then finds the winner's row."""
    existing = _live_for(fields["reference"])
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return Payment.objects.create(**fields), True
    except IntegrityError:
        existing = _live_for(fields["reference"])
        if existing is None:
            raise
        return existing, False


def _check_same(payment: Payment, *, member: Member, amount_pence: int) -> None:
    if payment.member_id != member.pk or payment.amount_pence != amount_pence:
        raise PaymentError("There is already a payment for this, for another person or amount.")


def payment_start_card(
    *,
    member: Member,
    amount_pence: int,
    reference: str,
    description: str,
    actor: Actor,
    next_url: str = "",
    branch: Branch | None = None,
) -> Payment:
    """Start a card payment (the money of `branch`, or of the whole co-operative): the
    Payment (card, pending) is committed first, then a Stripe
    PaymentIntent is made for it (idempotency key "payment:<pk>") and its id and client
    secret saved. Idempotent per reference: a pending or paid payment for the reference is
    returned, never a second charge. Raises PaymentError on bad input or when Stripe fails
    (the payment is then failed and on_failed hooks have run), and RuntimeError when called
    inside transaction.atomic: a Stripe call must not hold the caller's row locks."""
    _check_new(
        member=member, amount_pence=amount_pence, reference=reference, description=description
    )
    if next_url and not same_site_path(next_url):
        raise PaymentError("The page to come back to must be on this site.")
    if not stripe_client.is_card_enabled():
        raise PaymentError("Card payment is not available. Please pay in cash.")
    # durable=True is what refuses a caller's transaction (Django raises RuntimeError).
    with transaction.atomic(durable=True):
        payment, created = _create_once(
            member=member,
            reference=reference,
            description=description.strip(),
            method=Method.CARD,
            status=Payment.Status.PENDING,
            amount_pence=amount_pence,
            next_url=next_url,
            branch=branch,
            created_by=saved_user(actor),
            intent_requested_at=timezone.now(),
        )
        if created:
            audit(
                actor=actor,
                action="payment.started",
                target=payment,
                on_behalf_of=on_behalf_of(member, actor),
                data={"reference": reference, "amount_pence": amount_pence, "method": "card"},
            )
            ask_stripe = True
        else:
            _check_same(payment, member=member, amount_pence=amount_pence)
            ask_stripe = _claim_intent_request(payment)
    if ask_stripe:
        payment = _intent_create(payment)
    return payment


def _claim_intent_request(payment: Payment) -> bool:
    """For an existing payment (locked): should this caller ask Stripe for its intent?
    Only when nobody has, or whoever did gave up (crashed) long enough ago."""
    if payment.status != Payment.Status.PENDING or payment.method != Method.CARD:
        return False
    if payment.stripe_payment_intent_id:
        return False
    now = timezone.now()
    asked = payment.intent_requested_at
    if asked is not None and now - asked < stripe_client.CALL_LEASE:
        return False  # someone is asking right now; they will save it
    payment.intent_requested_at = now
    payment.save(update_fields=["intent_requested_at"])
    return True


def _intent_create(payment: Payment) -> Payment:
    try:
        intent = stripe_client.payment_intent_create(
            amount_pence=payment.amount_pence,
            metadata={"reference": payment.reference, "payment_id": str(payment.pk)},
            idempotency_key=f"payment:{payment.pk}",
        )
    except stripe.StripeError as error:
        logger.warning("Stripe refused a PaymentIntent for payment %s: %s", payment.pk, error)
        with transaction.atomic():
            payment = lock_payment(payment)
            if payment.status == Payment.Status.PENDING and not payment.stripe_payment_intent_id:
                move_payment(payment, Payment.Status.FAILED, error=stripe_error_text(error))
        raise PaymentError(START_FAILED) from error
    with transaction.atomic():
        payment = lock_payment(payment)
        if not payment.stripe_payment_intent_id:
            payment.stripe_payment_intent_id = intent["id"]
            payment.client_secret = intent["client_secret"]
            payment.save(update_fields=["stripe_payment_intent_id", "client_secret"])
    if payment.status != Payment.Status.PENDING:
        # Stopped while we were asking Stripe: make sure this intent can never be paid.
        intent_cancel_at_stripe(payment.pk)
    return payment


@transaction.atomic
def payment_record_cash(
    *,
    member: Member,
    amount_pence: int,
    reference: str,
    description: str,
    actor: Actor,
    branch: Branch | None = None,
) -> Payment:
    """Record cash taken (by an organiser at the event): paid at once, on_succeeded hooks
    run in this transaction. Idempotent per reference. Raises PaymentError on bad input or
    while a card payment for the same reference is still waiting."""
    _check_new(
        member=member, amount_pence=amount_pence, reference=reference, description=description
    )
    payment, created = _create_once(
        member=member,
        reference=reference,
        description=description.strip(),
        method=Method.CASH,
        status=Payment.Status.SUCCEEDED,
        succeeded_at=timezone.now(),
        amount_pence=amount_pence,
        branch=branch,
        created_by=saved_user(actor),
    )
    if not created:
        if payment.status == Payment.Status.PENDING:
            raise PaymentError(
                "A card payment for this is still waiting. Stop it before you record cash."
            )
        _check_same(payment, member=member, amount_pence=amount_pence)
        return payment
    audit(
        actor=actor,
        action="payment.cash_recorded",
        target=payment,
        on_behalf_of=on_behalf_of(member, actor),
        data={"reference": reference, "amount_pence": amount_pence, "method": "cash"},
    )
    post_payment_succeeded(payment, actor=actor)
    hooks.payment_succeeded(payment)
    return payment


@transaction.atomic
def payment_cancel(*, payment: Payment, actor: Actor) -> Payment:
    """Give up on a pending card payment (say, the place hold ran out): cancelled, with
    on_failed hooks; the PaymentIntent is cancelled at Stripe after commit. Calling again
    is safe. Raises PaymentError when the payment has already gone through."""
    payment = lock_payment(payment)
    if payment.status in (Payment.Status.CANCELLED, Payment.Status.FAILED):
        return payment
    if payment.status == Payment.Status.SUCCEEDED:
        raise PaymentError("This payment has gone through, so it cannot be stopped. Refund it.")
    move_payment(payment, Payment.Status.CANCELLED, actor=actor)
    if payment.stripe_payment_intent_id:
        pk = payment.pk
        transaction.on_commit(lambda: intent_cancel_at_stripe(pk))
    return payment
