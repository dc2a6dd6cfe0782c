"""Booking a place, paying the fee, cancelling. Places are counted under a row lock on the
activity, so two people can never take the last place."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coop.actors import Actor, user_id
from events.errors import BookingError
from events.models import Activity, Booking
from events.notify import tell_member, tell_place_gone
from events.services.booking_lock import lock_activity, places_taken_unless_booked
from events.services.booking_states import move
from events.services.fee_moves import (
    cancel_payment_later,
    check_not_own_fee,
    give_back_later,
    hold_place,
    keep_fee,
    method_for,
    places_left,
    record_cash,
    start_card_payment,
)
from events.services.transport import (
    NoRoomToTravel,
    check_room,
    close_asks_on_booking,
    transport_ask_record,
    travel_for,
)
from events.services.waiting import offer_next_later
from events.transport_room import transport_of
from finance.stripe_client import is_card_enabled
from members.models import Member
from members.outbox.services import ReadFirst, read_first
from members.selectors import member_has_agreed_current_guidelines

__all__ = [
    "booking_cancel",
    "booking_cancel_by_coop",
    "booking_create",
    "booking_let_go",
    "offer_decline",
    "run_out",
    "places_left",
]

BookingStatus = Booking.Status
FeeStatus = Booking.FeeStatus
GUEST_KINDS = {"carer", "family", "support_worker"}
PAYMENTS = {"card", "cash", "cash_received", "waived"}


def fee_for(activity: Activity, guests: list[dict]) -> int:
    """The member pays the fee, and so does each guest except support workers."""
    payers = 1 + sum(1 for g in guests if g["kind"] != "support_worker")
    return activity.fee_pence * payers


def places_for(activity: Activity, guests: list[dict]) -> int:
    return 1 + (len(guests) if activity.guests_take_place else 0)


def _check_member_can_book(member: Member) -> ReadFirst:
    """Raise BookingError unless the member may book. Returns what telling them their news
    reads (their supporters who want a copy, and their way: read_first()), read here,
    before the activity is locked. (Two plain queries: one query asking both took twice as
    long to plan.)"""
    if member.status != Member.Status.ACTIVE:
        raise BookingError("Only active members can book.", code="not_active")
    if not member_has_agreed_current_guidelines(member):
        raise BookingError(
            "Please read and agree our guidelines first. Then you can book.",
            code="guidelines_not_agreed",
        )
    return read_first([member])


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
    actor: Actor,
    guests: list[dict] | None = None,
    payment: str = "card",
    waive_reason: str = "",
    travel: bool | None = None,
) -> Booking:
    """Book a place for the member (and guests). With a free place: confirmed at once when
    there is no fee (or it is waived, or paid in cash); held while a card payment
    completes. Without one: on the waiting list. Raises BookingError with a code.
    With transport, the booking travels with us unless `travel` is False; no room on it
    raises NoRoomToTravel and puts the ask in front of the organisers.
    Must not be called inside a transaction: the card payment is started after commit."""
    try:
        booking, has_transport = _book(
            activity, member, actor, guests, payment, waive_reason, travel
        )
    except NoRoomToTravel as error:
        transport_ask_record(activity=activity, member=member, actor=actor, error=error)
        raise
    # An ask is made only when the transport had no room, and a transport is never taken
    # away: an activity without one has no ask to close.
    if has_transport:
        close_asks_on_booking(booking, actor)
    return booking


def _book(
    activity: Activity,
    member: Member,
    actor: Actor,
    guests: list[dict] | None,
    payment: str,
    waive_reason: str,
    travel: bool | None,
) -> tuple[Booking, bool]:
    """The booking, and whether the activity has transport."""
    guests = [dict(g) for g in (guests or [])]
    now = timezone.now()
    # What depends on the member alone is checked (and who gets a copy of their news, and
    # their way, are read) before the activity is locked, so the lock every booking for
    # this activity waits on is held as briefly as it can be.
    read = _check_member_can_book(member)
    if payment == "waived":
        check_not_own_fee(member, actor)
    with transaction.atomic():
        activity = lock_activity(activity.pk)
        _check_activity_can_book(activity, guests, payment, now)
        taken, riding = places_taken_unless_booked(activity, member)
        fee = fee_for(activity, guests)
        needed = places_for(activity, guests)
        _check_payment(payment, fee, waive_reason)
        booking = Booking(
            activity=activity,
            member=member,
            guests=guests,
            places_used=needed,
            fee_pence=fee,
            booked_by=actor,
            on_behalf=user_id(actor) != member.user_id,
            **travel_for(activity, member, guests, travel),
        )
        created = {
            "fee_pence": fee,
            "payment": payment,
            "guests": len(guests),
        }
        if activity.places - taken < needed:
            _join_waiting_list(booking, actor=actor, payment=payment, now=now, data=created)
        else:
            check_room(activity, booking, riding)  # under the lock, as the places are
            hold_place(
                booking,
                payment=payment,
                now=now,
                reason=waive_reason,
                actor=actor,
                action="booking.created",
                data=created,
            )
        _take_cash_and_tell(booking, actor=actor, payment=payment, read=read)
    if booking.status == BookingStatus.AWAITING_PAYMENT:
        booking = start_card_payment(booking, actor)
    return booking, transport_of(activity) is not None


def _check_payment(payment: str, fee: int, waive_reason: str) -> None:
    if payment == "card" and fee and not is_card_enabled():
        raise BookingError(
            "Card payments are not set up. Please pay in cash.", code="card_unavailable"
        )
    if payment == "waived" and not waive_reason.strip():
        raise BookingError(
            "Please give the reason for waiving the fee.", code="waiver_reason_needed"
        )


def _join_waiting_list(
    booking: Booking, *, actor: Actor, payment: str, now: dt.datetime, data: dict
) -> None:
    """No place is free: the booking waits, and its fee waits with it."""
    fee = booking.fee_pence
    move(
        booking,
        actor=actor,
        action="booking.created",
        status=BookingStatus.WAITING,
        fee=FeeStatus.AWAITING if fee else None,
        data=data,
        on_behalf_of=booking.member.user if booking.on_behalf else None,
        waiting_since=now,
        payment_method=method_for(payment, fee),
    )


def _take_cash_and_tell(
    booking: Booking, *, actor: Actor, payment: str, read: ReadFirst | None = None
) -> None:
    """Record cash handed over for a held place, and write the member's news with the
    booking (`read`: what telling the member reads, read before the lock)."""
    # Cash is taken only for a held place: someone waiting pays when offered one.
    if (
        booking.status == BookingStatus.CONFIRMED
        and payment == "cash_received"
        and booking.fee_pence
    ):
        record_cash(booking, actor)
        booking.refresh_from_db()
    # The news is written with the booking, so nobody hears of one that was rolled back
    # and no booking goes untold. (A card booking is told when its payment completes.)
    if booking.status == BookingStatus.WAITING:
        tell_member(booking.member, "waiting", booking=booking, read=read)
    elif booking.status == BookingStatus.CONFIRMED:
        tell_member(booking.member, "booked", booking=booking, read=read)


def run_out(now: dt.datetime) -> Q:
    """Bookings whose waiting-list offer or card hold ran out before `now`."""
    return Q(status=BookingStatus.OFFERED, offer_expires_at__lt=now) | Q(
        status=BookingStatus.AWAITING_PAYMENT, hold_expires_at__lt=now
    )


def _cancel(
    booking: Booking, *, actor: Actor, by_coop: bool, run_out_by: dt.datetime | None = None
) -> Booking:
    """Cancel under a lock; decide what happens to the fee; start any refund after
    commit; offer the freed place. With `run_out_by`, only an offer or hold that has run
    out by then, checked again under the lock."""
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("activity", "member")
            .get(pk=booking.pk)
        )
        if booking.status == BookingStatus.CANCELLED:
            return booking  # already done
        if (
            run_out_by is not None
            and not Booking.objects.filter(run_out(run_out_by), pk=booking.pk).exists()
        ):
            return booking  # taken up or paid meanwhile: nothing to let go
        if booking.status in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW) and not by_coop:
            raise BookingError(
                "This activity has happened. It cannot be cancelled now.", code="already_happened"
            )
        held_place = booking.status in Booking.HOLDING
        now = timezone.now()
        was = booking.fee_status
        fee = _fee_on_cancel(booking, actor=actor, by_coop=by_coop, now=now)
        # No actor: the timer lets go of an offer or a card hold that ran out. That is
        # the system's doing, not the member's, and they hear it in its own words.
        ran_out = actor is None and not by_coop
        offered = booking.status == BookingStatus.OFFERED
        not_for_them = ran_out or user_id(actor) == booking.member.user_id
        action = "booking.ran_out" if ran_out else "booking.cancelled"
        move(
            booking,
            actor=actor,
            action="booking.cancelled_by_coop" if by_coop else action,
            status=BookingStatus.CANCELLED,
            fee=fee,
            data={"by": "timer", "ran_out": "offer" if offered else "hold"} if ran_out else None,
            on_behalf_of=None if not_for_them else booking.member.user,
            cancelled_at=now,
            hold_expires_at=None,
            offer_expires_at=None,
        )
        _settle_fee(booking, actor=actor, fee=fee, was=was, by_coop=by_coop)
        if held_place and not by_coop:
            offer_next_later(booking.activity)
        if ran_out:
            tell_place_gone(booking, "offer_ran_out" if offered else "hold_ran_out")
        else:
            tell_member(
                booking.member, "activity_cancelled" if by_coop else "cancelled", booking=booking
            )
    return booking


def _fee_on_cancel(
    booking: Booking, *, actor: Actor, by_coop: bool, now: dt.datetime
) -> str | None:
    """Where the fee goes when the booking is cancelled: back in full before the cancel-by
    time (or always when the co-operative cancels), kept after it; a fee not yet paid is
    no longer due, and its card payment is stopped after commit. None: it stays put."""
    was = booking.fee_status
    if was in (FeeStatus.HELD, FeeStatus.PART_REFUNDED, FeeStatus.KEPT):
        if by_coop or now <= booking.activity.cancel_by:
            return FeeStatus.REFUND_PENDING
        if was != FeeStatus.KEPT:
            return FeeStatus.KEPT
        return None
    if was == FeeStatus.AWAITING:
        cancel_payment_later(booking, actor)
        return FeeStatus.NONE
    return None


def _settle_fee(
    booking: Booking, *, actor: Actor, fee: str | None, was: str, by_coop: bool
) -> None:
    """After the move: give back a fee due back (after commit), or keep it in the books."""
    if fee == FeeStatus.REFUND_PENDING:
        give_back_later(
            booking,
            actor=actor,
            reason="activity cancelled" if by_coop else "cancelled in time",
            was_kept=was == FeeStatus.KEPT,
        )
    elif fee == FeeStatus.KEPT:
        keep_fee(booking, actor=actor)


def booking_cancel(*, booking: Booking, actor: Actor) -> Booking:
    """The member (or someone for them) cancels. Before the activity's cancel-by time a
    paid fee comes back in full; after it, the fee is kept. Cancelling twice is safe.
    With no actor it is the timer letting go of an offer or card hold that ran out: the
    audit says so, and the member is told their place has gone ("place_gone")."""
    return _cancel(booking, actor=actor, by_coop=False)


def booking_let_go(*, booking: Booking, now: dt.datetime) -> Booking:
    """The timer lets go of an offer or hold that ran out by `now`. Under the lock it
    checks again that the booking is still offered or waiting for payment and run out,
    so an offer taken up or a payment made meanwhile is left alone."""
    return _cancel(booking, actor=None, by_coop=False, run_out_by=now)


def booking_cancel_by_coop(*, booking: Booking, actor: Actor) -> Booking:
    """The co-operative cancelled the activity: the fee always comes back."""
    return _cancel(booking, actor=actor, by_coop=True)


def offer_decline(*, booking: Booking, actor: Actor) -> Booking:
    """The member does not want the place offered: it passes to the next person."""
    return booking_cancel(booking=booking, actor=actor)
