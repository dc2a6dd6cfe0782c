"""Changing how a booked member gets there: on our transport, or their own way. Riding
takes seats (the member and their guests) and a wheelchair space when their needs say
wheelchair, counted under the activity's lock as booking does; with no room nothing
changes, the member is told in plain words, and a missing wheelchair space is put in
front of the organisers (a TransportAsk). Making their own way frees the seats, offered
to the waiting list as when the transport grows."""

from django.db import transaction
from django.utils import timezone

from coop.actors import Actor
from coop.audit import audit
from events.errors import BookingError
from events.models import Activity, Booking
from events.services.transport import (
    NoRoomToTravel,
    close_asks_on_booking,
    transport_ask_record,
)
from events.services.waiting import offer_next_later
from events.transport_room import Room, is_wheelchair_user, room_on, transport_of

__all__ = ["booking_travel_switch", "can_switch_travel"]

# Bookings whose way there can change: they hold a place on an activity still to come.
SWITCHABLE = (
    Booking.Status.AWAITING_PAYMENT,
    Booking.Status.CONFIRMED,
    Booking.Status.OFFERED,
)


def can_switch_travel(booking: Booking) -> bool:
    """Whether the booking's way there may change now (for the pages: show the form)."""
    activity = booking.activity
    return (
        booking.status in SWITCHABLE
        and activity.status != Activity.Status.CANCELLED
        and activity.starts_at > timezone.now()
        and transport_of(activity) is not None
    )


def _check(activity: Activity, booking: Booking) -> None:
    if activity.status == Activity.Status.CANCELLED:
        raise BookingError("This activity is cancelled.", code="cancelled")
    if activity.starts_at <= timezone.now():
        raise BookingError("This activity has started. It is too late to change.", code="past")
    if booking.status not in SWITCHABLE:
        raise BookingError("This booking cannot change now.", code="not_live")
    if transport_of(activity) is None:
        raise BookingError("There is no transport for this activity.", code="no_transport")


def _no_room(room: Room, booking: Booking) -> NoRoomToTravel:
    if booking.wheelchair_space and room.spaces < 1:
        return NoRoomToTravel(
            (
                f"There is no wheelchair space left on the {room.kind}. "
                if room.has_spaces
                else f"The {room.kind} has no space for a wheelchair. "
            )
            + "We have told the organiser. They will get in touch.",
            code="no_wheelchair_space",
        )
    if booking.travel_seats > 1:
        words = f"There are not enough seats left on the {room.kind}. "
    else:
        words = f"There is no seat left on the {room.kind}. "
    return NoRoomToTravel(words + "You can still make your own way.", code="no_seat")


def _switch(booking: Booking, actor: Actor, ride: bool) -> Booking:
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=booking.activity_id)
        booking = Booking.objects.select_for_update().select_related("member").get(pk=booking.pk)
        booking.activity = activity
        if bool(booking.travel_seats) == ride:
            return booking  # already so (sent twice): nothing to do
        _check(activity, booking)
        freed = booking.travel_seats
        if ride:
            booking.travel_seats = 1 + len(booking.guests or [])
            booking.wheelchair_space = is_wheelchair_user(booking.member)
            room = room_on(activity)  # this booking rides on nothing yet, so is not counted
            if not room.fits(booking):
                raise _no_room(room, booking)
        else:
            booking.travel_seats, booking.wheelchair_space = 0, False
        booking.save(update_fields=["travel_seats", "wheelchair_space"])
        audit(
            actor=actor,
            action="booking.travel_switched",
            target=booking,
            data={
                "ride": ride,
                "seats": booking.travel_seats or freed,
                "wheelchair_space": booking.wheelchair_space,
            },
        )
        if not ride:
            # Seats (and a space) are free: someone waiting for room may have a place.
            offer_next_later(activity)
    return booking


def booking_travel_switch(*, booking: Booking, actor: Actor, ride: bool) -> Booking:
    """Move the booking to riding on the activity's transport (ride=True) or to making
    their own way (ride=False). Sent twice, it is done once. Raises BookingError in plain
    words and changes nothing when the booking cannot change or there is no room; a
    missing wheelchair space is recorded for the organisers."""
    try:
        booking = _switch(booking, actor, ride)
    except NoRoomToTravel as error:
        if error.code == "no_wheelchair_space":
            transport_ask_record(
                activity=booking.activity, member=booking.member, actor=actor, error=error
            )
        raise
    if ride:
        close_asks_on_booking(booking, actor)  # riding now: an open ask is dealt with
    return booking
