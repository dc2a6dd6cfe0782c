"""Pure predicates for board meetings: may this user do this? Pages and the API ask the
same."""

from django.utils import timezone

from board.meetings.models import Meeting
from board.terms.selectors import CO_CHAIR, board_jobs
from members.models import User
from members.permissions import is_administrator, is_board, is_finance
from members.selectors import user_roles


def can_read_meetings(user: User) -> bool:
    """Every board member reads the meetings: the agenda, the papers, the draft minutes,
    the actions. An administrator can help with all of it."""
    return is_board(user) or is_administrator(user)


def can_manage_meetings(user: User) -> bool:
    """The co-chairs and whoever the board names to write the papers plan meetings, write
    the papers, send them and record what happened; an administrator can help. The rest
    of the board reads (can_read_meetings)."""
    if is_administrator(user):
        return True
    return is_board(user) and bool(board_jobs(user, timezone.localdate()))


def can_manage_terms(user: User) -> bool:
    """The co-chairs say who is on the board and who writes the papers; an administrator
    can help. Every board member reads the list."""
    if is_administrator(user):
        return True
    return is_board(user) and CO_CHAIR in board_jobs(user, timezone.localdate())


def can_read_minutes(user: User) -> bool:
    """Everyone with a role in the co-operative reads the approved minutes."""
    return bool(user_roles(user))


def can_see_minutes(user: User, meeting: Meeting) -> bool:
    """Approved minutes are for every member; drafts only for the board."""
    if can_read_meetings(user):
        return meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)
    return can_read_minutes(user) and meeting.status == Meeting.Status.MINUTES_APPROVED


def can_see_sitting_fees(user: User) -> bool:
    return is_finance(user) or is_board(user)


def can_pay_sitting_fees(user: User) -> bool:
    return is_finance(user)


def can_set_sitting_fee(user: User) -> bool:
    """The board agrees the fee; a co-chair or the papers writer puts it in."""
    return can_manage_meetings(user)
