"""The shared moves of a booking's place and fee, used by booking, waiting-list, fee and
attendance services alike: hold a place, take cash, start a card payment, keep the fee,
stop keeping it, give it back, cancel a payment not finished. This module sits below
those services and imports none of them, so they never import each other's insides.

Money moves happen in finance, after commit or in the caller's transaction as each says;
the booking's own states change only through booking_states.move()."""

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django_tasks import default_task_backend

from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError
from events.errors import BookingError
from events.models import Activity, Booking
from events.models import places_left as left_of
from events.services.booking_states import move
from events.tasks import booking_expire_task
from finance.models import Payment
from finance.services import (
    PaymentError,
    fee_keep,
    fee_unkeep,
    payment_cancel,
    payment_record_cash,
    payment_start_card,
    refund_start,
)
from members.models import Member
from members.services import own_fee

__all__ = [
    "cancel_payment_later",
    "check_not_own_fee",
    "expire_later",
    "give_back_later",
    "hold_place",
    "keep_fee",
    "places_left",
    "record_cash",
    "start_card_payment",
    "unkeep_fee",
]

logger = logging.getLogger(__name__)
BookingStatus = Booking.Status
FeeStatus = Booking.FeeStatus


def places_taken(activity: Activity) -> int:
    used = activity.bookings.filter(status__in=Booking.HOLDING).values_list(
        "places_used", flat=True
    )
    return sum(used)


def places_left(activity: Activity) -> int:
    return left_of(activity.places, places_taken(activity))


def check_not_own_fee(member: Member, actor: Actor) -> None:
    """Nobody waives their own booking fee (members/services/own_fee.py)."""
    own_fee.check_not_own_fee(member, actor, ask="organiser", error=BookingError)


def method_for(payment: str, fee: int) -> str:
    if fee == 0:
        return Booking.PaymentMethod.NONE
    return {"card": "card", "cash": "cash", "cash_received": "cash", "waived": "waived"}[payment]


def hold_place(
    booking: Booking,
    *,
    payment: str,
    now: dt.datetime,
    reason: str,
    actor: Actor,
    action: str,
    data: dict[str, Any] | None = None,
) -> Booking:
    """Give the booking its place (a new booking, or an offer taken up): confirmed when
    there is no fee, it is waived, or paid in cash; held while a card payment completes."""
    fee = booking.fee_pence
    waived_already = booking.fee_status == FeeStatus.WAIVED  # waived while they waited
    if waived_already:
        payment = "waived"
    fields: dict[str, Any] = {"payment_method": method_for(payment, fee), "offer_expires_at": None}
    if fee == 0:
        status, fee_to = BookingStatus.CONFIRMED, FeeStatus.NONE
    elif waived_already:
        status, fee_to = BookingStatus.CONFIRMED, FeeStatus.WAIVED
    elif payment == "waived":
        check_not_own_fee(booking.member, actor)
        status, fee_to = BookingStatus.CONFIRMED, FeeStatus.WAIVED
        fields["fee_note"] = reason.strip()
    elif payment in ("cash", "cash_received"):
        status, fee_to = BookingStatus.CONFIRMED, FeeStatus.AWAITING
    else:
        status, fee_to = BookingStatus.AWAITING_PAYMENT, FeeStatus.AWAITING
        fields["hold_expires_at"] = now + dt.timedelta(minutes=settings.BOOKING_HOLD_MINUTES)
    move(
        booking,
        actor=actor,
        action=action,
        status=status,
        fee=fee_to if fee_to != booking.fee_status else None,
        data=data,
        on_behalf_of=booking.member.user if booking.on_behalf else None,
        **fields,
    )
    if status == BookingStatus.AWAITING_PAYMENT:
        expire_later(booking, booking.hold_expires_at)
    return booking


def expire_later(booking: Booking, when: dt.datetime | None) -> None:
    """After commit, ask the task worker to let go of this hold or offer when it runs out
    (where the task backend can wait; `bookings_tidy` on a timer catches any left)."""
    if when is None or not default_task_backend.supports_defer:
        return
    pk = booking.pk
    transaction.on_commit(lambda: booking_expire_task.using(run_after=when).enqueue(booking_id=pk))


def record_cash(booking: Booking, actor: Actor) -> None:
    """The fee was paid in cash: finance records it, and its hook marks the fee held."""
    payment_record_cash(
        member=booking.member,
        amount_pence=booking.fee_pence,
        reference=f"booking:{booking.pk}",
        description=f"Booking fee: {booking.activity.title}",
        actor=actor,
        branch=booking.activity.branch,
    )


def start_card_payment(booking: Booking, actor: Actor) -> Booking:
    """Start the Stripe payment for a held booking (outside any transaction)."""
    try:
        payment = payment_start_card(
            member=booking.member,
            amount_pence=booking.fee_pence,
            reference=f"booking:{booking.pk}",
            description=f"Booking fee: {booking.activity.title}",
            actor=actor,
            next_url=reverse("booking-detail", kwargs={"pk": booking.pk}),
            branch=booking.activity.branch,
        )
    except PaymentError as error:
        booking.refresh_from_db()
        raise BookingError(error.message, code="payment_failed") from error
    Booking.objects.filter(pk=booking.pk, payment_id__isnull=True).update(payment_id=payment.pk)
    booking.refresh_from_db()
    return booking


def _payment(booking: Booking):
    return Payment.objects.get(pk=booking.payment_id) if booking.payment_id else None


def keep_fee(booking: Booking, *, actor: Actor) -> None:
    """In the caller's transaction, after the move to "kept": what is still held moves
    in the books from fees held to fees kept (income)."""
    payment = _payment(booking)
    if payment is not None:
        fee_keep(payment=payment, actor=actor)


def unkeep_fee(booking: Booking, *, actor: Actor) -> None:
    """Undo keep_fee in the books: what was kept is held for the member again."""
    payment = _payment(booking)
    if payment is not None:
        fee_unkeep(payment=payment, actor=actor)


def give_back_later(booking: Booking, *, actor: Actor, reason: str, was_kept: bool) -> None:
    """After the move to "refund pending": a kept fee stops being income now, and what
    is still held goes back to the member once this transaction commits (never under a
    row lock). The refund is all that is left of the payment."""
    if was_kept:
        unkeep_fee(booking, actor=actor)
    payment_id = booking.payment_id

    def start() -> None:
        if payment_id is None:
            return
        try:
            refund_start(payment=Payment.objects.get(pk=payment_id), reason=reason, actor=actor)
        except CoopError as error:
            # The booking's own change is saved; finance sees why no refund started.
            logger.warning("No refund started for booking %s: %s", booking.pk, error.message)
            audit(
                actor=actor,
                action="booking.refund_not_started",
                target=booking,
                data={"error": error.message},
            )

    transaction.on_commit(start)


def cancel_payment_later(booking: Booking, actor: Actor) -> None:
    """After commit, stop a card payment that is no longer wanted, if it is still open."""
    payment_id = booking.payment_id
    if payment_id is None:
        return

    def cancel() -> None:
        payment = Payment.objects.get(pk=payment_id)
        if payment.status == "pending":
            try:
                payment_cancel(payment=payment, actor=actor)
            except CoopError as error:  # Stripe out of reach: the hold's expiry tries again
                logger.warning("Payment %s not cancelled: %s", payment_id, error.message)

    transaction.on_commit(cancel)
