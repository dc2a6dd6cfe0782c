"""On the organiser's "What waits for you": members who wanted to travel with us and
found no seat or wheelchair space, one line per activity, each a link to its bookings
page where the organiser decides. Nothing is shown when nobody waits for this."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_date
from coop.home_panels import Panel
from events.models import Activity, TransportAsk
from events.permissions import can_manage_activities


def transport_ask_lines(user) -> list[Panel]:
    if not can_manage_activities(user):
        return []
    rows = (
        TransportAsk.objects.filter(dealt_with_at=None, activity__starts_at__gte=timezone.now())
        # A cancelled activity has no ride to find room on: nothing waits for it.
        .exclude(activity__status=Activity.Status.CANCELLED)
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
                "some": f"No room to travel on {row['activity__title']}, "
                f"{easy_date(row['activity__starts_at'])}",
            },
        )
        for row in rows
    ]
