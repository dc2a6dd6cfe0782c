"""The member's home page starts with their next booking, the organiser's with today's
and the next activities and the cash to take and give back (coop.home_panels)."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from coop.dates import day_at, easy_date, end_of_day
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


def _cash_lines(bookings, *, some: str, url: str, none: str) -> list[Panel]:
    """One waiting line per activity with bookings in `bookings`, or one saying none wait."""
    rows = (
        bookings.values("activity_id", "activity__title", "activity__starts_at")
        .annotate(n=Count("id"))
        .order_by("activity__starts_at", "activity_id")
    )
    today = timezone.localdate()
    lines = []
    for row in rows:
        starts = row["activity__starts_at"]
        day = "today" if timezone.localdate(starts) == today else easy_date(starts)
        lines.append(
            Panel(
                "components/waiting_line.html",
                {
                    "count": row["n"],
                    "url": reverse(url, args=[row["activity_id"]]),
                    "some": some.format(title=row["activity__title"], day=day),
                },
            )
        )
    return lines or [Panel("components/waiting_line.html", {"count": 0, "none": none})]


def cash_lines(user) -> list[Panel]:
    """For the organiser's "what waits" list: cash fees to take at today's activities
    (on the page of who is coming) and cash to give back to members who came (on the
    page of who came)."""
    if not can_manage_activities(user):
        return []
    today = timezone.localdate()
    cash = Booking.objects.filter(payment_method=Booking.PaymentMethod.CASH)
    to_take = cash.filter(
        fee_status=Booking.FeeStatus.AWAITING,
        status__in=(Booking.Status.CONFIRMED, Booking.Status.AWAITING_PAYMENT),
        activity__status=Activity.Status.PUBLISHED,
        activity__starts_at__gte=day_at(today),
        activity__starts_at__lt=end_of_day(today),
    )
    to_give = cash.filter(
        fee_status=Booking.FeeStatus.REFUND_PENDING, status=Booking.Status.ATTENDED
    )
    return [
        *_cash_lines(
            to_take,
            some="Cash to take at {title}, {day}",
            url="organiser-activity",
            none="No cash to take today.",
        ),
        *_cash_lines(
            to_give,
            some="Cash to give back at {title}, {day}",
            url="attendance",
            none="No cash to give back.",
        ),
    ]
