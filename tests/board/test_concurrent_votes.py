"""200 votes from one member at the same moment: one is counted, the rest refused."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from board.models import Ballot, Voter
from tests.board.conftest import voting_election
from tests.conftest import make_cast

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20
TRIES = 10


def test_200_concurrent_ballots_from_one_member_count_once():
    cast = make_cast()
    setup = voting_election(cast)
    url = reverse("api-election-ballots", args=[setup.election.pk])
    ranking = [c.pk for c in setup.candidates]
    start = threading.Barrier(THREADS)
    statuses: Counter[int] = Counter()
    details: Counter[str] = Counter()
    lock = threading.Lock()

    def vote() -> None:
        api = APIClient()
        api.force_authenticate(cast.member)
        try:
            start.wait()
            for _ in range(TRIES):
                response = api.post(url, {"ranking": ranking}, format="json")
                with lock:
                    statuses[response.status_code] += 1
                    details[response.json().get("detail", "receipt")] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == {201: 1, 409: THREADS * TRIES - 1}
    assert details["You have already voted. Your first vote counts."] == THREADS * TRIES - 1
    assert Voter.objects.filter(election=setup.election).count() == 1
    assert Ballot.objects.filter(election=setup.election).count() == 1


def test_members_voting_at_the_same_moment_all_count():
    cast = make_cast()
    setup = voting_election(cast, voters=12)
    url = reverse("api-election-ballots", args=[setup.election.pk])
    ranking = [setup.candidates[0].pk]
    start = threading.Barrier(len(setup.voters))
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def vote(user) -> None:
        api = APIClient()
        api.force_authenticate(user)
        try:
            start.wait()
            response = api.post(url, {"ranking": ranking}, format="json")
            with lock:
                statuses[response.status_code] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(m.user,)) for m in setup.voters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == {201: 12}
    assert Ballot.objects.filter(election=setup.election).count() == 12
    assert len(set(Ballot.objects.values_list("receipt", flat=True))) == 12
