"""A member's proposal on a board meeting's agenda, set up through the real services."""

import datetime as dt

from django.utils import timezone

from board.models import AgendaItem, Meeting
from events import services as events
from events.models import Suggestion
from members.models import Member
from tests.board.meeting_helpers import editor, hold, make_board, plan


def propose(cast, member: Member | None = None, **extra) -> Suggestion:
    fields = {
        "what": "A trip to the zoo",
        "where": "Northfield Zoo",
        "when": "In the spring",
        "cost_guess_pence": 1200,
        "wants_to_lead": True,
    }
    fields.update(extra)
    member = member or cast.member_row
    return events.proposal_make(member=member, actor=member.user, **fields)


def item_for(suggestion: Suggestion) -> AgendaItem:
    return AgendaItem.objects.select_related("meeting").get(suggestion=suggestion)


def held_with_proposal(cast, **extra) -> tuple[Meeting, AgendaItem, Suggestion]:
    """The board (make_board), a co-chair (editor), a meeting in 10 days with May's
    proposal on its agenda, then held (recorded as on its day)."""
    board = make_board(cast)
    editor(cast)
    meeting = plan(cast, days=10)
    suggestion = propose(cast, **extra)
    meeting = hold(cast, meeting, board)
    return meeting, item_for(suggestion), suggestion


def day_ahead(days: int = 30) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)
