"""The waiting list: a freed place is offered to the first person waiting, for a set
time; an offer not taken up passes to the next. Holds that run out free their place.

How long an offer lasts depends on the member's way (members.outbox.ways.way_for), so it
never lapses before it can reach them: by email or text, BOOKING_OFFER_HOURS; by a call
from an organiser, BOOKING_OFFER_HOURS_PHONE working hours (the call goes on today's call
list at once); by letter, BOOKING_OFFER_HOURS_LETTER working hours (second-class post and
time to answer). Working hours count Monday to Friday from the offer, or from
WORKING_DAY_STARTS_HOUR (9am) when it is made before then, or at a weekend (Monday 9am).
Never past the activity's start: a member whose way needs longer than is left is passed
over for this place and stays on the waiting list."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coop.actors import Actor
from coop.dates import add_working_hours, working_start
from events.errors import BookingError
from events.models import Activity, Booking
from events.notify import tell_member
from events.services.booking_states import move
from events.services.fee_moves import (
    expire_later,
    hold_place,
    places_left,
    record_cash,
    start_card_payment,
)
from events.services.transport import room_on
from members.models import ContactWay, Member
from members.outbox.ways import way_for

__all__ = [
    "offer_accept",
    "offer_expiry",
    "offer_next",
]

BookingStatus = Booking.Status


def offer_next_later(activity: Activity) -> None:
    transaction.on_commit(lambda: offer_next(activity))


def offer_expiry(member: Member, *, now: dt.datetime, starts_at: dt.datetime) -> dt.datetime | None:
    """When an offer made now to `member` should end, by their way; None when their way
    needs longer than is left before the activity starts (they are passed over)."""
    reach = way_for(member)
    way = reach[0] if reach else None
    # An organiser calls or posts on a working day: counted from the start of the next
    # one when the offer comes at a weekend or before work starts.
    start = working_start(now, settings.WORKING_DAY_STARTS_HOUR)
    if way == ContactWay.PHONE:
        ends = add_working_hours(
            start, max(settings.BOOKING_OFFER_HOURS_PHONE, settings.BOOKING_OFFER_HOURS)
        )
    elif way == ContactWay.LETTER:
        ends = add_working_hours(
            start, max(settings.BOOKING_OFFER_HOURS_LETTER, settings.BOOKING_OFFER_HOURS)
        )
    else:
        # Email, text, or no way at all (an organiser sees the message with no way).
        return min(now + dt.timedelta(hours=settings.BOOKING_OFFER_HOURS), starts_at)
    return ends if ends <= starts_at else None


def offer_next(activity: Activity) -> list[Booking]:
    """Offer free places to the people waiting longest, in order. Returns the offers."""
    offered = []
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.status != Activity.Status.PUBLISHED or activity.starts_at <= timezone.now():
            return []
        free = places_left(activity)
        room = room_on(activity)  # seats and wheelchair spaces left on the transport
        waiting = (
            activity.bookings.select_for_update(of=("self",))
            .select_related("member")
            .filter(status=BookingStatus.WAITING)
            .order_by("waiting_since", "id")
        )
        now = timezone.now()
        for booking in waiting:
            if free <= 0:
                break
            if booking.places_used > free:
                continue  # a bigger group waits for more room; the next person may fit
            if room is not None and not room.fits(booking):
                continue  # no seat (or wheelchair space) to travel: they keep waiting
            expires = offer_expiry(booking.member, now=now, starts_at=activity.starts_at)
            if expires is None:
                continue  # a letter or call could not reach them in time: they keep waiting
            move(
                booking,
                actor=None,
                action="booking.offered",
                status=BookingStatus.OFFERED,
                offer_expires_at=expires,
            )
            expire_later(booking, expires)
            free -= booking.places_used
            if room is not None:
                room.take(booking)
            offered.append(booking)
            # Told in the same transaction as the offer: no offer goes untold.
            tell_member(booking.member, "offered", booking=booking)
    return offered


def offer_accept(
    *, booking: Booking, actor: Actor, payment: str = "card", waive_reason: str = ""
) -> Booking:
    """Take up an offered place: it becomes a booking like any other (paid, held or
    confirmed). Raises BookingError when the offer has run out."""
    with transaction.atomic():
        # Lock the activity first, as booking_create does, so the two never deadlock.
        Activity.objects.select_for_update().get(pk=booking.activity_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != BookingStatus.OFFERED:
            if booking.status in (BookingStatus.CONFIRMED, BookingStatus.AWAITING_PAYMENT):
                return booking
            raise BookingError(
                "There is no place offered to you for this activity.", code="no_offer"
            )
        if booking.offer_expires_at and booking.offer_expires_at < timezone.now():
            raise BookingError("Sorry, this offer has run out.", code="offer_expired")
        if payment == "waived" and not waive_reason.strip():
            raise BookingError(
                "Please give the reason for waiving the fee.", code="waiver_reason_needed"
            )
        hold_place(
            booking,
            payment=payment,
            now=timezone.now(),
            reason=waive_reason,
            actor=actor,
            action="booking.offer_accepted",
        )
        if payment == "cash_received" and booking.fee_pence:
            record_cash(booking, actor)
            booking.refresh_from_db()
    if booking.status == BookingStatus.AWAITING_PAYMENT:
        booking = start_card_payment(booking, actor)
    return booking
