"""The member's home page starts with their next booking, the organiser's with today's
and the next activities (coop.home_panels)."""

from django.utils import timezone

from coop.dates import day_at
from coop.home_panels import Panel
from events.models import Activity, Booking
from events.permissions import can_manage_activities
from events.selectors import with_places
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


# The organiser's page shows today's activities and the next few: enough for a week.
NEXT_ACTIVITIES = 4


def organiser_day_panel(user) -> Panel | None:
    """Today's and the next published activities, with who is coming and who waits, each
    a step from its list of bookings and, on its day, the attendance page."""
    if not can_manage_activities(user):
        return None
    today = timezone.localdate()
    activities = list(
        with_places(Activity.objects.filter(status=Activity.Status.PUBLISHED))
        .filter(ends_at__gte=day_at(today))
        .select_related("branch")
        .order_by("starts_at", "id")[:NEXT_ACTIVITIES]
    )
    for activity in activities:
        activity.is_today = timezone.localdate(activity.starts_at) == today
    return Panel("events/_home_organiser_day.html", {"activities": activities})
