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


def co_chairs_on(day: dt.date) -> list[Member]:
    """The co-chairs on `day`, in name order (never more than 2: board.terms.rules)."""
    ids = BoardMembership.objects.on(day).filter(role=BoardMembership.Role.CO_CHAIR)
    return list(
        Member.objects.filter(pk__in=ids.values("member_id")).order_by(
            "last_name", "first_name", "pk"
        )
    )


# What a term asks of its holder beyond sitting on the board.
CO_CHAIR = "co_chair"
PAPERS = "papers"


def board_jobs(user, day: dt.date) -> set[str]:
    """What this person's board terms running on `day` make them do: chair (CO_CHAIR),
    write the papers (PAPERS), both, or neither (they sit and read)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    jobs: set[str] = set()
    terms = BoardMembership.objects.on(day).filter(member__user=user)
    for role, writes_papers in terms.values_list("role", "writes_papers"):
        if role == BoardMembership.Role.CO_CHAIR:
            jobs.add(CO_CHAIR)
        if writes_papers:
            jobs.add(PAPERS)
    return jobs
