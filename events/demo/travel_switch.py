"""The demo's change of how someone gets there: on the lake trip, the member who booked
to make their own way has changed their mind and comes on the minibus now (through the
service, as the form on their booking page does). Safe to run again: riding already,
nothing changes."""

from coop.demo import Loaded
from events.demo.cast import cast
from events.demo.transport import TITLE
from events.models import Activity, Booking
from events.services.travel_switch import booking_travel_switch
from members.models import AccessNeed


def loaded_travel_switch() -> Loaded:
    """The demo loader (coop.demo): one lake-trip booking moved onto the minibus."""
    demo = cast()
    # The lake trip's last booker is the one who made their own way (events.demo.transport).
    walkers = [m for m in demo.others if AccessNeed.WHEELCHAIR not in m.access_needs]
    member = walkers[-1]
    trip = Activity.objects.filter(title=TITLE, branch=demo.branches["riverside"]).first()
    booking = Booking.objects.filter(activity=trip, member=member).first()
    if booking is None:
        return Loaded(counts={}, notes=[])
    booking_travel_switch(booking=booking, actor=member.user, ride=True)
    return Loaded(
        counts={},
        notes=[
            f'Change how you get there: on "{TITLE}" {member.display_name} first chose '
            "to make their own way, then switched to the minibus on their booking page.",
            f"Sign in as {member.user.username} to switch back.",
        ],
    )
