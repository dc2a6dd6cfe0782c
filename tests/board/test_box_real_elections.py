"""The real elections in tests/data/elections counted through the sealed ballot box.

For each chosen case an election is built in the database: one member for each ballot
paper (the candidates among them, their names the case's names), every member on the
electorate. Voting opens with a box made by ballot_box_make; a few papers are cast through
ballot_cast and the rest are sealed in bulk exactly as it seals them (as bench/box.py does),
blank papers come in as spoilt paper ballots; then the election is closed, its box opened
with the key and counted. The people elected must be the published winners, and the BLT
file kept with the result must hold every paper and recount to the same people.
"""

import datetime as dt
from collections import Counter
from functools import cache

import pytest
from django.db import transaction
from django.utils import timezone

from board.elections import ballot_box, counting, services
from board.models import BallotBox, Candidate, Election, Receipt, SealedBallot, Voter
from members import services as member_services
from members.models import Member, Role, User
from tests.board.conftest import KEY, STATEMENT
from tests.board.counting.test_counting_corpus import (
    CASES,
    OUR_METHOD,
    _cases,
    _expected,
    _simultaneous_groups,
)
from tests.factories import BranchFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every case of a method we count with up to this many ballot papers, and a few bigger ones.
SMALL_PAPERS = 1500
BIGGER = [
    ("sco2017_renfrewshire_ward3", "scottish_stv"),  # 4,804 papers
    ("meek_votingmatters12", "meek_stv"),  # 4,003 papers
    ("irv_burlington2009_mayor", "irv"),  # 8,976 papers
    ("plurality_burlington2009_first_choice", "plurality"),  # the same 8,976 papers
]
# Papers cast one by one through ballot_cast; the others are sealed in bulk.
CAST_ONE_BY_ONE = 5


@cache
def _ballots(case: str) -> counting.Election:
    return counting.read_blt(CASES / case / "ballots.blt")


def _papers(case: str) -> int:
    return sum(ballot.weight for ballot in _ballots(case).ballots)


def _chosen() -> list:
    small = [
        (case, method)
        for method in OUR_METHOD
        for case in _cases(method)
        if _papers(case) <= SMALL_PAPERS
    ]
    return [
        pytest.param(case, method, id=f"{case}-{method}")
        for case, method in sorted(small, key=lambda c: _papers(c[0])) + BIGGER
    ]


def _paper_rankings(blt: counting.Election, method: str) -> list[list[str]]:
    """One ranking of names a paper, as the engine counts it: withdrawn candidates left
    out; for plurality only the first choice, the one choice the engine counts."""
    papers = []
    for weight, ranking in blt.ballots:
        names = [blt.candidates[i] for i in ranking if i not in blt.withdrawn]
        if method == "plurality":
            names = names[:1]
        papers.extend([names] * weight)
    return papers


def _officials() -> tuple[User, User]:
    """A returning officer, and a second person to confirm the paper ballots."""
    officer = UserFactory(username="officer", first_name="Rita", last_name="Officer")
    member_services.role_grant(user=officer, role=Role.RETURNING_OFFICER, actor=None)
    return officer, UserFactory(username="checker", first_name="Chris", last_name="Checker")


def _members(names: list[str], voters: int) -> list[Member]:
    """`voters` active members, the first of them named as the candidates: the display name
    of each is its case name (a name of one word is its first name, with no last name).
    Bulk-created, with no accounts."""
    branch = BranchFactory(name="Northfield", slug="northfield")
    rows = []
    for number in range(voters):
        if number < len(names):
            first, _, last = names[number].rpartition(" ")
            first, last = (first, last) if first else (last, "")
        else:
            first, last = "Voter", str(number)
        rows.append(
            Member(
                membership_number=f"R{number:06d}",
                first_name=first,
                last_name=last,
                branch=branch,
                status=Member.Status.ACTIVE,
                admitted_on=dt.date(2024, 1, 1),
            )
        )
    return Member.objects.bulk_create(rows, batch_size=2000)


def _election(
    case: str, method: str, members: list[Member], officer: User
) -> tuple[Election, dict[str, Candidate]]:
    """The case's election open for voting now, with its candidates standing (a candidate
    withdrawn in the BLT file withdrawn here) and a ballot box made with the tests' key."""
    blt, now = _ballots(case), timezone.now()
    start = now - dt.timedelta(hours=3)
    election = services.election_call(
        actor=officer,
        now=start,
        title=blt.title or case,
        seats=_expected(case)["seats"],
        method=OUR_METHOD[method],
        electorate_date=timezone.localdate(start),
        nominations_open_at=start,
        nominations_close_at=start + dt.timedelta(hours=1),
        voting_open_at=start + dt.timedelta(hours=2),
        voting_close_at=now + dt.timedelta(days=7),
        returning_officer=officer,
    )
    standing = {}
    for index, (name, member) in enumerate(zip(blt.candidates, members, strict=False)):
        candidate = services.candidate_nominate(
            election=election,
            member=member,
            actor=officer,
            statement=STATEMENT,
            picture="board/pictures/star.svg",
            now=start + dt.timedelta(minutes=10),
        )
        if index in blt.withdrawn:
            services.candidate_withdraw(candidate=candidate, actor=officer)
        else:
            standing[name] = services.candidate_accept(candidate=candidate, actor=officer)
    services.ballot_box_make(election=election, actor=officer, key=KEY)
    election = services.election_voting_open(election=election, actor=officer)
    return election, standing


def _seal_in_bulk(election: Election, votes: list[tuple[Member, list[int]]]) -> None:
    """Online votes written in bulk: a Voter row and a sealed ballot each, sealed and given
    its receipt code just as ballot_cast does (the rows are not linked)."""
    box = BallotBox.objects.get(election=election)
    voters, sealed = [], []
    for member, ranking in votes:
        data = ballot_box.seal(bytes(box.public_key), ranking, box.padded_size)
        voters.append(Voter(election=election, member=member, channel=Voter.Channel.ONLINE))
        sealed.append(SealedBallot(box=box, sealed=data, receipt=ballot_box.receipt_for(data)))
    with transaction.atomic():
        Voter.objects.bulk_create(voters, batch_size=2000)
        SealedBallot.objects.bulk_create(sealed, batch_size=2000)


@pytest.mark.parametrize(("case", "method"), _chosen())
def test_real_election_counts_to_its_published_winners_through_the_box(
    case: str, method: str
) -> None:
    blt, expected = _ballots(case), _expected(case)
    papers = _paper_rankings(blt, method)
    assert len(papers) >= len(blt.candidates), "the candidates vote too"
    officer, checker = _officials()
    members = _members(list(blt.candidates), len(papers))
    election, standing = _election(case, method, members, officer)
    assert election.electors.count() == len(papers)

    # Voting: a few papers through ballot_cast, the others sealed in bulk; a blank paper
    # (no one standing chosen) comes in as a paper envelope, to be typed in as spoilt.
    votes = [
        (member, [standing[name].pk for name in names])
        for member, names in zip(members, papers, strict=True)
    ]
    online = [(member, ranking) for member, ranking in votes if ranking]
    blank = [member for member, ranking in votes if not ranking]
    receipts = []
    for member, ranking in online[:CAST_ONE_BY_ONE]:
        member.user = UserFactory(username=f"voter-{member.membership_number}")
        member.save(update_fields=["user"])
        receipts.append(
            services.ballot_cast(
                election=election, member=member, ranking=ranking, actor=member.user
            )
        )
    _seal_in_bulk(election, online[CAST_ONE_BY_ONE:])
    if blank:
        services.paper_envelopes_record(election=election, actor=officer, voters=blank)

    services.election_close(
        election=election, actor=officer, now=election.voting_close_at + dt.timedelta(minutes=1)
    )
    if blank:
        batch = services.paper_batch_enter(
            election=election, actor=officer, rankings=[], spoilt=len(blank)
        )
        services.paper_batch_confirm(batch=batch, actor=checker)
    box = services.ballot_box_open(election=election, actor=officer, key=KEY)
    assert (box.opened_online, box.opened_paper) == (len(online), 0)
    assert election.ballots.count() == len(online)
    codes = set(Receipt.objects.filter(election=election).values_list("code", flat=True))
    assert len(codes) == len(online) and set(receipts) <= codes

    stored = services.election_count(election=election, actor=officer)
    label = {row["id"]: row["name"] for row in stored.result["candidates"]}
    assert sorted(label.values()) == sorted(standing), "each candidate is known by its case name"
    elected = [label[pk] for pk in stored.elected]

    # The BLT kept with the result holds every paper that chose someone, and recounts
    # (with the recorded seed) to the same people in the same order.
    kept = counting.parse_blt(stored.blt)
    kept_papers = Counter()
    for weight, ranking in kept.ballots:
        kept_papers[tuple(kept.candidates[i] for i in ranking)] += weight
    assert kept_papers == Counter(tuple(names) for names in papers if names)
    recount = counting.count(kept, OUR_METHOD[method], seed=stored.seed)
    assert recount.elected == elected

    # Compared as the corpus test compares them. The election's seed is random (fixed when
    # it is called); no chosen case's winners depend on it.
    winners, seed = expected["winners"], f"seed {stored.seed}"
    if method == "scottish_stv":
        assert set(elected) == set(winners), seed
        groups = _simultaneous_groups(elected, recount)
        assert groups == _simultaneous_groups(winners, recount), seed
    elif method == "meek_stv":
        # Meek elects by iteration: the set, not an order.
        assert set(elected) == set(winners), seed
    else:
        assert elected == winners, seed
