"""Wheelchair spaces that no longer match a member's needs. A space is kept when a
booking to ride is made; if the member's needs say "wheelchair" only later (or the
booking was set to ride before the transport existed), no space is kept for them. The
organisers see it here, on their list of what waits and on the bookings page, and keep a
space (events/services/transport_needs.py). The reverse, a space kept for someone whose
needs no longer say so, is only told on the bookings page."""

from django.db import connection
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_date
from coop.home_panels import Panel
from events.models import Activity, Booking
from events.permissions import can_manage_activities
from events.transport_room import is_wheelchair_user
from members.models import AccessNeed

# What a riding booking's wheelchair space says against the member's needs now.
MISSING = "missing"  # they need a space and none is kept
SPARE = "spare"  # a space is kept and their needs no longer say wheelchair


def _riding_to_come():
    """Bookings holding a place and riding, on activities still to come, not cancelled."""
    return Booking.objects.filter(
        status__in=Booking.HOLDING, travel_seats__gt=0, activity__starts_at__gte=timezone.now()
    ).exclude(activity__status=Activity.Status.CANCELLED)


def _by_need(bookings, *, needs: bool):
    """The bookings whose member's needs say wheelchair (or, with needs=False, do not).
    PostgreSQL reads it in the query; SQLite (the demo) has no JSON `contains`, so the
    few riding bookings to come are sorted in Python there."""
    if connection.features.supports_json_field_contains:
        says = Q(member__access_needs__contains=[AccessNeed.WHEELCHAIR])
        return bookings.filter(says if needs else ~says)
    rows = bookings.select_related("member").only("pk", "member__access_needs")
    ids = [b.pk for b in rows if (AccessNeed.WHEELCHAIR in b.member.access_needs) == needs]
    return bookings.filter(pk__in=ids)


def wheelchair_space_missing():
    """Riding bookings to come whose member needs a wheelchair and has no space kept."""
    return _by_need(_riding_to_come().filter(wheelchair_space=False), needs=True)


def wheelchair_space_spare():
    """Riding bookings to come with a space kept for a member who no longer needs one."""
    return _by_need(_riding_to_come().filter(wheelchair_space=True), needs=False)


def wheelchair_need(booking: Booking) -> str:
    """MISSING, SPARE or "" for one booking: the same rule as the two lists above."""
    activity = booking.activity
    if (
        booking.status not in Booking.HOLDING
        or not booking.travel_seats
        or activity.starts_at < timezone.now()
        or activity.status == Activity.Status.CANCELLED
    ):
        return ""
    needs = is_wheelchair_user(booking.member)
    if needs and not booking.wheelchair_space:
        return MISSING
    if booking.wheelchair_space and not needs:
        return SPARE
    return ""


def wheelchair_need_lines(user) -> list[Panel]:
    """On the organiser's "What waits for you": one line per activity with riders who
    need a wheelchair space that is not kept, each a link to its bookings page."""
    if not can_manage_activities(user):
        return []
    rows = (
        wheelchair_space_missing()
        .values("activity_id", "activity__title", "activity__starts_at")
        .annotate(n=Count("id"))
        .order_by("activity__starts_at", "activity_id")
    )
    return [
        Panel(
            "components/waiting_line.html",
            {
                "count": row["n"],
                "url": reverse("organiser-activity", args=[row["activity_id"]]),
                "some": f"Needs a wheelchair space on {row['activity__title']}, "
                f"{easy_date(row['activity__starts_at'])}",
            },
        )
        for row in rows
    ]


def register_needs() -> None:
    """From the app's ready(): the line above, after the rides that found no room, and
    its demo."""
    from coop import demo, home_panels

    home_panels.register("organiser-waiting", order=26, builder=wheelchair_need_lines)
    demo.register(
        "wheelchair needs",
        "events.demo.transport_needs.loaded_transport_needs",
        order=demo.AFTER_ACTIVITIES,
    )
