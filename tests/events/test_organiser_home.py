"""The organiser's home: what waits for them, each a line with a count and a link to
where the work is done, or plain words when nothing waits; the full member list a step
away."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Activity, Booking
from members.models import Member
from members.outbox.services import Words, tell
from tests.events.conftest import make_activity
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def home(client, cast) -> str:
    client.force_login(cast.organiser)
    response = client.get(reverse("organiser-home"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def started_today(activity: Activity) -> None:
    """The activity began just now (it was booked while it was still to come)."""
    now = timezone.now()
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=now,
        ends_at=now + dt.timedelta(hours=2),
        booking_closes_at=now - dt.timedelta(minutes=5),
        cancel_by=now - dt.timedelta(minutes=5),
    )


def test_when_nothing_waits_the_page_says_so_plainly(client, cast):
    page = home(client, cast)
    assert "What waits for you" in page
    for words in (
        "No applications to approve.",
        "No calls to make today.",
        "No cash to take today.",
        "No cash to give back.",
    ):
        assert f"<li>{words}</li>" in page


def test_the_member_table_is_a_step_away(client, cast):
    page = home(client, cast)
    members = Member.objects.count()
    assert f'<a href="{reverse("member-list")}">All members ({members})</a>' in page
    assert "<table" not in page and cast.member_row.display_name not in page


def test_applications_and_calls_are_counted_with_a_link(client, cast):
    MemberFactory(status="applied")
    caller = MemberFactory(
        user=None,
        branch=cast.member_row.branch,
        contact_preferences=["phone"],
        phone="07700 900222",
    )
    tell(caller, "test_news", Words("A place is free for you", ["Hello."]))
    page = home(client, cast)
    applied = reverse("member-list") + "?status=applied"
    assert f'<a href="{applied}">Applications to approve: 1</a>' in page
    assert f'<a href="{reverse("outbox")}#calls-today">Calls to make today: 1</a>' in page


def test_cash_to_take_today_links_to_who_is_coming(client, cast):
    branch = cast.member_row.branch
    today = make_activity(cast.organiser, branch, fee_pence=300, days=1, title="Park")
    later = make_activity(cast.organiser, branch, fee_pence=300, days=3, title="Cinema")
    booking = services.booking_create(
        activity=today, member=cast.member_row, actor=cast.member, payment="cash"
    )
    services.booking_create(
        activity=later, member=cast.member_row, actor=cast.member, payment="cash"
    )
    started_today(today)
    page = home(client, cast)
    url = reverse("organiser-activity", args=[today.pk])
    assert f'<a href="{url}">Cash to take at Park, today: 1</a>' in page
    assert "Cash to take at Cinema" not in page
    services.booking_record_cash(booking=booking, actor=cast.organiser)
    assert "<li>No cash to take today.</li>" in home(client, cast)


def test_cash_to_give_back_links_to_who_came(client, cast, django_capture_on_commit_callbacks):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=1, title="Park")
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.organiser, payment="cash_received"
    )
    started_today(activity)
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_mark(booking=booking, actor=cast.organiser, attended=True)
    booking.refresh_from_db()
    assert booking.fee_status == Booking.FeeStatus.REFUND_PENDING
    page = home(client, cast)
    url = reverse("attendance", args=[activity.pk])
    assert f'<a href="{url}">Cash to give back at Park, today: 1</a>' in page
    client.post(reverse("cash-given-back", args=[booking.pk]))
    assert "<li>No cash to give back.</li>" in home(client, cast)


def test_only_organisers_see_the_cash_lines(client, cast):
    from events.home import cash_lines

    assert cash_lines(cast.member) == []
    assert cash_lines(cast.organiser)
