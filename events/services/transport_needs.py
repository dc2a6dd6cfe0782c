"""Keeping a wheelchair space for someone already booked to ride, whose needs say now
that they use a wheelchair (events/transport_needs.py finds them). Under the activity's
lock the space left is counted again; with none free nothing changes and the organiser
is told in plain words to change the transport or talk to the member."""

from django.db import transaction
from django.utils import timezone

from coop.actors import Actor
from coop.audit import audit
from events.errors import BookingError
from events.models import Activity, Booking
from events.transport_room import is_wheelchair_user, room_on

__all__ = ["wheelchair_space_keep"]


def _check(activity: Activity, booking: Booking) -> None:
    """Raise BookingError when a space cannot be kept for this booking now."""
    name = booking.member.display_name
    if activity.status == Activity.Status.CANCELLED or activity.starts_at < timezone.now():
        raise BookingError("This activity is cancelled or has started.", code="not_to_come")
    if booking.status not in Booking.HOLDING or not booking.travel_seats:
        raise BookingError(f"{name} is not booked to travel with us.", code="not_travelling")
    if not is_wheelchair_user(booking.member):
        raise BookingError(
            f"{name}'s needs do not say they use a wheelchair.", code="no_wheelchair"
        )
    room = room_on(activity)
    if room is None:
        raise BookingError("This activity has no transport.", code="no_transport")
    if room.spaces < 1:
        raise BookingError(
            (
                f"There is no wheelchair space left on the {room.kind}. "
                if room.has_spaces
                else f"The {room.kind} has no space for a wheelchair. "
            )
            + f"Please change the transport, or talk to {name}.",
            code="no_wheelchair_space",
        )


def wheelchair_space_keep(*, booking: Booking, actor: Actor) -> Booking:
    """Keep a wheelchair space on the transport for this riding booking. Sent twice, the
    space is kept once. Raises BookingError in plain words and changes nothing when no
    space is free or the booking is not one that needs it."""
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=booking.activity_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.wheelchair_space:
            return booking  # already kept: nothing to do
        _check(activity, booking)
        booking.wheelchair_space = True
        booking.save(update_fields=["wheelchair_space"])
        audit(actor=actor, action="booking.wheelchair_space_kept", target=booking)
    return booking
