"""What members can come to (issue 22): What's on narrowed to places with what a member
needs (the page and the API), and the board's unmet demand (full activities, waiting lists,
times that suit many members but have few activities) on the numbers page and in the pack.
Every count here is worked out by hand from the made-up rows in each test."""

import datetime as dt
import io

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone

from board.meetings import services as meeting_services
from board.meetings.papers.pack import pack_pdf
from events import services
from events.demand import unmet_demand
from events.models import Booking
from members import services as member_services
from members.good_times import GoodTime as T
from tests.board.meeting_helpers import plan
from tests.events.conftest import make_activity, make_members

pytestmark = pytest.mark.django_db


def next_on(weekday: int, hour: int, *, after: int = 3) -> dt.datetime:
    """The first `weekday` (0 is Monday) at least `after` days away, at `hour` local time."""
    day = timezone.localdate() + dt.timedelta(days=after)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def activity_at(cast, starts: dt.datetime, **extra):
    return make_activity(
        cast.organiser,
        cast.member_row.branch,
        fee_pence=0,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        booking_closes_at=starts - dt.timedelta(hours=2),
        cancel_by=starts - dt.timedelta(days=2),
        **extra,
    )


# --- What's on, narrowed ---------------------------------------------------------------


@pytest.fixture
def three_places(cast):
    branch = cast.member_row.branch
    return {
        "ramp": make_activity(cast.organiser, branch, title="Cafe with a ramp", step_free=True),
        "quiet": make_activity(
            cast.organiser,
            branch,
            title="Library with a quiet room",
            step_free=True,
            quiet_space=True,
            accessible_toilet=True,
        ),
        "stairs": make_activity(cast.organiser, branch, title="Cellar quiz night"),
    }


def test_whats_on_shows_only_step_free_places_and_says_it_is_narrowed(cast, client, three_places):
    client.force_login(cast.member)
    page = client.get(reverse("activity-list"), {"step_free": "on"}).content.decode()
    assert "Cafe with a ramp" in page and "Library with a quiet room" in page
    assert "Cellar quiz night" not in page
    assert "You are only seeing activities with:" in page
    assert "<li>No steps: good for wheelchairs</li>" in page
    assert f'<a href="{reverse("activity-list")}">See all activities</a>' in page
    # The choices stay open and ticked, so the member sees what they chose.
    assert '<details class="filters-box wide-open" open>' in page
    assert 'name="step_free" id="id_step_free" checked' in page


def test_whats_on_with_two_needs_shows_places_with_both(cast, client, three_places):
    client.force_login(cast.supporter)
    page = client.get(
        reverse("activity-list"), {"step_free": "on", "quiet_space": "on"}
    ).content.decode()
    assert "Library with a quiet room" in page
    assert "Cafe with a ramp" not in page and "Cellar quiz night" not in page
    assert "<li>Quiet place to take a break</li>" in page


def test_whats_on_unnarrowed_shows_all_and_no_note(cast, client, three_places):
    client.force_login(cast.member)
    page = client.get(reverse("activity-list")).content.decode()
    for activity in three_places.values():
        assert activity.title in page
    assert "You are only seeing" not in page
    # A box left empty narrows nothing; a month chosen too still works alongside.
    page = client.get(reverse("activity-list"), {"accessible_toilet": ""}).content.decode()
    assert "Cellar quiz night" in page and "You are only seeing" not in page


def test_the_api_list_narrows_by_access_too(cast, api, three_places):
    api.force_authenticate(cast.member)
    url = reverse("events_api:activity-list")
    titles = lambda query: {a["title"] for a in api.get(url, query).json()["results"]}  # noqa: E731
    assert titles({}) == {a.title for a in three_places.values()}
    assert titles({"step_free": "true"}) == {"Cafe with a ramp", "Library with a quiet room"}
    assert titles({"accessible_toilet": "true", "step_free": "true"}) == {
        "Library with a quiet room"
    }
    assert titles({"quiet_space": "false"}) == {a.title for a in three_places.values()}
    wrong = api.get(url, {"step_free": "maybe"})
    assert wrong.status_code == 400 and "step_free" in str(wrong.json())


# --- Unmet demand ----------------------------------------------------------------------


@pytest.fixture
def said(cast):
    """5 members; 4 said times. Saturday suits 3, every other time 1 (counted by hand).
    A resigned member's Saturday does not count."""
    may = cast.member_row
    m0, m1, m2, m3, gone = make_members(cast, 5)
    for member, times in (
        (may, [T.SATURDAY, T.WEEKDAY_EVENING]),
        (m0, [T.SATURDAY]),
        (m1, [T.SUNDAY, T.SATURDAY]),
        (m2, [T.WEEKDAY_DAY]),
        (gone, [T.SATURDAY]),
    ):
        member_services.member_times_set(member=member, actor=cast.admin, times=times)
    member_services.member_resign(member=gone, actor=cast.admin, reason="moved away")
    return [may, m0, m1, m2, m3]


def test_times_count_members_and_the_activities_coming_then(cast, said):
    activity_at(cast, next_on(5, 14))  # Saturday
    activity_at(cast, next_on(1, 19))  # Tuesday evening
    activity_at(cast, next_on(0, 17))  # Monday at 5 pm: the evening
    activity_at(cast, next_on(1, 10))  # Tuesday in the day
    activity_at(cast, next_on(5, 11), publish=False)  # a draft: not coming yet
    activity_at(cast, next_on(6, 11, after=50))  # Sunday, after the 6 weeks
    demand = unmet_demand(start=timezone.now())
    rows = {t.code: (t.members, t.activities, t.too_few) for t in demand.times}
    assert rows == {
        T.WEEKDAY_DAY: (1, 1, False),
        T.WEEKDAY_EVENING: (1, 2, False),
        T.SATURDAY: (3, 1, True),  # 3 members, only 1 activity
        T.SUNDAY: (1, 0, False),  # none, but it suits only 1 member
    }
    assert demand.said == 4
    assert [t.code for t in demand.too_few] == [T.SATURDAY]
    activity_at(cast, next_on(5, 14, after=10))  # a second Saturday: no longer too few
    assert unmet_demand(start=timezone.now()).too_few == []


def test_full_activities_count_who_got_no_place_and_who_still_waits(cast, said):
    may, m0, m1, m2, m3 = said
    full = activity_at(cast, next_on(2, 11), places=2, title="Boat trip")
    roomy = activity_at(cast, next_on(3, 11), places=3, title="Walk")
    for member in (may, m0, m1, m2, m3):
        services.booking_create(activity=full, member=member, actor=member.user, payment="cash")
    services.booking_create(activity=roomy, member=m3, actor=m3.user, payment="cash")
    statuses = list(full.bookings.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed"] * 2 + ["waiting"] * 3
    # One gives up waiting: still someone who asked and got no place, but not waiting.
    services.booking_cancel(booking=Booking.objects.get(activity=full, member=m3), actor=m3.user)
    demand = unmet_demand(start=timezone.now())
    assert [(r.activity.title, r.waiting, r.no_place, r.held) for r in demand.full] == [
        ("Boat trip", 2, 3, False)
    ]
    assert (demand.waiting, demand.no_place) == (2, 3)
    # After it starts, it has happened: its list will not move.
    later = unmet_demand(start=timezone.now(), now=full.starts_at + dt.timedelta(hours=1))
    assert [r.held for r in later.full] == [True]
    # Before the window: not counted.
    assert unmet_demand(start=full.starts_at + dt.timedelta(minutes=1)).full == []


def test_board_numbers_page_shows_unmet_demand_without_names(cast, client, said):
    may, m0, m1, m2, m3 = said
    full = activity_at(cast, next_on(2, 11), places=1, title="Boat trip")
    for member in (may, m0):
        services.booking_create(activity=full, member=member, actor=member.user, payment="cash")
    client.force_login(cast.board)
    page = client.get(reverse("activity-summary")).content.decode()
    assert "What members could not come to" in page
    assert "1 activity was full." in page
    assert "1 person asked for a place and did not get one." in page
    assert "1 person is on a waiting list now." in page
    assert "Boat trip (Northfield)" in page
    assert "4 members told us the times that suit them." in page
    assert "Saturday suits 3 members. No activities are planned then." in page
    for member in said:  # counts only: nobody is named
        assert member.last_name not in page.replace("Okafor", "")
    assert "Maya" not in page


def _pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)


def test_the_board_pack_has_the_unmet_demand_paper(cast, said):
    may, m0, *_ = said
    full = activity_at(cast, next_on(2, 11), places=1, title="Boat trip")
    for member in (may, m0):
        services.booking_create(activity=full, member=member, actor=member.user, payment="cash")
    meeting = plan(cast, days=10)
    meeting_services.papers_refresh(meeting=meeting, actor=cast.board)
    easy = _pdf_text(pack_pdf(meeting, "easy-read"))
    assert "What members could not come to" in easy
    assert "1 activity was full." in easy
    assert "1 person asked for a place and did not get one." in easy
    assert "Saturday suits 3 members. No activities are coming then." in easy
    standard = _pdf_text(pack_pdf(meeting, "standard"))
    assert "Boat trip (Northfield," in standard
    assert "1 got no place, 1 waiting" in standard
    assert "Saturday: 3 members, 0 activities (too few activities)" in standard
    assert "Maya" not in easy + standard
