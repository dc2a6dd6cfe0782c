"""What is left on an activity's transport: reads only, shared by the booking services
and the pages' words (events/transport_words.py), so neither imports the other."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from events.models import Activity, Booking, Transport
from members.models import AccessNeed, Member


def transport_of(activity: Activity) -> Transport | None:
    try:
        return activity.transport
    except Transport.DoesNotExist:
        return None


def is_wheelchair_user(member: Member) -> bool:
    return AccessNeed.WHEELCHAIR in (member.access_needs or [])


def riders(activity: Activity) -> tuple[int, int]:
    """Seats and wheelchair spaces taken by bookings holding a place."""
    got = activity.bookings.filter(status__in=Booking.HOLDING).aggregate(
        seats=Sum("travel_seats"), spaces=Count("id", filter=Q(wheelchair_space=True))
    )
    return got["seats"] or 0, got["spaces"] or 0


@dataclass
class Room:
    """What is left on the transport, kept up to date while one locked caller offers or
    books several places."""

    kind: str
    seats: int
    spaces: int
    has_spaces: bool = True  # False: the vehicle takes no wheelchair at all

    def fits(self, booking: Booking) -> bool:
        return booking.travel_seats <= self.seats and (
            not booking.wheelchair_space or self.spaces >= 1
        )

    def take(self, booking: Booking) -> None:
        self.seats -= booking.travel_seats
        self.spaces -= 1 if booking.wheelchair_space else 0


def room_on(activity: Activity, taken: tuple[int, int] | None = None) -> Room | None:
    """Room left on the activity's transport; None when it has none. Call it holding the
    activity's lock when the answer decides a booking or an offer. `taken`: riders(), when
    the caller has counted them already under that lock."""
    transport = transport_of(activity)
    if transport is None:
        return None
    seats, spaces = riders(activity) if taken is None else taken
    return Room(
        transport.kind_words,
        transport.seats - seats,
        transport.wheelchair_spaces - spaces,
        has_spaces=transport.wheelchair_spaces > 0,
    )
