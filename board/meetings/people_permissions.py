"""Who may see and change the people around the board: partner seats, the co-chairs'
helper and their hours, training, and the easy-read pages about each role."""

from board.meetings.permissions import can_manage_terms, can_read_meetings
from members.models import User
from members.permissions import is_finance
from members.selectors import user_roles


def can_manage_board_people(user: User) -> bool:
    """The co-chairs add partner seats, the helper and training; an administrator helps."""
    return can_manage_terms(user)


def can_see_helper_hours(user: User) -> bool:
    """The board sees the helper's hours each month; finance pays the helper."""
    return can_read_meetings(user) or is_finance(user)


def can_enter_helper_hours(user: User) -> bool:
    """A co-chair or finance writes down the hours the helper worked."""
    return can_manage_terms(user) or is_finance(user)


def can_read_roles(user: User) -> bool:
    """Every member (and everyone with a role) reads what each job on the board is."""
    return bool(user_roles(user))
