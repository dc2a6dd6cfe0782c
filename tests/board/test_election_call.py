"""Calling an election, the frozen electorate, and the moves to nominations and voting."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from board.elections import services
from board.elections.selectors import members_active_on
from board.models import BallotBox, Election, Elector
from coop.errors import CoopError, InvalidTransition
from coop.models import AuditEntry
from members import services as member_services
from members.models import Member
from tests.board.conftest import KEY, add_member, call, due_election, stand

pytestmark = pytest.mark.django_db


def test_calling_records_seed_audit_and_freezes_todays_active_members(cast):
    lapsed = add_member(cast.admin, "lapsed", "Lee", "Lapsed", status=Member.Status.LAPSED)
    election = call(cast)
    assert election.status == Election.Status.NOMINATIONS  # its window has opened
    assert 0 <= election.seed < 2**31
    electors = set(election.electors.values_list("member_id", flat=True))
    assert cast.member_row.pk in electors and lapsed.pk not in electors
    actions = set(
        AuditEntry.objects.filter(target_id=str(election.pk)).values_list("action", flat=True)
    )
    assert {"election.called", "election.electorate_frozen", "election.nominations_opened"} <= (
        actions
    )


def test_the_electorate_stays_frozen_when_the_roll_changes(cast):
    election = call(cast)
    newcomer = add_member(cast.admin, "newcomer", "Nia", "New")
    member_services.member_lapse(member=cast.member_row, actor=cast.admin)
    # Freezing again changes nothing: the list was fixed once.
    services.election_electorate_freeze(election=election, actor=cast.returning)
    electors = set(election.electors.values_list("member_id", flat=True))
    assert cast.member_row.pk in electors and newcomer.pk not in electors


def test_an_electorate_date_in_the_future_is_frozen_when_it_comes(cast):
    now = timezone.now()
    election = call(
        cast,
        electorate_date=timezone.localdate(now) + dt.timedelta(days=1),
        voting_open_at=now + dt.timedelta(days=2),
        voting_close_at=now + dt.timedelta(days=9),
    )
    assert election.electorate_frozen_at is None and not election.electors.exists()
    with pytest.raises(CoopError, match="That day has not come yet"):
        services.election_electorate_freeze(election=election, actor=cast.returning)
    count = services.election_electorate_freeze(
        election=election, actor=cast.returning, now=now + dt.timedelta(days=1, hours=1)
    )
    assert count == election.electors.count() > 0


def test_members_active_on_a_past_date_follow_the_rolls_history(cast):
    today = timezone.localdate()
    assert cast.member_row in members_active_on(today)
    # Added today from paper records, admitted long ago: counts on a past date.
    old = add_member(cast.admin, "old", "Olga", "Old", admitted_on=dt.date(2020, 1, 1))
    # Applied, never admitted: not a member then.
    applicant = add_member(
        cast.admin, "applicant", "Ann", "Applied", status=Member.Status.APPLIED, admitted_on=None
    )
    last_year = today - dt.timedelta(days=365)
    active_then = set(members_active_on(last_year).values_list("pk", flat=True))
    assert old.pk in active_then and applicant.pk not in active_then
    # A member whose history says lapsed at the end of a day was not active on it.
    member_services.member_lapse(member=old, actor=cast.admin)
    assert old.pk not in set(members_active_on(today).values_list("pk", flat=True))
    assert old.pk in set(members_active_on(last_year).values_list("pk", flat=True))


@pytest.mark.parametrize(
    "overrides,message,field",
    [
        ({"title": "  "}, "Please give the election a title.", "title"),
        ({"seats": 0}, "There must be at least 1 seat.", "seats"),
        ({"method": "borda"}, "Please choose a way to count the votes.", "method"),
        ({"method": "irv", "seats": 2}, "Instant run-off fills 1 seat.", "method"),
        ({"term_years": 11}, "A term on the board is from 1 to 10 years.", "term_years"),
    ],
)
def test_calling_with_bad_details_says_why_and_saves_nothing(cast, overrides, message, field):
    with pytest.raises(services.ElectionInvalid, match=message) as error:
        call(cast, **overrides)
    assert error.value.field == field
    assert not Election.objects.exists()


def test_windows_out_of_order_are_refused(cast):
    now = timezone.now()
    with pytest.raises(services.ElectionInvalid, match="Voting must open after nominations"):
        call(cast, voting_open_at=now)
    with pytest.raises(services.ElectionInvalid, match="Voting must close after it opens"):
        call(cast, voting_close_at=now + dt.timedelta(minutes=59))
    with pytest.raises(services.ElectionInvalid, match="must close in the future"):
        call(cast, nominations_close_at=now - dt.timedelta(minutes=1))
    with pytest.raises(services.ElectionInvalid, match="on or before the day voting opens"):
        call(cast, electorate_date=timezone.localdate(now) + dt.timedelta(days=30))
    assert not Election.objects.exists()


def test_the_returning_officer_must_hold_the_role(cast):
    with pytest.raises(services.ElectionInvalid, match="is not a returning officer"):
        call(cast, returning_officer=cast.board)


def test_the_database_refuses_irv_for_several_seats(cast):
    election = call(cast, method="irv", seats=1)
    with pytest.raises(IntegrityError):
        Election.objects.filter(pk=election.pk).update(seats=3)


def test_an_elector_is_listed_once_per_election(cast):
    election = call(cast)
    with pytest.raises(IntegrityError):
        Elector.objects.create(election=election, member=cast.member_row)


def test_voting_cannot_open_with_undecided_or_no_nominations(cast):
    election = due_election(cast)
    with pytest.raises(CoopError, match="Nobody is standing yet"):
        services.election_voting_open(election=election, actor=cast.returning)
    stand(cast, election, accept=False)
    with pytest.raises(CoopError, match="1 nomination"):
        services.election_voting_open(election=election, actor=cast.returning)
    election.refresh_from_db()
    assert election.status == Election.Status.NOMINATIONS


def test_voting_cannot_open_without_a_ballot_box(cast):
    election = due_election(cast)
    stand(cast, election)
    with pytest.raises(
        CoopError,
        match="Make the ballot box and write down its opening key first. "
        "Without the key nobody can open the box.",
    ):
        services.election_voting_open(election=election, actor=cast.returning)
    election.refresh_from_db()
    assert election.status == Election.Status.NOMINATIONS
    assert not BallotBox.objects.exists()
    assert not AuditEntry.objects.filter(action="election.voting_opened").exists()
    # Once the box is made, voting opens, and every sealed ballot has its padded size.
    services.ballot_box_make(election=election, actor=cast.returning, key=KEY)
    services.election_voting_open(election=election, actor=cast.returning)
    election.refresh_from_db()
    assert election.status == Election.Status.VOTING
    assert BallotBox.objects.get(election=election).padded_size == 256


def test_voting_cannot_open_before_its_time_and_opening_twice_is_safe(cast, setup):
    assert setup.election.status == Election.Status.VOTING
    again = services.election_voting_open(election=setup.election, actor=cast.returning)
    assert again.status == Election.Status.VOTING
    early = call(cast, title="Later election")
    with pytest.raises(CoopError, match="Voting opens on"):
        services.election_voting_open(election=early, actor=cast.returning)


def test_cancelling_needs_a_reason_and_is_final(cast, setup):
    with pytest.raises(CoopError, match="Please say why"):
        services.election_cancel(election=setup.election, actor=cast.board, reason=" ")
    services.election_cancel(election=setup.election, actor=cast.board, reason="Too few stood.")
    again = services.election_cancel(election=setup.election, actor=cast.board, reason="x")
    assert again.status == Election.Status.CANCELLED
    assert again.cancelled_reason == "Too few stood."
    with pytest.raises(InvalidTransition):
        services.election_voting_open(election=setup.election, actor=cast.returning)


# --- the page ------------------------------------------------------------------------


def call_form(cast, **overrides) -> dict:
    now = timezone.localtime() + dt.timedelta(days=1)
    data = {
        "title": "Board election 2027",
        "seats": "3",
        "method": "scottish-stv",
        "electorate_date": now.date().isoformat(),
        "nominations_open_at": now.strftime("%Y-%m-%dT%H:%M"),
        "nominations_close_at": (now + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "voting_open_at": (now + dt.timedelta(days=8)).strftime("%Y-%m-%dT%H:%M"),
        "voting_close_at": (now + dt.timedelta(days=15)).strftime("%Y-%m-%dT%H:%M"),
        "term_years": "2",
        "returning_officer": str(cast.returning.pk),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["board", "admin"])
def test_board_and_administrators_call_an_election_from_the_page(client, cast, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse("election-call")).status_code == 200
    response = client.post(reverse("election-call"), call_form(cast))
    election = Election.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("election-detail", args=[election.pk])
    assert election.seats == 3 and election.returning_officer == cast.returning
    assert election.status == Election.Status.DRAFT


@pytest.mark.parametrize("role", ["member", "returning", "organiser", "outsider"])
def test_others_cannot_call_an_election(client, cast, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse("election-call")).status_code == 403
    assert client.post(reverse("election-call"), call_form(cast)).status_code == 403
    assert not Election.objects.exists()


def test_the_call_form_shows_each_mistake_in_words(client, cast):
    client.force_login(cast.board)
    response = client.post(reverse("election-call"), call_form(cast, title="", seats="lots"))
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "Please give the election a title." in html
    assert "Please type a number, like 3." in html
    response = client.post(reverse("election-call"), call_form(cast, method="irv", seats="2"))
    assert "Instant run-off fills 1 seat." in response.content.decode()
    assert not Election.objects.exists()
