"""Booking a place, paying the fee, cancelling. Places are counted under a row lock on the
activity, so two people can never take the last place."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from coop.audit import audit
from events.errors import BookingError
from events.models import Activity, Booking
from events.notify import tell_member
from members.models import Member, User
from members.selectors import member_has_agreed_current_guidelines

__all__ = [
    "booking_cancel",
    "booking_cancel_by_coop",
    "booking_create",
    "places_left",
]

B = Booking.Status
F = Booking.FeeStatus
GUEST_KINDS = {"carer", "family", "support_worker"}
PAYMENTS = {"card", "cash", "cash_received", "waived"}


def places_taken(activity: Activity) -> int:
    used = activity.bookings.filter(status__in=Booking.HOLDING).values_list(
        "places_used", flat=True
    )
    return sum(used)


def places_left(activity: Activity) -> int:
    return max(activity.places - places_taken(activity), 0)


def fee_for(activity: Activity, guests: list[dict]) -> int:
    """The member pays the fee, and so does each guest except support workers."""
    payers = 1 + sum(1 for g in guests if g["kind"] != "support_worker")
    return activity.fee_pence * payers


def places_for(activity: Activity, guests: list[dict]) -> int:
    return 1 + (len(guests) if activity.guests_take_place else 0)


def _check_member_can_book(member: Member) -> None:
    if member.status != Member.Status.ACTIVE:
        raise BookingError("Only active members can book.", code="not_active")
    if not member_has_agreed_current_guidelines(member):
        raise BookingError(
            "Please read and agree our guidelines first. Then you can book.",
            code="guidelines_not_agreed",
        )


def _check_activity_can_book(
    activity: Activity, guests: list[dict], payment: str, now: dt.datetime
) -> None:
    if activity.status != Activity.Status.PUBLISHED:
        raise BookingError("This activity is not open for booking.", code="booking_closed")
    if now < activity.booking_opens_at:
        raise BookingError("Booking has not opened yet.", code="booking_not_open")
    if now > activity.booking_closes_at:
        raise BookingError("Booking has closed for this activity.", code="booking_closed")
    if guests and not activity.guests_allowed:
        raise BookingError("Guests cannot come to this activity.", code="guests_not_allowed")
    if any(g.get("kind") not in GUEST_KINDS for g in guests) or len(guests) > 5:
        raise BookingError("Please say who is coming with you.", code="bad_guests")
    if payment not in PAYMENTS:
        raise BookingError("Please choose how to pay the booking fee.", code="bad_payment")


def booking_create(
    *,
    activity: Activity,
    member: Member,
    actor: User,
    guests: list[dict] | None = None,
    payment: str = "card",
    waive_reason: str = "",
) -> Booking:
    """Book a place for the member (and guests). With a free place: confirmed at once when
    there is no fee (or it is waived, or paid in cash); held while a card payment
    completes. Without one: on the waiting list. Raises BookingError with a code.
    Must not be called inside a transaction: the card payment is started after commit."""
    from events.services.waiting import tidy_activity

    guests = [dict(g) for g in (guests or [])]
    now = timezone.now()
    tidy_activity(activity)
    # What depends on the member alone is checked before the activity is locked, so the
    # lock every booking for this activity waits on is held as briefly as it can be.
    _check_member_can_book(member)
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        _check_activity_can_book(activity, guests, payment, now)
        # One read under the lock: the places held, and whether this member is booked.
        live = list(
            activity.bookings.filter(
                Q(status__in=Booking.HOLDING) | Q(member=member, status__in=Booking.LIVE)
            ).values_list("member_id", "status", "places_used")
        )
        if any(member_id == member.pk for member_id, _, _ in live):
            raise BookingError("You have booked this already.", code="already_booked")
        taken = sum(used for _, state, used in live if state in Booking.HOLDING)
        fee = fee_for(activity, guests)
        needed = places_for(activity, guests)
        if payment == "card" and fee and not _card_enabled():
            raise BookingError(
                "Card payments are not set up. Please pay in cash.", code="card_unavailable"
            )
        if payment == "waived" and not waive_reason.strip():
            raise BookingError(
                "Please give the reason for waiving the fee.", code="waiver_reason_needed"
            )
        booking = Booking(
            activity=activity,
            member=member,
            guests=guests,
            places_used=needed,
            fee_pence=fee,
            booked_by=actor,
            on_behalf=actor.pk != member.user_id,
        )
        if activity.places - taken < needed:
            booking.status, booking.waiting_since = B.WAITING, now
            booking.fee_status = F.NONE if fee == 0 else F.AWAITING
            booking.payment_method = _method(payment, fee)
        else:
            _hold(booking, payment=payment, fee=fee, now=now, reason=waive_reason)
        booking.save()
        audit(
            actor=actor,
            action="booking.created",
            target=booking,
            on_behalf_of=member.user if booking.on_behalf else None,
            data={
                "status": booking.status,
                "fee_pence": fee,
                "payment": payment,
                "guests": len(guests),
            },
        )
        # Cash is taken only for a held place: someone waiting pays when offered one.
        if booking.status == B.CONFIRMED and payment == "cash_received" and fee:
            _record_cash(booking, actor)
            booking.refresh_from_db()
        # The news is written with the booking, so nobody hears of one that was rolled back
        # and no booking goes untold. (A card booking is told when its payment completes.)
        if booking.status == B.WAITING:
            tell_member(booking.member, "waiting", booking=booking)
        elif booking.status == B.CONFIRMED:
            tell_member(booking.member, "booked", booking=booking)
    if booking.status == B.AWAITING_PAYMENT:
        booking = start_card_payment(booking, actor)
    return booking


def _method(payment: str, fee: int) -> str:
    if fee == 0:
        return Booking.PaymentMethod.NONE
    return {"card": "card", "cash": "cash", "cash_received": "cash", "waived": "waived"}[payment]


def _hold(booking: Booking, *, payment: str, fee: int, now: dt.datetime, reason: str) -> None:
    """Give the booking its place: how depends on the fee and how it is paid."""
    booking.payment_method = _method(payment, fee)
    if fee == 0:
        booking.status, booking.fee_status = B.CONFIRMED, F.NONE
    elif payment == "waived":
        booking.status, booking.fee_status, booking.fee_note = B.CONFIRMED, F.WAIVED, reason
    elif payment in ("cash", "cash_received"):
        booking.status, booking.fee_status = B.CONFIRMED, F.AWAITING
    else:
        booking.status, booking.fee_status = B.AWAITING_PAYMENT, F.AWAITING
        booking.hold_expires_at = now + dt.timedelta(minutes=settings.BOOKING_HOLD_MINUTES)


def _card_enabled() -> bool:
    from finance.stripe_client import is_card_enabled

    return is_card_enabled()


def _record_cash(booking: Booking, actor: User) -> None:
    from finance.services import payment_record_cash

    payment_record_cash(
        member=booking.member,
        amount_pence=booking.fee_pence,
        reference=f"booking:{booking.pk}",
        description=f"Booking fee: {booking.activity.title}",
        actor=actor,
    )


def start_card_payment(booking: Booking, actor: User) -> Booking:
    """Start the Stripe payment for a held booking (outside any transaction)."""
    from finance.services import PaymentError, payment_start_card

    try:
        payment = payment_start_card(
            member=booking.member,
            amount_pence=booking.fee_pence,
            reference=f"booking:{booking.pk}",
            description=f"Booking fee: {booking.activity.title}",
            actor=actor,
            next_url=reverse("booking-detail", kwargs={"pk": booking.pk}),
        )
    except PaymentError as error:
        booking.refresh_from_db()
        raise BookingError(error.message, code="payment_failed") from error
    Booking.objects.filter(pk=booking.pk, payment_id__isnull=True).update(payment_id=payment.pk)
    booking.refresh_from_db()
    return booking


def _cancel(booking: Booking, *, actor: User, by_coop: bool) -> Booking:
    """Cancel under a lock; decide what happens to the fee; start any refund after
    commit; offer the freed place."""
    from events.services.fees import keep_fee, refund_fee_later
    from events.services.waiting import offer_next_later

    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("activity").get(pk=booking.pk)
        if booking.status == B.CANCELLED:
            return booking  # already done
        if booking.status in (B.ATTENDED, B.NO_SHOW) and not by_coop:
            raise BookingError(
                "This activity has happened. It cannot be cancelled now.", code="already_happened"
            )
        held_place = booking.status in Booking.HOLDING
        now = timezone.now()
        booking.status, booking.cancelled_at = B.CANCELLED, now
        if booking.fee_status in (F.HELD, F.KEPT):
            if by_coop or now <= booking.activity.cancel_by:
                booking.fee_status = F.REFUND_PENDING
                refund_fee_later(
                    booking,
                    actor=actor,
                    reason="cancelled in time" if not by_coop else "activity cancelled",
                )
            elif booking.fee_status == F.HELD:
                keep_fee(booking, actor=actor)
        elif booking.fee_status == F.AWAITING:
            booking.fee_status = F.NONE
            if booking.payment_id:
                _cancel_payment_later(booking, actor)
        booking.save()
        audit(
            actor=actor,
            action="booking.cancelled_by_coop" if by_coop else "booking.cancelled",
            target=booking,
            on_behalf_of=booking.member.user if actor != booking.member.user else None,
            data={"fee_status": booking.fee_status},
        )
        if held_place and not by_coop:
            offer_next_later(booking.activity)
        tell_member(
            booking.member, "activity_cancelled" if by_coop else "cancelled", booking=booking
        )
    return booking


def _cancel_payment_later(booking: Booking, actor: User) -> None:
    from finance.models import Payment
    from finance.services import payment_cancel

    payment_id = booking.payment_id

    def cancel() -> None:
        payment = Payment.objects.get(pk=payment_id)
        if payment.status == "pending":
            payment_cancel(payment=payment, actor=actor)

    transaction.on_commit(cancel)


def booking_cancel(*, booking: Booking, actor: User) -> Booking:
    """The member (or someone for them) cancels. Before the activity's cancel-by time a
    paid fee comes back in full; after it, the fee is kept. Cancelling twice is safe."""
    return _cancel(booking, actor=actor, by_coop=False)


def booking_cancel_by_coop(*, booking: Booking, actor: User) -> Booking:
    """The co-operative cancelled the activity: the fee always comes back."""
    return _cancel(booking, actor=actor, by_coop=True)
