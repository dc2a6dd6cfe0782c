"""events.upcoming: What's on's and the API's list in plain SQL gives the rows, the count
and the pages the ORM's list (events.selectors.activity_list with its values) gives, for
every filter the pages send, on PostgreSQL. (SQLite's answer is checked in
tests/test_project.py.)"""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from coop.dates import day_at
from events import selectors
from events.models import Activity, Booking
from events.upcoming import ROW, Upcoming
from members.models import Branch
from tests.events.conftest import make_activity, make_members

KEYS = [key for key, _, _ in ROW]


def _move(activity: Activity, starts: dt.datetime) -> None:
    """To start at `starts`, its other times moved with it (the table's checks hold)."""
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        booking_opens_at=starts - dt.timedelta(days=40),
        booking_closes_at=starts - dt.timedelta(hours=2),
        cancel_by=starts - dt.timedelta(days=2),
    )


@pytest.fixture
def spread(cast):
    """Activities in two areas over the next months, with places taken and people
    waiting, and some the list must leave out (a draft, a cancelled one, one gone by)."""
    home = cast.member_row.branch
    away = Branch.objects.create(name="Away")
    made = []
    for n in range(14):
        made.append(
            make_activity(
                cast.organiser,
                away if n % 3 == 0 else home,
                days=5 + n * 9,
                title=f"Trip {n}",
                step_free=n % 2 == 0,
                quiet_space=n % 4 == 0,
                places=3,
            )
        )
    # Two starting at the same moment: the id decides their order.
    _move(made[5], made[4].starts_at)
    # Either side of the first midnight of a summer month, local time: British Summer
    # Time, an hour ahead of UTC, so a month counted in UTC would take the wrong one.
    first = dt.date(timezone.localdate().year + 1, 7, 1)
    _move(made[6], day_at(first) + dt.timedelta(minutes=30))
    _move(made[7], day_at(first) - dt.timedelta(minutes=30))
    make_activity(cast.organiser, home, days=6, title="Draft", publish=False)
    gone = make_activity(cast.organiser, home, days=8, title="Gone by")
    _move(gone, timezone.now() - dt.timedelta(hours=1))
    Activity.objects.filter(pk=made[9].pk).update(status=Activity.Status.CANCELLED)
    people = make_members(cast, 5)
    for member, status in zip(people, ["confirmed"] * 3 + ["waiting"] * 2, strict=True):
        Booking.objects.create(activity=made[0], member=member, status=status)
    Booking.objects.create(activity=made[2], member=people[0], status="confirmed", places_used=2)
    return {"home": home, "away": away, "month": first}


def _filters(spread) -> list[dict]:
    now = timezone.now()
    return [
        {},
        {"branch": spread["home"]},
        {"branch": spread["away"]},
        {"month": spread["month"]},
        {"month": spread["month"] + dt.timedelta(days=40)},
        {"access": ("step_free",)},
        {"access": ("step_free", "quiet_space")},
        {"branch": spread["home"], "access": ("step_free",), "month": spread["month"]},
        {"start": now + dt.timedelta(days=20), "end": now + dt.timedelta(days=60)},
        {"start": now + dt.timedelta(days=20), "branch": spread["away"]},
        {"end": now - dt.timedelta(days=1)},
        {"start": day_at(spread["month"]) + dt.timedelta(minutes=15)},
        {"end": day_at(spread["month"]) + dt.timedelta(minutes=15)},
    ]


def test_the_rows_and_counts_are_the_orms(spread):
    for filters in _filters(spread):
        expected = list(selectors.activity_list(**filters).values(*KEYS))
        upcoming = Upcoming(**filters)
        assert upcoming.count() == len(expected), filters
        assert upcoming[0 : len(expected) + 5] == expected, filters
        assert upcoming[3:7] == expected[3:7], filters
        assert upcoming[2:] == expected[2:], filters
        assert upcoming[4:4] == []
    everything = Upcoming()[0:50]
    assert len(everything) == 13  # the 14 trips but the cancelled one
    assert everything[0]["taken"] == 3 and everything[0]["waiting"] == 2
    assert everything[2]["taken"] == 2 and everything[2]["waiting"] == 0
    assert not {"Draft", "Gone by", "Trip 9"} & {row["title"] for row in everything}


def test_the_month_is_the_local_month(spread):
    titles = [row["title"] for row in Upcoming(month=spread["month"])[0:20]]
    assert "Trip 6" in titles and "Trip 7" not in titles
    june = [row["title"] for row in Upcoming(month=spread["month"].replace(month=6))[0:20]]
    assert "Trip 7" in june and "Trip 6" not in june
    later = Upcoming(start=day_at(spread["month"]) + dt.timedelta(minutes=15))[0:1]
    assert later[0]["title"] == "Trip 6"


def test_pages_are_djangos(spread):
    expected = Paginator(selectors.activity_list().values(*KEYS), 5)
    got = Paginator(Upcoming(), 5)
    assert got.count == expected.count == 13
    for number in (1, 2, 3):
        assert list(got.page(number)) == list(expected.page(number))


def test_only_slices_are_read():
    with pytest.raises(TypeError):
        Upcoming()[0]
    with pytest.raises(TypeError):
        Upcoming()[0:10:2]
    with pytest.raises(ValueError):
        Upcoming()[-5:]
