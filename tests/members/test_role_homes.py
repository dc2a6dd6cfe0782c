"""Each home page starts with that person's next things. May: her next activity (or that
nothing is booked, with what's on a step away) and an election she can stand or vote in,
with the day it closes. The organiser: today's and the next activities, applications to
approve. The board: the next meeting and its papers, and the actions still to do."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Activity
from members.models import Member
from tests.board.conftest import call, vote, voting_election
from tests.events.conftest import make_activity
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def home_text(client, cast) -> str:
    client.force_login(cast.member)
    response = client.get(reverse("me"))
    assert response.status_code == 200
    return response.content.decode()


def test_with_nothing_booked_may_is_told_so_and_shown_whats_on(client, cast):
    page = home_text(client, cast)
    assert "Your next activity" in page
    assert "You have nothing booked." in page
    assert reverse("activity-list") in page
    assert "You can vote for the board" not in page


def test_may_sees_her_soonest_booking_not_a_later_or_past_one(client, cast):
    branch = cast.member_row.branch
    later = make_activity(cast.organiser, branch, fee_pence=0, title="Cinema", days=20)
    sooner = make_activity(cast.organiser, branch, fee_pence=0, title="Park", days=3)
    for activity in (later, sooner):
        services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    page = home_text(client, cast)
    assert "Park" in page and "Cinema" not in page
    assert "You are booked." in page
    booking = sooner.bookings.get()
    assert reverse("booking-detail", args=[booking.pk]) in page


def test_may_is_told_she_still_needs_to_pay(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=300)
    services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="cash"
    )
    page = home_text(client, cast)
    assert "Bowling" in page
    assert "You are booked." in page
    assert "£3" in page


def test_an_open_election_is_on_her_page_until_she_votes(client, cast):
    setup = voting_election(cast)
    closes = timezone.localtime(setup.election.voting_close_at)
    page = home_text(client, cast)
    assert "You can vote for the board" in page
    assert f"Voting closes on {closes:%A} {closes.day} {closes:%B}" in page
    assert reverse("election-vote", args=[setup.election.pk]) in page
    vote(setup.election, cast.member_row, setup.candidates[0].pk)
    assert "You can vote for the board" not in home_text(client, cast)


def test_an_election_taking_nominations_invites_her_to_stand(client, cast):
    election = call(cast)
    page = home_text(client, cast)
    assert "You can stand for the board" in page
    assert reverse("election-detail", args=[election.pk]) in page


def test_the_organiser_page_starts_with_today_and_the_next_activities(client, cast):
    branch = cast.member_row.branch
    today = make_activity(cast.organiser, branch, fee_pence=0, title="Park", days=1)
    services.booking_create(activity=today, member=cast.member_row, actor=cast.member)
    # The park trip began a minute ago (booked while it was still to come).
    now = timezone.now()
    Activity.objects.filter(pk=today.pk).update(
        starts_at=now - dt.timedelta(minutes=1),
        ends_at=now + dt.timedelta(hours=2),
        booking_closes_at=now - dt.timedelta(minutes=5),
        cancel_by=now - dt.timedelta(minutes=5),
    )
    make_activity(cast.organiser, branch, title="Cinema", days=5)
    make_activity(cast.organiser, branch, title="Draft trip", days=2, publish=False)
    client.force_login(cast.organiser)
    page = " ".join(client.get(reverse("organiser-home")).content.decode().split())
    assert "Today and next" in page
    assert page.index("Park") < page.index("Cinema")
    assert "Draft trip" not in page
    assert "1 of 5 places taken." in page
    assert reverse("attendance", args=[today.pk]) in page
    assert reverse("organiser-activity", args=[today.pk]) in page


def test_the_organiser_page_counts_applications_to_approve(client, cast):
    MemberFactory(status=Member.Status.APPLIED)
    client.force_login(cast.organiser)
    page = client.get(reverse("organiser-home")).content.decode()
    assert "Applications to approve: 1" in page
    assert reverse("member-list") + "?status=applied" in page


def test_the_board_page_starts_with_the_next_meeting_and_its_papers(client, cast):
    from board.meetings.models import Action
    from board.meetings.services.packs import papers_send
    from tests.board.meeting_helpers import make_board, plan

    make_board(cast)
    plan(cast, days=30, title="Later meeting")
    meeting = plan(cast, days=10, title="December meeting")
    past = plan(cast, days=-20, title="Old meeting")
    Action.objects.create(
        meeting=past, what="Ring the bus company", owner=cast.member_row, due_on=past.day
    )
    client.force_login(cast.board)
    page = " ".join(client.get(reverse("board-home")).content.decode().split())
    assert "Our next board meeting" in page and "December meeting" in page
    assert "Later meeting" not in page
    assert "The papers are not ready yet." in page
    assert "1 thing still to do" in page
    papers_send(meeting=meeting, actor=cast.board)
    page = client.get(reverse("board-home")).content.decode()
    assert reverse("meeting-pack", args=[meeting.pk]) in page and "Read the papers" in page
    assert "Later meeting" not in page  # still the soonest meeting, papers or not


def test_a_board_member_sees_what_they_said_they_would_do(client, cast):
    from board.meetings.models import Action
    from members.models import Role
    from members.services import role_grant
    from tests.board.meeting_helpers import plan

    role_grant(user=cast.member, role=Role.BOARD, actor=cast.admin)
    past = plan(cast, days=-20, title="Old meeting")
    Action.objects.create(
        meeting=past, what="Ring the bus company", owner=cast.member_row, due_on=past.day
    )
    client.force_login(cast.member)
    page = client.get(reverse("board-home")).content.decode()
    assert "Ring the bus company. By" in page and "(this is late)" in page
