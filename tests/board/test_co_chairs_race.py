"""Three people made co-chair at the same moment: two become co-chairs, the third is told
why not (the rule runs under one lock, so nobody sees a stale count)."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from board.models import BoardMembership
from board.terms import services as term_services
from board.terms.rules import TooManyCoChairs
from members.models import Member
from tests.board.conftest import add_member
from tests.conftest import make_cast

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 4  # a race may be lucky once; four times it rarely is


def _at_once(people: list[Member], starts_on: dt.date, actor) -> list[str]:
    """Each person made co-chair from `starts_on`, all at the same moment."""
    start = threading.Barrier(len(people))
    outcomes: list[str] = []
    lock = threading.Lock()

    def add(member: Member) -> None:
        try:
            start.wait()
            term_services.term_add(member=member, role="co_chair", starts_on=starts_on, actor=actor)
            result = "added"
        except TooManyCoChairs:
            result = "refused"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=add, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_three_co_chairs_added_at_once_make_two():
    cast = make_cast()
    today = timezone.localdate()
    for n in range(ROUNDS):
        people = [add_member(cast.admin, f"c{n}-{i}", f"Chair{i}", f"Round{n}") for i in range(3)]
        starts_on = today + dt.timedelta(days=10 * n)
        assert _at_once(people, starts_on, cast.admin) == ["added", "added", "refused"]
        co_chairs = BoardMembership.objects.filter(role="co_chair", ends_on=None)
        assert co_chairs.count() == 2
        for term in co_chairs:  # the next round's co-chairs start after these end
            ends_on = starts_on + dt.timedelta(days=1)
            term_services.term_end(term=term, ends_on=ends_on, actor=cast.admin)
