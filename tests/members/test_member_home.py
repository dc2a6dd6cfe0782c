"""May's page starts with her next things: her next activity (or that nothing is booked,
with what's on a step away) and an election she can vote in, with the day it closes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from tests.board.conftest import call, vote, voting_election
from tests.events.conftest import make_activity

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
