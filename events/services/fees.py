"""The booking fee's life: paid (card or cash), waived, kept, refunded. Money rows live in
finance; here the booking follows them through finance's hooks."""

from django.db import transaction

from coop.audit import audit
from events.errors import BookingError
from events.models import Booking
from events.notify import tell_fee, tell_member
from members.models import User

__all__ = [
    "booking_fee_waive",
    "booking_kept_fee_return",
    "booking_record_cash",
    "on_payment_failed",
    "on_payment_succeeded",
    "on_refunded",
    "refund_fee_later",
]

B = Booking.Status
F = Booking.FeeStatus


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


def refund_fee_later(booking: Booking, *, actor: User | None, reason: str) -> None:
    """Start the fee's refund once this transaction commits (never under a row lock)."""
    payment_id = booking.payment_id

    def start() -> None:
        from finance.models import Payment
        from finance.services import refund_start

        if payment_id is not None:
            refund_start(payment=Payment.objects.get(pk=payment_id), reason=reason, actor=actor)

    transaction.on_commit(start)


def keep_fee(booking: Booking, *, actor: User | None) -> None:
    """The fee becomes the co-operative's: mark it kept and move it in the books (from
    "fees held" to "fees kept") in the same transaction."""
    from finance.models import Payment
    from finance.services import fee_keep

    booking.fee_status = F.KEPT
    if booking.payment_id:
        fee_keep(payment=Payment.objects.get(pk=booking.payment_id), actor=actor)


def unkeep_fee(booking: Booking, *, actor: User | None) -> None:
    """Undo keep_fee (a mistaken "Not here"): the fee is held again, in the books too."""
    from finance.models import Payment
    from finance.services import fee_unkeep

    booking.fee_status = F.HELD
    if booking.payment_id:
        fee_unkeep(payment=Payment.objects.get(pk=booking.payment_id), actor=actor)


def on_payment_succeeded(payment) -> None:
    """finance hook, inside finance's transaction: the fee is paid."""
    booking = _booking_for(payment.reference)
    if booking is None:
        return
    if booking.payment_id is None:
        booking.payment_id = payment.pk
    if booking.fee_status == F.AWAITING:
        booking.fee_status = F.HELD
        booking.payment_method = payment.method
        if booking.status == B.AWAITING_PAYMENT:
            booking.status = B.CONFIRMED
            booking.hold_expires_at = None
            tell_member(booking.member, "booked", booking=booking)
    elif booking.status == B.CANCELLED and booking.fee_status == F.NONE:
        # The payment landed after the hold ran out or the member cancelled: give it back.
        booking.fee_status = F.REFUND_PENDING
        booking.payment_method = payment.method
        refund_fee_later(booking, actor=None, reason="paid after the booking ended")
        tell_fee(booking, "returned", because="paid_late")
    booking.save()
    audit(
        actor=None,
        action="booking.fee_paid",
        target=booking,
        data={"payment": payment.pk, "method": payment.method},
    )


def on_payment_failed(payment) -> None:
    """finance hook: the card was declined or the payment abandoned. The place is freed."""
    from events.services.waiting import offer_next_later

    booking = _booking_for(payment.reference)
    if booking is None or booking.status != B.AWAITING_PAYMENT:
        return
    booking.status, booking.fee_status = B.CANCELLED, F.NONE
    booking.hold_expires_at = None
    booking.save()
    audit(
        actor=None,
        action="booking.payment_failed",
        target=booking,
        data={"payment": payment.pk, "error": payment.error},
    )
    offer_next_later(booking.activity)


def on_refunded(refund) -> None:
    """finance hook: money went back to the member (card refund done, or cash handed back)."""
    booking = _booking_for(refund.payment.reference)
    if booking is None:
        return
    booking.refunded_pence = min(booking.fee_pence, booking.refunded_pence + refund.amount_pence)
    booking.fee_status = F.REFUNDED
    booking.save(update_fields=["refunded_pence", "fee_status"])
    audit(
        actor=None,
        action="booking.fee_refunded",
        target=booking,
        data={"refund": refund.pk, "amount_pence": refund.amount_pence},
    )


def booking_record_cash(*, booking: Booking, actor: User) -> Booking:
    """An organiser received the fee in cash. Recording twice records it once."""
    from finance.services import payment_record_cash

    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.fee_status != F.AWAITING or booking.payment_method != "cash":
            if booking.fee_status == F.HELD:
                return booking
            raise BookingError("There is no cash fee to take for this booking.", code="no_cash_due")
        payment_record_cash(
            member=booking.member,
            amount_pence=booking.fee_pence,
            reference=f"booking:{booking.pk}",
            description=f"Booking fee: {booking.activity.title}",
            actor=actor,
        )
    booking.refresh_from_db()
    return booking


def booking_fee_waive(*, booking: Booking, actor: User, reason: str) -> Booking:
    """An organiser or the board waives an unpaid fee (hardship, say). Needs a reason."""
    from events.services.bookings import _cancel_payment_later

    if not reason.strip():
        raise BookingError(
            "Please give the reason for waiving the fee.", code="waiver_reason_needed"
        )
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.fee_status == F.WAIVED:
            return booking
        if booking.fee_status != F.AWAITING:
            raise BookingError(
                "Only a fee that is not paid yet can be waived.", code="fee_not_waivable"
            )
        if booking.payment_id:
            _cancel_payment_later(booking, actor)
        booking.fee_status, booking.payment_method = F.WAIVED, "waived"
        booking.fee_note = reason.strip()
        if booking.status == B.AWAITING_PAYMENT:
            booking.status, booking.hold_expires_at = B.CONFIRMED, None
            tell_member(booking.member, "booked", booking=booking)
        booking.save()
        audit(
            actor=actor,
            action="booking.fee_waived",
            target=booking,
            data={"reason": reason.strip()},
        )
    return booking


def booking_kept_fee_return(*, booking: Booking, actor: User, reason: str) -> Booking:
    """An organiser gives back a fee that would be kept (late cancel or no-show) because of
    illness or an emergency. Needs a reason. Refunded once, however often it is asked."""
    if not reason.strip():
        raise BookingError("Please say why the fee is given back.", code="reason_needed")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.fee_status in (F.REFUND_PENDING, F.REFUNDED):
            return booking
        if booking.fee_status != F.KEPT:
            raise BookingError("This fee is not being kept.", code="fee_not_kept")
        booking.fee_status, booking.fee_note = F.REFUND_PENDING, reason.strip()
        booking.save(update_fields=["fee_status", "fee_note"])
        refund_fee_later(booking, actor=actor, reason=f"kept fee returned: {reason.strip()}")
        tell_fee(booking, "returned", because="given_back")
        audit(
            actor=actor,
            action="booking.kept_fee_returned",
            target=booking,
            data={"reason": reason.strip()},
        )
    return booking
