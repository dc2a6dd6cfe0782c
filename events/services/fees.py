"""The booking fee's life: paid (card or cash), waived, kept, given back in full or in
part. Money rows live in finance; here the booking follows them through finance's hooks.
Every change of state goes through booking_states.move()."""

from django.db import transaction

from coop.actors import Actor
from events.errors import BookingError
from events.models import Booking
from events.notify import tell_fee, tell_member, tell_place_gone
from events.services.booking_states import move
from events.services.fee_moves import (
    cancel_payment_later,
    check_not_own_fee,
    give_back_later,
    keep_fee,
    record_cash,
)
from events.services.waiting import offer_next_later

__all__ = [
    "booking_fee_waive",
    "booking_kept_fee_return",
    "booking_record_cash",
    "on_payment_failed",
    "on_payment_succeeded",
    "on_refund_failed",
    "on_refunded",
]

BookingStatus = Booking.Status
FeeStatus = Booking.FeeStatus


def _booking_for(reference: str) -> Booking | None:
    try:
        pk = int(reference.removeprefix("booking:"))
    except ValueError:
        return None
    return (
        Booking.objects.select_for_update()
        .select_related("activity", "member")
        .filter(pk=pk)
        .first()
    )


def on_payment_succeeded(payment) -> None:
    """finance hook, inside finance's transaction: the fee is paid. A payment that lands
    when no fee is due any more (the booking ended, or the fee was waived or dropped)
    goes straight back."""
    booking = _booking_for(payment.reference)
    if booking is None:
        return
    fields = {"payment_id": booking.payment_id or payment.pk, "payment_method": payment.method}
    data = {"payment": payment.pk, "method": payment.method}
    if booking.fee_status == FeeStatus.AWAITING:
        confirm = booking.status == BookingStatus.AWAITING_PAYMENT
        if confirm:
            fields["hold_expires_at"] = None
        move(
            booking,
            actor=None,
            action="booking.fee_paid",
            status=BookingStatus.CONFIRMED if confirm else None,
            fee=FeeStatus.HELD,
            data=data,
            **fields,
        )
        if confirm:
            tell_member(booking.member, "booked", booking=booking)
    elif booking.fee_status in (FeeStatus.NONE, FeeStatus.WAIVED):
        move(
            booking,
            actor=None,
            action="booking.fee_paid_late",
            fee=FeeStatus.REFUND_PENDING,
            data=data,
            fee_set_by_attendance=False,
            **fields,
        )
        give_back_later(
            booking, actor=None, reason="paid after the fee was no longer due", was_kept=False
        )
        tell_fee(booking, "returned", because="paid_late")


def on_payment_failed(payment) -> None:
    """finance hook: the card was declined or the payment abandoned. The place is freed."""
    booking = _booking_for(payment.reference)
    if booking is None or booking.status != BookingStatus.AWAITING_PAYMENT:
        return
    move(
        booking,
        actor=None,
        action="booking.payment_failed",
        status=BookingStatus.CANCELLED,
        fee=FeeStatus.NONE,
        data={"payment": payment.pk, "error": payment.error},
        hold_expires_at=None,
    )
    declined = payment.status == payment.Status.FAILED
    tell_place_gone(booking, "card_declined" if declined else "hold_ran_out")
    offer_next_later(booking.activity)


def on_refunded(refund) -> None:
    """finance hook: money went back to the member (a card refund done, cash handed back,
    or a refund made in Stripe's dashboard, perhaps of only part of the fee). The booking
    counts what came back; while some of the fee is still held, it can still come back
    or be kept."""
    booking = _booking_for(refund.payment.reference)
    if booking is None:
        return
    refunded = min(booking.fee_pence, booking.refunded_pence + refund.amount_pence)
    if refunded >= booking.fee_pence:
        fee = FeeStatus.REFUNDED
    elif booking.fee_status in (FeeStatus.HELD, FeeStatus.PART_REFUNDED):
        fee = FeeStatus.PART_REFUNDED
    elif booking.fee_status in (FeeStatus.KEPT, FeeStatus.REFUND_PENDING):
        fee = booking.fee_status  # still kept, or the rest still on its way
    else:
        fee = None
    move(
        booking,
        actor=None,
        action="booking.fee_refunded",
        fee=fee,
        data={"refund": refund.pk, "amount_pence": refund.amount_pence},
        refunded_pence=refunded,
    )


def on_refund_failed(refund) -> None:
    """finance hook: a refund Stripe said had gone back failed after all (the card was
    closed, say), and finance has taken it off the books. The booking stops counting it.
    A fee that was on its way back, or all back, is given back again as a new refund; a
    part given back while the booking stands is held again; a kept fee keeps that part
    too."""
    booking = _booking_for(refund.payment.reference)
    if booking is None:
        return
    refunded = max(0, booking.refunded_pence - refund.amount_pence)
    again = booking.fee_status in (FeeStatus.REFUNDED, FeeStatus.REFUND_PENDING)
    if again:
        fee = FeeStatus.REFUND_PENDING
    elif booking.fee_status in (FeeStatus.HELD, FeeStatus.PART_REFUNDED):
        fee = FeeStatus.PART_REFUNDED if refunded else FeeStatus.HELD
    else:
        fee = None
    move(
        booking,
        actor=None,
        action="booking.refund_failed",
        fee=fee,
        data={"refund": refund.pk, "amount_pence": refund.amount_pence, "error": refund.error},
        refunded_pence=refunded,
    )
    if again:
        give_back_later(
            booking, actor=None, reason="the last refund did not reach the member", was_kept=False
        )
    elif booking.fee_status == FeeStatus.KEPT:
        keep_fee(booking, actor=None)


def booking_record_cash(*, booking: Booking, actor: Actor) -> Booking:
    """An organiser received the fee in cash. Recording twice records it once."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.fee_status != FeeStatus.AWAITING or booking.payment_method != "cash":
            if booking.fee_status == FeeStatus.HELD:
                return booking
            raise BookingError("There is no cash fee to take for this booking.", code="no_cash_due")
        record_cash(booking, actor)
    booking.refresh_from_db()
    return booking


def booking_fee_waive(*, booking: Booking, actor: Actor, reason: str) -> Booking:
    """An organiser or the board waives an unpaid fee (hardship, say). Needs a reason.
    Nobody waives their own fee."""
    if not reason.strip():
        raise BookingError(
            "Please give the reason for waiving the fee.", code="waiver_reason_needed"
        )
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("member").get(pk=booking.pk)
        check_not_own_fee(booking.member, actor)
        if booking.fee_status == FeeStatus.WAIVED:
            return booking
        if booking.fee_status != FeeStatus.AWAITING:
            raise BookingError(
                "Only a fee that is not paid yet can be waived.", code="fee_not_waivable"
            )
        cancel_payment_later(booking, actor)
        confirm = booking.status == BookingStatus.AWAITING_PAYMENT
        move(
            booking,
            actor=actor,
            action="booking.fee_waived",
            status=BookingStatus.CONFIRMED if confirm else None,
            fee=FeeStatus.WAIVED,
            data={"reason": reason.strip()},
            payment_method="waived",
            fee_note=reason.strip(),
            hold_expires_at=None if confirm else booking.hold_expires_at,
        )
        if confirm:
            tell_member(booking.member, "booked", booking=booking)
    return booking


def booking_kept_fee_return(*, booking: Booking, actor: Actor, reason: str) -> Booking:
    """An organiser gives back a fee that would be kept (late cancel or no-show) because of
    illness or an emergency. Needs a reason. Refunded once, however often it is asked."""
    if not reason.strip():
        raise BookingError("Please say why the fee is given back.", code="reason_needed")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.fee_status in (FeeStatus.REFUND_PENDING, FeeStatus.REFUNDED):
            return booking
        if booking.fee_status != FeeStatus.KEPT:
            raise BookingError("This fee is not being kept.", code="fee_not_kept")
        move(
            booking,
            actor=actor,
            action="booking.kept_fee_returned",
            fee=FeeStatus.REFUND_PENDING,
            data={"reason": reason.strip()},
            fee_note=reason.strip(),
        )
        give_back_later(
            booking, actor=actor, reason=f"kept fee returned: {reason.strip()}", was_kept=True
        )
        tell_fee(booking, "returned", because="given_back")
    return booking
