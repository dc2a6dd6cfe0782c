"""Election notices to every elector, by each one's own way (email, text, letter, a call
from an organiser, or no way at all), with a supporter's copy: nominations are open, voting
is open, voting closes soon (a day before; a week before by letter), and the results.
Nothing is told twice, however often it runs."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from board.elections import services
from board.elections.services.elections import when
from board.elections.services.notices import election_notices_due, election_notices_send
from board.models import Election
from members.models import Branch, Member
from members.outbox.models import Message
from tests.board.conftest import add_member, call, counted, voting_election
from tests.outbox_helpers import WAYS, add_supporter, check_told, messages

pytestmark = pytest.mark.django_db

S = Message.Status
DETAILS = {
    "email": {"contact_preferences": ["email"], "email": "wendy@example.org"},
    "text": {"contact_preferences": ["text"], "phone": "07700 900111"},
    "letter": {
        "contact_preferences": ["letter"],
        "address": "1 High Street\nNorthfield",
        "postcode": "NF1 1AA",
    },
    "phone": {"contact_preferences": ["phone"], "phone": "01632 960123"},
    "none": {"contact_preferences": ["letter"]},
}


@pytest.fixture
def people(cast) -> dict[str, Member]:
    """An active member for each way, each with a supporter who asked for copies."""
    people = {}
    for way in WAYS:
        member = add_member(cast.admin, f"way-{way}", way.title(), "Elector", **DETAILS[way])
        add_supporter(member, f"helper-{way}", f"hana-{way}@example.org")
        people[way] = member
    return people


@pytest.mark.parametrize("way", WAYS)
def test_nominations_open_tells_every_elector_their_way(cast, people, way):
    election = call(cast)
    mine = check_told(
        people[way],
        "election_nominations",
        way,
        "We are choosing 2 people for our board.",
        "Would you like to stand?",
        f"You can say yes until {when(election.nominations_close_at)}.",
        f"/elections/{election.pk}/stand/",
    )
    assert mine.subject == "Would you like to stand for the board? Board election"
    # Every elector heard, once each.
    electors = set(election.electors.values_list("member_id", flat=True))
    members = Message.objects.filter(kind="election_nominations", recipient="member")
    assert sorted(members.values_list("member_id", flat=True)) == sorted(electors)


@pytest.mark.parametrize("way", WAYS)
def test_voting_open_tells_every_elector_their_way(cast, people, way):
    setup = voting_election(cast, candidates=3)
    election = setup.election
    mine = check_told(
        people[way],
        "election_voting",
        way,
        "3 people are standing for 2 places on the board.",
        f"You can vote until {when(election.voting_close_at)}.",
        f"/elections/{election.pk}/vote/",
        "Your vote is secret.",
    )
    assert mine.subject == "Voting is open: Board election"
    assert (
        Message.objects.filter(kind="election_voting", recipient="member").count()
        == election.electors.count()
    )


@pytest.mark.parametrize("way", WAYS)
def test_voting_closes_soon_a_day_before(cast, people, way):
    setup = voting_election(cast)
    close_at = setup.election.voting_close_at
    election_notices_due(now=close_at - dt.timedelta(hours=12))
    check_told(
        people[way],
        "election_closing",
        way,
        f"Voting for Board election closes on {when(close_at)}.",
        "If you have voted, thank you. You do not need to do anything.",
    )


def test_voting_closes_soon_by_letter_a_week_before_and_the_rest_a_day_before(cast, people):
    setup = voting_election(cast)
    close_at = setup.election.voting_close_at
    assert election_notices_due(now=close_at - dt.timedelta(days=8)) == {}
    election_notices_due(now=close_at - dt.timedelta(days=6))
    closing = Message.objects.filter(kind="election_closing", recipient="member")
    assert list(closing.values_list("member_id", flat=True)) == [people["letter"].pk]
    # A day before: everyone else, and the letter is not written twice.
    election_notices_due(now=close_at - dt.timedelta(hours=23))
    assert closing.count() == setup.election.electors.count()
    assert len(messages(people["letter"], "election_closing")) == 2  # the member's and a copy
    # After the close nothing more is due.
    assert election_notices_due(now=close_at + dt.timedelta(minutes=1)) == {}


def test_no_closing_notice_when_voting_is_shorter_than_a_day(cast, people):
    now = timezone.now()
    voting_election(cast, voting_close_at=now + dt.timedelta(hours=20))
    assert election_notices_due(now=now + dt.timedelta(hours=10)) == {}
    assert not Message.objects.filter(kind="election_closing").exists()


@pytest.mark.parametrize("way", WAYS)
def test_the_results_go_to_every_elector_their_way(cast, people, way):
    setup = voting_election(cast)
    election = counted(cast, setup)
    winners = [setup.candidates[0].name, setup.candidates[1].name]
    mine = check_told(
        people[way],
        "election_results",
        way,
        "We have counted the votes for Board election.",
        "5 people voted.",
        "The new board members are:",
        f"/elections/{election.pk}/results/",
    )
    assert all(f"- {name}" in mine.body for name in winners)
    assert setup.candidates[2].name not in mine.body
    assert mine.subject == "The results: Board election"


def test_notices_are_never_written_twice(cast, people):
    setup = voting_election(cast)
    election = setup.election
    before = Message.objects.count()
    # The moves again, the notices again, and the timer again and again.
    services.election_voting_open(election=election, actor=cast.returning)
    assert election_notices_send(election, "election_voting") == 0
    assert election_notices_send(election, "election_nominations") == 0
    after_nominations = Message.objects.count()
    assert after_nominations == before
    soon = election.voting_close_at - dt.timedelta(hours=2)
    assert election_notices_due(now=soon)
    after_closing = Message.objects.count()
    assert election_notices_due(now=soon) == {}
    assert election_notices_due(now=soon + dt.timedelta(minutes=30)) == {}
    assert Message.objects.count() == after_closing > after_nominations
    counted(cast, setup)
    results = Message.objects.filter(kind="election_results").count()
    assert results > 0
    services.election_count(election=election, actor=cast.returning)
    assert Message.objects.filter(kind="election_results").count() == results
    keys = Message.objects.filter(kind__startswith="election_").values_list("key", flat=True)
    assert len(keys) == len(set(keys)) and all(keys)


def test_the_timer_tells_a_member_who_joined_while_nominations_are_open(cast, people):
    now = timezone.now()
    election = call(
        cast,
        electorate_date=timezone.localdate(now) + dt.timedelta(days=2),
        voting_open_at=now + dt.timedelta(days=3),
    )
    assert election.electorate_frozen_at is None
    first = Message.objects.filter(kind="election_nominations", recipient="member").count()
    assert first == Member.objects.filter(status=Member.Status.ACTIVE).count()
    newcomer = add_member(
        cast.admin, "newcomer", "Nia", "New", contact_preferences=["email"], email="nia@x.org"
    )
    assert election_notices_due() == {election.pk: {"election_nominations": 1}}
    check_told_once = messages(newcomer, "election_nominations")
    assert len(check_told_once) == 1 and check_told_once[0].status == S.QUEUED
    assert election_notices_due() == {}


def test_send_election_notices_command(cast, people):
    now = timezone.now()
    setup = voting_election(cast, voting_close_at=now + dt.timedelta(days=10))
    out = io.StringIO()
    call_command("send_election_notices", stdout=out)
    assert out.getvalue().strip() == "No election notices are due."
    # Ten days later: voting closes in 3 hours.
    Election.objects.filter(pk=setup.election.pk).update(
        nominations_open_at=now - dt.timedelta(days=12),
        nominations_close_at=now - dt.timedelta(days=11),
        voting_open_at=now - dt.timedelta(days=10),
        voting_close_at=now + dt.timedelta(hours=3),
    )
    call_command("send_election_notices", stdout=out)
    electors = setup.election.electors.count()
    assert f"Election {setup.election.pk}: {electors} told voting closes soon." in out.getvalue()
    out = io.StringIO()
    call_command("send_election_notices", stdout=out)
    assert out.getvalue().strip() == "No election notices are due."
    out = io.StringIO()
    call_command("send_election_notices", "--queue", stdout=out)
    assert out.getvalue().startswith("Queued:")


def test_notices_to_many_electors_take_few_queries_each(cast, django_assert_max_num_queries):
    """Bulk: each elector costs a handful of queries (a savepoint, the insert, and the
    supporters' query), not one per elector per kind of thing looked up."""
    branch = Branch.objects.get(slug="northfield")
    Member.objects.bulk_create(
        Member(
            membership_number=f"B{i:05d}",
            branch=branch,
            first_name=f"Bulk{i}",
            last_name="Member",
            status=Member.Status.ACTIVE,
            admitted_on=dt.date(2024, 1, 1),
            email=f"bulk{i}@example.org",
            contact_preferences=["email"],
        )
        for i in range(100)
    )
    election = call(cast, nominations_open_at=timezone.now() + dt.timedelta(minutes=5))
    assert election.status == Election.Status.DRAFT
    electors = election.electors.count()
    assert electors >= 100
    with django_assert_max_num_queries(6 * electors + 30):
        services.election_nominations_open(
            election=election, actor=cast.returning, now=timezone.now() + dt.timedelta(minutes=6)
        )
    assert Message.objects.filter(kind="election_nominations").count() == electors
