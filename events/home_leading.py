"""The member's page: the activities they help to lead ("You are helping to lead …")."""

from django.utils import timezone

from coop.home_panels import Panel
from events.models import Activity, ActivityLeader
from members.models import Member


def leading_panel(user) -> Panel | None:
    """Coming activities the member helps to lead, with the organiser beside them; None
    when they lead none."""
    member = Member.objects.filter(user=user).first()
    if member is None:
        return None
    leading = list(
        ActivityLeader.objects.filter(member=member, activity__ends_at__gte=timezone.now())
        .exclude(activity__status=Activity.Status.CANCELLED)
        .select_related("activity", "organiser")
        .order_by("activity__starts_at", "pk")
    )
    if not leading:
        return None
    return Panel("events/_home_leading.html", {"leading": leading})
