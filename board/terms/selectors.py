"""Reads about who is on the board."""

import datetime as dt

from board.terms.models import BoardMembership
from members.models import Member


def board_members_on(day: dt.date) -> list[Member]:
    """The members with a board term on `day`, in name order."""
    ids = BoardMembership.objects.on(day).values("member_id")
    return list(Member.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))


def term_list(today: dt.date) -> tuple[list[BoardMembership], list[BoardMembership]]:
    """The terms running today, and all the others."""
    terms = list(BoardMembership.objects.select_related("member", "election"))
    return [t for t in terms if t.is_on(today)], [t for t in terms if not t.is_on(today)]
