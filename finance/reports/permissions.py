"""Who sees the quarterly report: board members and the finance officer."""

from members.permissions import is_board, is_finance


def can_see_report(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (is_board(user) or is_finance(user))
