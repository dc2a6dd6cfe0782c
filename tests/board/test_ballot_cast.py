"""Casting a vote: one member, one vote, sealed into the ballot box, and a ballot nobody
can link to its voter."""

import datetime as dt
import json
import re
import uuid

import pytest
from django.db import IntegrityError, connection, models
from django.utils import timezone
from nacl.public import PrivateKey

from board.elections import ballot_box, services
from board.elections.selectors import ballots_counted, published_receipts
from board.models import Ballot, BallotBox, Election, Receipt, SealedBallot, Voter
from coop.models import AuditEntry
from tests.board.conftest import KEY, add_member, call, close, open_box, voting_election

pytestmark = pytest.mark.django_db


def cast_vote(setup, member, ranking=None, **kwargs):
    ranking = ranking if ranking is not None else [setup.candidates[0].pk]
    return services.ballot_cast(
        election=setup.election, member=member, ranking=ranking, actor=member.user, **kwargs
    )


RECEIPT = re.compile(f"[{ballot_box.ALPHABET}]{{5}}-[{ballot_box.ALPHABET}]{{5}}")


def test_a_vote_gives_a_receipt_and_stores_the_ranking_sealed(cast, setup):
    ranking = [setup.candidates[2].pk, setup.candidates[0].pk]
    receipt = cast_vote(setup, cast.member_row, ranking)
    assert RECEIPT.fullmatch(receipt)
    sealed = SealedBallot.objects.get()
    assert sealed.receipt == receipt == ballot_box.receipt_for(sealed.sealed)
    # Only the box's key opens it, and it holds the ranking.
    box = BallotBox.objects.get(election=setup.election)
    private = ballot_box.keypair_from(KEY, bytes(box.salt), ops=box.kdf_ops, mem=box.kdf_mem)
    assert ballot_box.unseal(private, sealed.sealed) == ranking
    assert not Ballot.objects.exists()
    voter = Voter.objects.get()
    assert (voter.member, voter.channel) == (cast.member_row, Voter.Channel.ONLINE)
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    assert Ballot.objects.get().ranking == ranking
    assert published_receipts(setup.election) == [receipt]


def test_a_second_vote_is_refused_in_plain_words_and_the_first_counts(cast, setup):
    first = cast_vote(setup, cast.member_row, [setup.candidates[0].pk])
    with pytest.raises(services.AlreadyVoted) as error:
        cast_vote(setup, cast.member_row, [setup.candidates[1].pk])
    assert error.value.message == "You have already voted. Your first vote counts."
    assert list(SealedBallot.objects.values_list("receipt", flat=True)) == [first]
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    assert list(Ballot.objects.values_list("ranking", flat=True)) == [[setup.candidates[0].pk]]
    assert published_receipts(setup.election) == [first]


def test_the_database_allows_one_voter_row_per_member_and_election(cast, setup):
    Voter.objects.create(election=setup.election, member=cast.member_row, channel="online")
    with pytest.raises(IntegrityError):
        Voter.objects.create(election=setup.election, member=cast.member_row, channel="online")


def test_a_member_outside_the_electorate_is_refused(cast, setup):
    newcomer = add_member(cast.admin, "newcomer", "Nia", "New")  # joined after the freeze
    with pytest.raises(services.NotOnElectorate, match="not on the list of voters"):
        cast_vote(setup, newcomer)
    assert not SealedBallot.objects.exists() and not Voter.objects.exists()


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
    assert not SealedBallot.objects.exists() and not Voter.objects.exists()


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
    assert not SealedBallot.objects.exists() and not Voter.objects.exists()


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
    services.ballot_box_make(election=election, actor=cast.returning, key=KEY)
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


def _no_voter_and_no_time(model, fields: set[str], allowed: set[str]) -> None:
    found = {f.name: f for f in model._meta.get_fields()}
    assert set(found) == fields
    for field in found.values():
        assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField)
        related = getattr(field, "related_model", None)
        assert related is None or related._meta.label in allowed


def test_a_ballot_has_no_column_that_points_to_a_voter_or_a_time():
    _no_voter_and_no_time(Ballot, {"id", "election", "ranking"}, {"board.Election"})
    _no_voter_and_no_time(SealedBallot, {"id", "box", "sealed", "receipt"}, {"board.BallotBox"})
    _no_voter_and_no_time(Receipt, {"id", "election", "code"}, {"board.Election"})
    # Their keys are random, not a counter that gives away the order of voting.
    for model in (Ballot, SealedBallot):
        key = model._meta.pk
        assert isinstance(key, models.UUIDField) and key.default is uuid.uuid4


def test_ballots_come_out_of_the_box_in_a_random_order_and_receipts_in_code_order(cast):
    setup = voting_election(cast, voters=12)
    a, b, c = (candidate.pk for candidate in setup.candidates)
    # Twelve different rankings, so the order they come out in can be seen.
    rankings = [[a], [b], [c], [a, b], [a, c], [b, a], [b, c], [c, a], [c, b]]
    rankings += [[a, b, c], [a, c, b], [b, a, c]]
    receipts = [
        cast_vote(setup, member, ranking)
        for member, ranking in zip(setup.voters, rankings, strict=True)
    ]
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    assert Ballot._meta.ordering == ["id"] and Receipt._meta.ordering == ["code"]
    assert published_receipts(setup.election) == sorted(receipts)
    listed = list(ballots_counted(setup.election).values_list("ranking", flat=True))
    assert sorted(listed) == sorted(rankings)
    # Neither as listed nor as written on disk are they in the order people voted (a chance
    # of 1 in 479 million each for 12 ballots).
    assert listed != rankings
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ranking FROM {Ballot._meta.db_table}")
        on_disk = [json.loads(row[0]) if isinstance(row[0], str) else row[0] for row in cursor]
    assert sorted(on_disk) == sorted(rankings) and on_disk != rankings


def test_a_vote_adds_nothing_to_the_audit_log(cast, setup):
    # The Voter row says who voted, by name; an audit entry would add when, and the order.
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    receipt = cast_vote(setup, cast.member_row, [setup.candidates[1].pk])
    assert Voter.objects.filter(member=cast.member_row).exists()
    assert set(AuditEntry.objects.values_list("pk", flat=True)) == before
    assert not AuditEntry.objects.filter(action="election.voted").exists()
    for entry in AuditEntry.objects.all():
        assert receipt not in str(entry.data) and receipt not in entry.target_repr


def test_closing_keeps_the_box_sealed_and_opening_keeps_every_receipt(cast, setup):
    receipts = {cast_vote(setup, m) for m in [cast.member_row, *setup.voters]}
    before = dict(SealedBallot.objects.values_list("id", "receipt"))
    close(setup.election, cast.returning)
    # Closing opens nothing: the sealed ballots are as they were, none can be read.
    assert dict(SealedBallot.objects.values_list("id", "receipt")) == before
    assert not Ballot.objects.exists() and not Receipt.objects.exists()
    open_box(setup.election, cast.returning)
    assert set(Receipt.objects.values_list("code", flat=True)) == receipts
    assert Ballot.objects.count() == len(receipts)
    assert not SealedBallot.objects.exists()


def test_receipts_are_random_unique_and_easy_to_read():
    public_key = bytes(PrivateKey.generate().public_key)
    sealed = [ballot_box.seal(public_key, [1, 2], 256) for _ in range(2000)]
    codes = {ballot_box.receipt_for(data) for data in sealed}
    # The same vote sealed twice gives two different codes: a code says nothing of the vote.
    assert len(codes) == 2000
    assert all(RECEIPT.fullmatch(code) for code in codes)
    assert ballot_box.receipt_for(sealed[0]) == ballot_box.receipt_for(bytes(sealed[0]))
    # No characters that look like others.
    assert not set("0O1IL8B5S2Z") & set(ballot_box.ALPHABET)
    code = ballot_box.receipt_for(sealed[0])
    assert ballot_box.receipt_normalise(f" {code.lower().replace('-', '')} ") == code
    assert ballot_box.receipt_normalise("0000-00000") is None


def test_voting_keeps_no_time_on_the_voter_row_either():
    assert not any(
        isinstance(f, models.DateField | models.DateTimeField) for f in Voter._meta.get_fields()
    )


def test_a_vote_just_before_the_close_counts(cast, setup):
    just_before = setup.election.voting_close_at - dt.timedelta(seconds=1)
    assert cast_vote(setup, cast.member_row, now=just_before)
    assert timezone.now() < setup.election.voting_close_at
