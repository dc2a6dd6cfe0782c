"""The rules every meeting service shares: how a meeting moves from state to state, and
when its agenda and papers may change."""

from board.meetings.models import Meeting
from coop.errors import CoopError
from coop.states import check_transition

Status = Meeting.Status
MEETING_MOVES = {
    Status.PLANNED: {Status.PAPERS_SENT, Status.HELD, Status.CANCELLED},
    Status.PAPERS_SENT: {Status.HELD, Status.CANCELLED},
    Status.HELD: {Status.MINUTES_APPROVED},
    Status.MINUTES_APPROVED: set(),
    Status.CANCELLED: set(),
}
# While a meeting is at one of these, its agenda and papers may change.
EDITABLE = (Status.PLANNED, Status.PAPERS_SENT)


def meeting_move(meeting: Meeting, new: str) -> None:
    """Set the meeting's status to `new`, if MEETING_MOVES allows it (the caller saves)."""
    check_transition(MEETING_MOVES, meeting.status, new, what="meeting")
    meeting.status = new


def meeting_locked(meeting: Meeting) -> Meeting:
    """The meeting read again and locked until the transaction ends."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def check_editable(meeting: Meeting) -> None:
    """Raise CoopError unless the meeting's agenda and papers may still change."""
    if meeting.status not in EDITABLE:
        raise CoopError(
            f"This meeting is {meeting.get_status_display().lower()}. Its agenda and papers "
            "cannot change now.",
            code="meeting_closed",
        )
