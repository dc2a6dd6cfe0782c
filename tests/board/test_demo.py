"""The demo elections: one counted, one open in which the demo member can vote."""

import pytest
from django.urls import reverse

from board.demo import FINISHED_TITLE, OPEN_TITLE, load_elections
from board.models import Ballot, BoardMembership, Election, PaperBatch
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
    # The people elected were on the board already: the board stays 7 people.
    assert RoleAssignment.objects.filter(role=Role.BOARD).count() == 7
    open_now = Election.objects.get(pk=ids["open"])
    assert open_now.title == OPEN_TITLE and open_now.status == Election.Status.VOTING
    client.force_login(User.objects.get(username="member"))
    html = client.get(reverse("election-detail", args=[open_now.pk])).content.decode()
    assert "You can vote now." in html
    results = client.get(reverse("election-results", args=[finished.pk]))
    assert results.status_code == 200
