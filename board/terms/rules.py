"""The rules for who may hold which seat on the board, in one place.

The co-operative has two co-chairs who support each other: never more than two at once.
Partner organisations (the council, the housing association, the charity) sit with the
board but do not vote unless the board's rules give their seat a vote."""

import datetime as dt
import zlib

from django.db import connection

from board.terms.models import BoardMembership
from coop.errors import CoopError

MAX_CO_CHAIRS = 2
# One number for PostgreSQL's advisory lock that queues changes to the co-chairs.
_CO_CHAIRS_LOCK = zlib.crc32(b"board.co_chairs")


class TooManyCoChairs(CoopError):
    code = "too_many_co_chairs"


def co_chairs_lock() -> None:
    """Make anyone else adding a co-chair wait until this transaction ends, so two people
    adding a co-chair at once cannot make three. Call inside transaction.atomic. SQLite
    (used only on a laptop) lets one writer in at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CO_CHAIRS_LOCK])


def _most_at_once(terms: list[BoardMembership], starts_on: dt.date, ends_on) -> int:
    """The most of `terms` running on any one day from `starts_on` to `ends_on`."""
    days = {starts_on} | {t.starts_on for t in terms if t.starts_on > starts_on}
    if ends_on is not None:
        days = {d for d in days if d < ends_on}
    return max((sum(t.is_on(d) for t in terms) for d in days), default=0)


def co_chair_room_check(*, starts_on: dt.date, ends_on: dt.date | None) -> None:
    """Raise TooManyCoChairs when a new co-chair from `starts_on` to `ends_on` would make
    more than two co-chairs on some day. Call after co_chairs_lock()."""
    terms = BoardMembership.objects.filter(role=BoardMembership.Role.CO_CHAIR).exclude(
        ends_on__lte=starts_on
    )
    if ends_on is not None:
        terms = terms.filter(starts_on__lt=ends_on)
    terms = list(terms.select_related("member"))
    if _most_at_once(terms, starts_on, ends_on) >= MAX_CO_CHAIRS:
        names = sorted({t.member.display_name for t in terms})
        names = ", ".join(names[:-1]) + " and " + names[-1]
        raise TooManyCoChairs(
            f"The board has 2 co-chairs then: {names}. "
            "There can only be 2 co-chairs. End a co-chair's term first."
        )
