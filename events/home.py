"""The member's home page starts with their next booking (coop.home_panels)."""

from django.utils import timezone

from coop.home_panels import Panel
from events.models import Booking
from members.models import Member

# What a member is waiting to go to; past, cancelled and finished bookings are not next.
COMING = (
    Booking.Status.CONFIRMED,
    Booking.Status.AWAITING_PAYMENT,
    Booking.Status.OFFERED,
    Booking.Status.WAITING,
)


def next_booking_panel(user) -> Panel | None:
    member = Member.objects.filter(user=user).first()
    if member is None:
        return None
    booking = (
        Booking.objects.filter(
            member=member, status__in=COMING, activity__starts_at__gte=timezone.now()
        )
        .select_related("activity", "member")
        .order_by("activity__starts_at", "id")
        .first()
    )
    return Panel("events/_home_next_booking.html", {"booking": booking})
