"""200 votes from one member at the same moment: one is counted, the rest refused; and
one sealed ballot in the box for it."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from board.elections import ballot_box
from board.elections.selectors import published_receipts
from board.models import Ballot, SealedBallot, Voter
from tests.board.conftest import close, open_box, voting_election
from tests.conftest import make_cast

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20
TRIES = 10


def test_200_concurrent_ballots_from_one_member_count_once():
    cast = make_cast()
    setup = voting_election(cast)
    url = reverse("board_api:election-ballots", args=[setup.election.pk])
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
    sealed = SealedBallot.objects.get(box__election=setup.election)
    assert sealed.receipt == ballot_box.receipt_for(sealed.sealed)
    assert not Ballot.objects.exists()
    # Opened, the box gives that one vote, and only it.
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    assert list(
        Ballot.objects.filter(election=setup.election).values_list("ranking", flat=True)
    ) == [ranking]
    assert published_receipts(setup.election) == [sealed.receipt]


def test_members_voting_at_the_same_moment_all_count():
    cast = make_cast()
    setup = voting_election(cast, voters=12)
    url = reverse("board_api:election-ballots", args=[setup.election.pk])
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
    assert Voter.objects.filter(election=setup.election).count() == 12
    receipts = set(
        SealedBallot.objects.filter(box__election=setup.election).values_list("receipt", flat=True)
    )
    assert len(receipts) == 12
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    assert Ballot.objects.filter(election=setup.election).count() == 12
    assert set(published_receipts(setup.election)) == receipts
