"""Pure predicates for board meetings: may this user do this? Pages and the API ask the
same."""

from board.meetings.models import Meeting
from members.models import User
from members.permissions import is_administrator, is_board, is_finance
from members.selectors import user_roles


def can_manage_meetings(user: User) -> bool:
    """Board members plan meetings, write papers and record what happened; an
    administrator can help with all of it."""
    return is_board(user) or is_administrator(user)


def can_read_minutes(user: User) -> bool:
    """Everyone with a role in the co-operative reads the approved minutes."""
    return bool(user_roles(user))


def can_see_minutes(user: User, meeting: Meeting) -> bool:
    """Approved minutes are for every member; drafts only for the board."""
    if can_manage_meetings(user):
        return meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)
    return can_read_minutes(user) and meeting.status == Meeting.Status.MINUTES_APPROVED


def can_see_sitting_fees(user: User) -> bool:
    return is_finance(user) or is_board(user)


def can_pay_sitting_fees(user: User) -> bool:
    return is_finance(user)


def can_set_sitting_fee(user: User) -> bool:
    return is_board(user)
