"""Getting there and back, in easy read, for the activity page, the booking page and
the messages members get: "A minibus picks you up at the library at 9:30am."."""

from django.utils import timezone

from coop.dates import easy_date, easy_time
from events.models import Activity, Booking, Transport
from events.transport_room import room_on, transport_of


def _a(words: str) -> str:
    return f"an {words}" if words[:1] in "aeiou" else f"a {words}"


def _spaces(n: int) -> str:
    return f"{n} wheelchair space{'s' if n != 1 else ''}"


def pickup_line(transport: Transport, who: str = "") -> str:
    """ "A minibus picks you up at the library at 9:30am." When the pick-up is on another
    day than the activity, a second short sentence says which: "That is the day before,
    on Monday 14 December." (a pick-up is at most 12 hours before the start, so another
    day is the day before; "That is on ..." otherwise). One sentence with the day in it
    was too long for easy read."""
    line = (
        f"{_a(transport.kind_words).capitalize()} picks {who or 'you'} up"
        f" at {transport.pickup_point} at {easy_time(transport.pickup_at)}."
    )
    pickup_day = timezone.localdate(transport.pickup_at)
    days_before = (timezone.localdate(transport.activity.starts_at) - pickup_day).days
    if days_before == 0:
        return line
    when = "the day before, on " if days_before == 1 else "on "
    return f"{line} That is {when}{easy_date(transport.pickup_at)}."


def transport_lines(activity: Activity) -> list[str]:
    """What a member reads under "Getting there and back". [] with no transport."""
    transport = transport_of(activity)
    if transport is None:
        return []
    lines = [
        pickup_line(transport),
        f"It brings you back to {transport.return_point} at {easy_time(transport.return_at)}.",
    ]
    if transport.wheelchair_spaces:
        lines.append(f"It has {_spaces(transport.wheelchair_spaces)}.")
    else:
        lines.append("It has no space for a wheelchair.")
    if transport.driver:
        lines.append(f"{transport.driver} is the driver.")
    room = room_on(activity) if activity.status == Activity.Status.PUBLISHED else None
    if room is not None:
        seats = max(room.seats, 0)
        lines.append(f"Seats left: {seats}." if seats else "There are no seats left.")
        if transport.wheelchair_spaces:
            spaces = max(room.spaces, 0)
            lines.append(
                f"Wheelchair spaces left: {spaces}." if spaces else "No wheelchair space is left."
            )
    lines.append("You can make your own way there if you like.")
    return lines


def travel_line(booking: Booking, who: str = "") -> str:
    """How the member in this booking gets there: "" when the activity has no transport."""
    transport = transport_of(booking.activity)
    if transport is None:
        return ""
    if not booking.travel_seats:
        return f"{who} makes their own way there." if who else "You make your own way there."
    line = pickup_line(transport, who=who)
    if booking.wheelchair_space:
        line += " A wheelchair space is kept for " + (who or "you") + "."
    return line
