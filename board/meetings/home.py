"""The board member's page starts with the next meeting and the actions due; the finance
officer's counts the sitting fees to pay (coop.home_panels)."""

from django.urls import reverse
from django.utils import timezone

from board.meetings import selectors
from board.meetings.models import Action, Meeting
from board.meetings.permissions import can_pay_sitting_fees, can_read_meetings
from coop.home_panels import Panel


def next_meeting_panel(user) -> Panel | None:
    if not can_read_meetings(user):
        return None
    meeting = (
        Meeting.objects.filter(starts_at__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at", "pk")
        .first()
    )
    open_actions = Action.objects.filter(done_at__isnull=True)
    return Panel(
        "board/meetings/_home_next.html",
        {
            "meeting": meeting,
            "papers_ready": meeting is not None and meeting.papers_sent_at is not None,
            "open_count": open_actions.count(),
            "mine": list(open_actions.filter(owner__user=user)),
            "today": timezone.localdate(),
        },
    )


def sitting_fees_line(user) -> Panel | None:
    """On the finance officer's page: the board's sitting fees still to pay."""
    if not can_pay_sitting_fees(user):
        return None
    return Panel(
        "components/waiting_line.html",
        {
            "count": selectors.sitting_fees_owed().count(),
            "url": reverse("sitting-fees"),
            "some": "Board sitting fees to pay",
            "none": "No board sitting fees to pay.",
        },
    )
