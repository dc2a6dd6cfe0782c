"""The organiser's "what waits for you": activities to come that are short of support
workers, each a step from the page to book them."""

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_date
from coop.home_panels import Panel
from events.models import Activity, SupportBooking
from events.permissions import can_manage_activities


def short_of_support():
    """Draft and published activities still to come that need more support workers than
    are booked, soonest first, with `needed` and `booked` on each."""
    booked = Count(
        "support_bookings", filter=Q(support_bookings__status=SupportBooking.Status.BOOKED)
    )
    return (
        Activity.objects.filter(
            status__in=(Activity.Status.DRAFT, Activity.Status.PUBLISHED),
            ends_at__gte=timezone.now(),
            support_need__workers_needed__gt=0,
        )
        .annotate(needed=F("support_need__workers_needed"), booked=booked)
        .filter(booked__lt=F("needed"))
        .order_by("starts_at", "id")
    )


def support_lines(user) -> list[Panel]:
    if not can_manage_activities(user):
        return []
    lines = [
        Panel(
            "components/waiting_line.html",
            {
                "count": activity.needed - activity.booked,
                "url": reverse("activity-support", args=[activity.pk]),
                "some": f"Support workers to book for {activity.title}, "
                f"{easy_date(activity.starts_at)}",
            },
        )
        for activity in short_of_support()[:10]
    ]
    return lines or [
        Panel("components/waiting_line.html", {"count": 0, "none": "No support workers to book."})
    ]


def register_support() -> None:
    """From the app's ready(): activities short of support on the organiser's list of
    what waits, and the demo's support workers and costs."""
    from coop import demo, home_panels

    home_panels.register("organiser-waiting", order=25, builder=support_lines)
    demo.register(
        "support and costs",
        "events.demo.support_costs.loaded_support_costs",
        order=demo.AFTER_ACTIVITIES,
    )
