"""Casting a vote: one member, one vote, and a ballot nobody can link to its voter."""

import datetime as dt
import re
import uuid

import pytest
from django.db import IntegrityError, models
from django.utils import timezone

from board import services
from board.models import Ballot, Election, Voter
from coop.models import AuditEntry
from tests.board.conftest import add_member, call, close, voting_election

pytestmark = pytest.mark.django_db


def cast_vote(setup, member, ranking=None, **kwargs):
    ranking = ranking if ranking is not None else [setup.candidates[0].pk]
    return services.ballot_cast(
        election=setup.election, member=member, ranking=ranking, actor=member.user, **kwargs
    )


def test_a_vote_gives_a_receipt_and_stores_the_ranking(cast, setup):
    ranking = [setup.candidates[2].pk, setup.candidates[0].pk]
    receipt = cast_vote(setup, cast.member_row, ranking)
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", receipt)
    ballot = Ballot.objects.get()
    assert ballot.receipt == receipt and ballot.ranking == ranking
    voter = Voter.objects.get()
    assert (voter.member, voter.channel) == (cast.member_row, Voter.Channel.ONLINE)


def test_a_second_vote_is_refused_in_plain_words_and_the_first_counts(cast, setup):
    first = cast_vote(setup, cast.member_row, [setup.candidates[0].pk])
    with pytest.raises(services.AlreadyVoted) as error:
        cast_vote(setup, cast.member_row, [setup.candidates[1].pk])
    assert error.value.message == "You have already voted. Your first vote counts."
    assert list(Ballot.objects.values_list("receipt", "ranking")) == [
        (first, [setup.candidates[0].pk])
    ]


def test_the_database_allows_one_voter_row_per_member_and_election(cast, setup):
    Voter.objects.create(election=setup.election, member=cast.member_row, channel="online")
    with pytest.raises(IntegrityError):
        Voter.objects.create(election=setup.election, member=cast.member_row, channel="online")


def test_a_member_outside_the_electorate_is_refused(cast, setup):
    newcomer = add_member(cast.admin, "newcomer", "Nia", "New")  # joined after the freeze
    with pytest.raises(services.NotOnElectorate, match="not on the list of voters"):
        cast_vote(setup, newcomer)
    assert not Ballot.objects.exists() and not Voter.objects.exists()


def test_votes_outside_the_window_or_status_are_refused(cast, setup):
    late = setup.election.voting_close_at + dt.timedelta(seconds=1)
    with pytest.raises(services.VotingClosed, match="Voting is closed"):
        cast_vote(setup, cast.member_row, now=late)
    early = setup.election.voting_open_at - dt.timedelta(seconds=1)
    with pytest.raises(services.VotingClosed, match="Voting opens on"):
        cast_vote(setup, cast.member_row, now=early)
    Election.objects.filter(pk=setup.election.pk).update(status=Election.Status.CANCELLED)
    with pytest.raises(services.VotingClosed):
        cast_vote(setup, cast.member_row)
    assert not Ballot.objects.exists() and not Voter.objects.exists()


@pytest.mark.parametrize(
    "ranking,message",
    [
        ([], "at least 1 person"),
        ("1,2", "list of candidate numbers"),
        ([True], "list of candidate numbers"),
        (["1"], "list of candidate numbers"),
        ([999999], "not standing"),
    ],
)
def test_a_bad_ranking_is_refused_and_nothing_is_recorded(cast, setup, ranking, message):
    with pytest.raises(services.BallotInvalid, match=message):
        cast_vote(setup, cast.member_row, ranking)
    assert not Ballot.objects.exists() and not Voter.objects.exists()


def test_ranking_someone_twice_is_refused(cast, setup):
    pk = setup.candidates[0].pk
    with pytest.raises(services.BallotInvalid, match="twice"):
        cast_vote(setup, cast.member_row, [pk, pk])


def test_a_withdrawn_or_rejected_candidate_cannot_be_voted_for(cast):
    now = timezone.now()
    election = call(
        cast,
        now=now - dt.timedelta(hours=3),
        nominations_open_at=now - dt.timedelta(hours=3),
        nominations_close_at=now - dt.timedelta(hours=2),
        voting_open_at=now - dt.timedelta(hours=1),
    )
    people = [add_member(cast.admin, f"p{i}", f"P{i}", "Person") for i in range(3)]
    accepted, rejected, withdrawn = (
        services.candidate_nominate(
            election=election,
            member=person,
            actor=person.user,
            statement="I will help.",
            picture="board/pictures/sun.svg",
            now=now - dt.timedelta(hours=2, minutes=30),
        )
        for person in people
    )
    services.candidate_accept(candidate=accepted, actor=cast.returning)
    services.candidate_reject(candidate=rejected, actor=cast.returning, reason="Not eligible.")
    services.candidate_withdraw(candidate=withdrawn, actor=people[2].user)
    services.election_voting_open(election=election, actor=cast.returning)
    for candidate in (rejected, withdrawn):
        with pytest.raises(services.BallotInvalid, match="not standing"):
            services.ballot_cast(
                election=election, member=cast.member_row, ranking=[candidate.pk], actor=cast.member
            )
    assert services.ballot_cast(
        election=election, member=cast.member_row, ranking=[accepted.pk], actor=cast.member
    )


def test_plurality_allows_up_to_the_number_of_seats(cast):
    setup = voting_election(cast, method=Election.Method.PLURALITY, seats=2)
    ids = [c.pk for c in setup.candidates]
    with pytest.raises(services.BallotInvalid, match="2 people or fewer"):
        cast_vote(setup, cast.member_row, ids[:3])
    assert cast_vote(setup, cast.member_row, ids[:2])


# --- not linkable ------------------------------------------------------------------------


def test_a_ballot_has_no_column_that_points_to_a_voter_or_a_time():
    fields = {f.name: f for f in Ballot._meta.get_fields()}
    assert set(fields) == {"id", "election", "receipt", "ranking", "paper_batch"}
    for field in fields.values():
        assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField)
        related = getattr(field, "related_model", None)
        assert related is None or related._meta.label in {"board.Election", "board.PaperBatch"}
    # Its key is random, not a counter that gives away the order of voting.
    assert isinstance(fields["id"], models.UUIDField)
    assert fields["id"].default is uuid.uuid4


def test_ballots_are_listed_by_receipt_not_by_when_they_were_cast(cast):
    setup = voting_election(cast, voters=12)
    receipts = [cast_vote(setup, member) for member in setup.voters]
    listed = list(Ballot.objects.values_list("receipt", flat=True))
    assert listed == sorted(receipts)
    assert Ballot._meta.ordering == ["receipt"]
    # The keys are random: in the order people voted they are not in order (a chance of
    # 1 in 479 million for 12 ballots).
    keys = [str(Ballot.objects.get(receipt=receipt).pk) for receipt in receipts]
    assert keys != sorted(keys)


def test_the_audit_log_records_who_voted_but_never_the_receipt_or_choice(cast, setup):
    receipt = cast_vote(setup, cast.member_row, [setup.candidates[1].pk])
    entry = AuditEntry.objects.get(action="election.voted")
    assert entry.actor == cast.member and entry.data == {"channel": "online"}
    assert receipt not in str(entry.data) and receipt not in entry.target_repr
    assert entry.target_type == "board.election"


def test_closing_writes_the_ballots_again_keeping_every_receipt(cast, setup):
    receipts = {cast_vote(setup, m) for m in [cast.member_row, *setup.voters]}
    before = dict(Ballot.objects.values_list("id", "receipt"))
    close(setup.election, cast.returning)
    assert dict(Ballot.objects.values_list("id", "receipt")) == before
    assert set(Ballot.objects.values_list("receipt", flat=True)) == receipts


def test_receipts_are_random_and_unique():
    codes = {services.receipt_new() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", code) for code in codes)


def test_voting_keeps_no_time_on_the_voter_row_either():
    assert not any(
        isinstance(f, models.DateField | models.DateTimeField) for f in Voter._meta.get_fields()
    )


def test_a_vote_just_before_the_close_counts(cast, setup):
    just_before = setup.election.voting_close_at - dt.timedelta(seconds=1)
    assert cast_vote(setup, cast.member_row, now=just_before)
    assert timezone.now() < setup.election.voting_close_at
