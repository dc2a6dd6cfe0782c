"""The demo elections: one counted, one open in which the demo member can vote."""

import pytest
from django.urls import reverse

from board.demo.elections import DEMO_BOX_KEY, FINISHED_TITLE, OPEN_TITLE, load_elections
from board.elections import services
from board.models import Ballot, BoardMembership, Election, PaperBatch, SealedBallot
from members.demo import load_people
from members.models import Role, RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_demo_elections_load_twice_without_duplicates():
    load_people()
    first = load_elections()
    counts = (Election.objects.count(), Ballot.objects.count(), BoardMembership.objects.count())
    assert load_elections() == first
    assert (
        Election.objects.count(),
        Ballot.objects.count(),
        BoardMembership.objects.count(),
    ) == counts


def test_demo_has_a_counted_election_and_one_the_member_can_vote_in(client):
    load_people()
    ids = load_elections()
    finished = Election.objects.get(pk=ids["finished"])
    assert finished.title == FINISHED_TITLE and finished.status == Election.Status.COUNTED
    assert len(finished.result.elected) == 3
    assert PaperBatch.objects.filter(election=finished, status="confirmed").count() == 1
    # Counted from the opened box: ballots online and on paper, receipts apart, no seal.
    assert finished.ballots.count() == finished.receipts.count() + 4
    assert not SealedBallot.objects.filter(box__election=finished).exists()
    # The people elected were on the board already: the board stays 7 people.
    assert RoleAssignment.objects.filter(role=Role.BOARD).count() == 7
    open_now = Election.objects.get(pk=ids["open"])
    assert open_now.title == OPEN_TITLE and open_now.status == Election.Status.VOTING
    client.force_login(User.objects.get(username="member"))
    html = client.get(reverse("election-detail", args=[open_now.pk])).content.decode()
    assert "You can vote now." in html
    results = client.get(reverse("election-results", args=[finished.pk]))
    assert results.status_code == 200


def test_the_open_demo_election_opens_with_the_printed_key():
    load_people()
    open_now = Election.objects.get(pk=load_elections()["open"])
    sealed = SealedBallot.objects.filter(box__election=open_now).count()
    assert sealed == open_now.voters.count() > 0 and not open_now.ballots.exists()
    services.election_close(
        election=open_now, actor=open_now.returning_officer, now=open_now.voting_close_at
    )
    services.ballot_box_open(election=open_now, actor=open_now.returning_officer, key=DEMO_BOX_KEY)
    assert open_now.ballots.count() == sealed == open_now.receipts.count()
