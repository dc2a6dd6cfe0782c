"""Elections set up through the real services, with the clock set for each stage."""

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from django.utils import timezone

from board.elections import services
from board.models import Candidate, Election
from members import services as member_services
from members.models import Branch, Member, User
from tests.conftest import Cast
from tests.factories import UserFactory

STATEMENT = "I want to help. I will listen to you. I like our trips."
# The opening key of every ballot box tests make (the demo's is another).
KEY = "HX4CQ-9MNTE-ACD3F-PQRTU"
# Each election set up in one test gets its own people.
_batch = itertools.count()


@dataclass
class Setup:
    election: Election
    candidates: list[Candidate]
    voters: list[Member]  # on the electorate, with accounts, besides the cast's member


def add_member(admin: User, username: str, first: str, last: str, **extra) -> Member:
    user = UserFactory(username=username, first_name=first, last_name=last)
    return member_services.member_add(
        actor=admin,
        user=user,
        branch=Branch.objects.get(slug="northfield"),
        first_name=first,
        last_name=last,
        status=extra.pop("status", Member.Status.ACTIVE),
        admitted_on=extra.pop("admitted_on", dt.date(2024, 1, 1)),
        **extra,
    )


def call(cast: Cast, *, now: dt.datetime | None = None, **overrides) -> Election:
    """An election whose nominations are open now and whose voting opens in an hour."""
    now = now or timezone.now()
    details = {
        "title": "Board election",
        "seats": 2,
        "method": Election.Method.SCOTTISH_STV,
        "electorate_date": timezone.localdate(now),
        "nominations_open_at": now - dt.timedelta(hours=1),
        "nominations_close_at": now + dt.timedelta(minutes=30),
        "voting_open_at": now + dt.timedelta(hours=1),
        "voting_close_at": now + dt.timedelta(days=7),
        "returning_officer": cast.returning,
        "term_years": 2,
    }
    details.update(overrides)
    return services.election_call(actor=cast.board, now=now, **details)


def due_election(cast: Cast) -> Election:
    """An election whose nominations have closed and whose voting may open now, with
    nobody standing yet and no ballot box."""
    now = timezone.now()
    return call(
        cast,
        now=now - dt.timedelta(hours=2),
        nominations_open_at=now - dt.timedelta(hours=2),
        nominations_close_at=now - dt.timedelta(hours=1),
        voting_open_at=now - dt.timedelta(minutes=30),
    )


def stand(cast: Cast, election: Election, *, accept: bool = True) -> Candidate:
    """Stan Ding stands in `election` (nominated while nominations were open)."""
    standing = add_member(cast.admin, "stan", "Stan", "Ding")
    candidate = services.candidate_nominate(
        election=election,
        member=standing,
        actor=standing.user,
        statement="I will help.",
        picture="board/pictures/sun.svg",
        now=election.nominations_open_at + dt.timedelta(minutes=30),
    )
    if accept:
        candidate = services.candidate_accept(candidate=candidate, actor=cast.returning)
    return candidate


def voting_election(cast: Cast, *, candidates: int = 3, voters: int = 4, **overrides) -> Setup:
    """An election open for voting now: `candidates` accepted, and `voters` members on the
    electorate besides the cast's member (who is on it too)."""
    now = timezone.now()
    start = now - dt.timedelta(hours=3)
    n = next(_batch)
    electorate = [
        add_member(cast.admin, f"voter{n}-{i}", f"Voter{i}", f"Person{i}") for i in range(voters)
    ]
    standing = [
        add_member(cast.admin, f"cand{n}-{i}", f"Cand{i}", f"Standing{i}")
        for i in range(candidates)
    ]
    details = {
        "nominations_open_at": start,
        "nominations_close_at": start + dt.timedelta(hours=1),
        "voting_open_at": start + dt.timedelta(hours=2),
        "voting_close_at": now + dt.timedelta(days=7),
    }
    details.update(overrides)
    election = call(cast, now=start, **details)
    accepted = []
    for member in standing:
        candidate = services.candidate_nominate(
            election=election,
            member=member,
            actor=member.user,
            statement=STATEMENT,
            picture="board/pictures/star.svg",
            now=start + dt.timedelta(minutes=10),
        )
        accepted.append(services.candidate_accept(candidate=candidate, actor=cast.returning))
    services.ballot_box_make(election=election, actor=cast.returning, key=KEY)
    election = services.election_voting_open(election=election, actor=cast.returning)
    return Setup(election=election, candidates=accepted, voters=electorate)


def close(election: Election, actor: User) -> Election:
    services.election_close(
        election=election,
        actor=actor,
        now=election.voting_close_at + dt.timedelta(minutes=1),
    )
    election.refresh_from_db()
    return election


def open_box(election: Election, actor: User) -> Election:
    """Open the closed election's box with the tests' key. The count it queues runs when
    the transaction commits: at once in transactional tests, not in the others."""
    services.ballot_box_open(election=election, actor=actor, key=KEY)
    election.refresh_from_db()
    return election


def paper_envelopes(setup: Setup, cast: Cast, voters: list[Member]):
    return services.paper_envelopes_record(
        election=setup.election, actor=cast.returning, voters=voters
    )


def paper_batch(setup: Setup, cast: Cast, rankings: list[list[int]], spoilt: int = 0):
    """Papers typed in after the close (their envelopes marked while voting was open)."""
    return services.paper_batch_enter(
        election=setup.election, actor=cast.returning, rankings=rankings, spoilt=spoilt
    )


@pytest.fixture
def setup(cast: Cast) -> Setup:
    return voting_election(cast)


def vote(election, member, *ranking):
    return services.ballot_cast(
        election=election, member=member, ranking=list(ranking), actor=member.user
    )


def counted(cast: Cast, setup: Setup) -> Election:
    """The election voted in by the cast's member and the voters, closed and counted."""
    a, b, c = (candidate.pk for candidate in setup.candidates)
    vote(setup.election, cast.member_row, a, b)
    for member, ranking in zip(setup.voters, [[a], [b, a], [a, c], [b]], strict=True):
        vote(setup.election, member, *ranking)
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    services.election_count(election=setup.election, actor=cast.returning)
    setup.election.refresh_from_db()
    return setup.election
