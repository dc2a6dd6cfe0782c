"""Casting votes: online from the booth or the API, sealed into the ballot box; paper
envelopes marked as they come in; paper ballots typed in batches after the close.

One member, one vote is kept by the database: the first `Voter` row for a member wins and
any other insert fails on `board_voter_one_per_election`. The sealed ballot is written in
the same transaction, with no link back to the voter; nobody can open it before the box is
opened (board/elections/services/box.py).
"""

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from board.elections import ballot_box
from board.elections.models import (
    BallotBox,
    Candidate,
    Election,
    Elector,
    PaperBatch,
    SealedBallot,
    Voter,
)
from board.elections.selectors import voting_open
from board.elections.services.elections import when
from coop.actors import Actor, saved_user, user_id
from coop.audit import audit
from coop.dates import easy_date
from coop.errors import CoopError, InvalidTransition, NotAllowed
from members.models import Member

__all__ = [
    "ALREADY_VOTED",
    "AlreadyVoted",
    "BallotInvalid",
    "NotOnElectorate",
    "VotingClosed",
    "ballot_cast",
    "paper_batch_confirm",
    "paper_batch_discard",
    "paper_batch_enter",
    "paper_envelope_remove",
    "paper_envelopes_record",
    "ranking_check",
]

ALREADY_VOTED = "You have already voted. Your first vote counts."


class AlreadyVoted(InvalidTransition):
    """This member has voted in this election already (online or on paper)."""

    code = "already_voted"


class NotOnElectorate(NotAllowed):
    """This member is not on the election's frozen list of voters."""

    code = "not_on_electorate"


class VotingClosed(InvalidTransition):
    """Voting is not open now."""

    code = "voting_closed"


class BallotInvalid(CoopError):
    """The choices on the ballot are not a valid vote."""

    code = "ballot_invalid"


def ranking_check(
    election: Election, ranking: Any, *, standing: set[int] | None = None
) -> list[int]:
    """The ranking as a list of candidate ids, or BallotInvalid saying what is wrong."""
    if not isinstance(ranking, list | tuple) or not all(
        isinstance(choice, int) and not isinstance(choice, bool) for choice in ranking
    ):
        raise BallotInvalid("A vote is a list of candidate numbers, like [3, 1].")
    if not ranking:
        raise BallotInvalid("Please choose at least 1 person.")
    if len(set(ranking)) != len(ranking):
        raise BallotInvalid("The same person is chosen twice. Choose each person once.")
    if standing is None:
        standing = set(
            election.candidates.filter(status=Candidate.Status.ACCEPTED).values_list(
                "pk", flat=True
            )
        )
    if not set(ranking) <= standing:
        raise BallotInvalid("The vote chooses someone who is not standing in this election.")
    if not election.is_ranked and len(ranking) > election.seats:
        people = "1 person" if election.seats == 1 else f"{election.seats} people or fewer"
        raise BallotInvalid(f"Please choose {people}.")
    return list(ranking)


@transaction.atomic
def ballot_cast(
    *,
    election: Election,
    member: Member,
    ranking: Sequence[int],
    actor: Actor,
    now: dt.datetime | None = None,
) -> str:
    """Cast an online vote, sealed into the ballot box, and return its receipt code.
    Raises NotOnElectorate, VotingClosed, BallotInvalid, or AlreadyVoted for any vote
    after the first."""
    now = now or timezone.now()
    # Locks out a close happening at the same moment: a vote is in before it, or refused.
    election = Election.objects.select_for_update(no_key=True).get(pk=election.pk)
    if not voting_open(election, now):
        if now < election.voting_open_at:
            raise VotingClosed(f"Voting opens on {when(election.voting_open_at)}.")
        raise VotingClosed("Voting is closed. You cannot vote now.")
    if not Elector.objects.filter(election=election, member=member).exists():
        raise NotOnElectorate(
            "You are not on the list of voters for this election. "
            f"The list has the members who were active on {easy_date(election.electorate_date)}. "
            "Please call us if you think this is wrong."
        )
    ranking = ranking_check(election, list(ranking) if isinstance(ranking, tuple) else ranking)
    box = BallotBox.objects.filter(election=election).first()
    if box is None or not box.padded_size or box.salt is None:
        raise VotingClosed(
            "The ballot box is not ready, so nobody can vote yet. "
            "Please tell the returning officer."
        )
    try:
        with transaction.atomic():
            Voter.objects.create(election=election, member=member, channel=Voter.Channel.ONLINE)
    except IntegrityError:
        raise AlreadyVoted(ALREADY_VOTED) from None
    for _ in range(3):
        # Every seal is new (a fresh one-time key), so a receipt that clashes with one in
        # the box (1 in 2^46) just means sealing again.
        sealed = ballot_box.seal(bytes(box.public_key), ranking, box.padded_size)
        receipt = ballot_box.receipt_for(sealed)
        try:
            with transaction.atomic():
                SealedBallot.objects.create(box=box, sealed=sealed, receipt=receipt)
        except IntegrityError:
            continue
        break
    else:
        raise CoopError("We could not put your vote in the box. Please try again.")
    # No audit entry: the Voter row records that they voted, and an entry would add when,
    # which a secret ballot does not keep (who voted is listed by name, never by time).
    return receipt


@transaction.atomic
def paper_envelopes_record(
    *, election: Election, actor: Actor, voters: Sequence[Member]
) -> list[Voter]:
    """Mark the members whose paper-vote envelopes came in as having voted on paper, while
    voting is open. Their envelopes stay closed until voting has closed: the papers are
    typed in then, all mixed together (paper_batch_enter). Nothing is saved when any member
    has voted already or is not on the list. Raises CoopError saying which."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != Election.Status.VOTING:
        raise VotingClosed("Paper envelopes can be marked only while voting is open.")
    if not voters:
        raise CoopError("Please tick the members whose envelopes came in.")
    if len({m.pk for m in voters}) != len(voters):
        raise CoopError("A member is ticked twice.")
    on_list = set(
        Elector.objects.filter(election=election, member__in=voters).values_list(
            "member_id", flat=True
        )
    )
    outsiders = [m.display_name for m in voters if m.pk not in on_list]
    if outsiders:
        raise NotOnElectorate(
            f"Not on the list of voters: {', '.join(outsiders)}. "
            "Put their envelopes aside unopened."
        )
    voted = dict(
        Voter.objects.filter(election=election, member__in=voters).values_list(
            "member_id", "channel"
        )
    )
    if voted:
        names = [
            f"{m.display_name} ({Voter.Channel(voted[m.pk]).label.lower()})"
            for m in voters
            if m.pk in voted
        ]
        raise AlreadyVoted(
            f"Already voted: {', '.join(names)}. Put their envelopes aside unopened."
        )
    try:
        with transaction.atomic():
            rows = Voter.objects.bulk_create(
                [Voter(election=election, member=m, channel=Voter.Channel.PAPER) for m in voters]
            )
    except IntegrityError:
        raise AlreadyVoted(
            "Someone you ticked voted online a moment ago. Please check the list again."
        ) from None
    audit(
        actor=actor,
        action="election.paper_envelopes",
        target=election,
        data={"envelopes": len(rows)},
    )
    return rows


@transaction.atomic
def paper_envelope_remove(*, election: Election, actor: Actor, member: Member) -> None:
    """Undo marking a member's envelope as in (ticked by mistake), while voting is open:
    they may vote again. Safe to repeat."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != Election.Status.VOTING:
        raise VotingClosed("Voting has closed. The envelopes that came in are kept.")
    removed, _ = Voter.objects.filter(
        election=election, member=member, channel=Voter.Channel.PAPER
    ).delete()
    if removed:
        audit(
            actor=actor,
            action="election.paper_envelope_removed",
            target=election,
            data={"member": member.pk},
        )


def _box_still_closed(election: Election) -> None:
    if election.status != Election.Status.CLOSED:
        raise InvalidTransition(
            "Paper ballots are typed in after voting has closed, before the box is opened."
        )
    if BallotBox.objects.filter(election=election, opened_at__isnull=False).exists():
        raise InvalidTransition("The ballot box is open. No more papers can go in.")


@transaction.atomic
def paper_batch_enter(
    *,
    election: Election,
    actor: Actor,
    rankings: Sequence[Sequence[int]],
    spoilt: int = 0,
) -> PaperBatch:
    """Type in a batch of paper ballots after voting has closed (`spoilt` of them blank
    or spoilt, which count for nobody). The papers count once a second person confirms the
    batch. There can be no more papers than envelopes came in. Raises CoopError."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    _box_still_closed(election)
    if spoilt < 0 or not (rankings or spoilt):
        raise CoopError("Please type the papers, one a line.")
    envelopes = Voter.objects.filter(election=election, channel=Voter.Channel.PAPER).count()
    typed = sum(
        b.papers + b.spoilt
        for b in election.paper_batches.exclude(status=PaperBatch.Status.DISCARDED)
    )
    if typed + len(rankings) + spoilt > envelopes:
        raise CoopError(
            f"{envelopes} paper envelope(s) came in and {typed} paper(s) are typed in already, "
            f"so there can be {max(envelopes - typed, 0)} more at most. Please count the "
            "papers again."
        )
    standing = set(
        election.candidates.filter(status=Candidate.Status.ACCEPTED).values_list("pk", flat=True)
    )
    checked = []
    for number, ranking in enumerate(rankings, start=1):
        try:
            checked.append(ranking_check(election, list(ranking), standing=standing))
        except BallotInvalid as error:
            raise BallotInvalid(f"Paper {number}: {error.message}") from None
    # The papers are kept in a random order, whatever order they were typed in.
    secrets.SystemRandom().shuffle(checked)
    last = election.paper_batches.order_by("-number").values_list("number", flat=True).first()
    batch = PaperBatch.objects.create(
        election=election,
        number=(last or 0) + 1,
        entered_by=saved_user(actor),
        papers=len(checked),
        spoilt=spoilt,
        rankings=checked,
    )
    audit(
        actor=actor,
        action="paper_batch.entered",
        target=batch,
        data={"election": election.pk, "papers": len(checked), "spoilt": spoilt},
    )
    return batch


@transaction.atomic
def paper_batch_confirm(*, batch: PaperBatch, actor: Actor) -> PaperBatch:
    """A second person confirms a batch they have checked against the papers: now its
    ballots count. The person who entered it cannot. Safe to repeat."""
    batch = PaperBatch.objects.select_for_update().select_related("election").get(pk=batch.pk)
    if batch.status == PaperBatch.Status.CONFIRMED:
        return batch
    if batch.status != PaperBatch.Status.PENDING:
        raise InvalidTransition("This batch was thrown away. It cannot be confirmed.")
    if batch.entered_by_id == user_id(actor):
        raise NotAllowed("You entered this batch. A second person must check and confirm it.")
    _box_still_closed(batch.election)
    batch.status = PaperBatch.Status.CONFIRMED
    batch.confirmed_by = saved_user(actor)
    batch.confirmed_at = timezone.now()
    batch.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    audit(actor=actor, action="paper_batch.confirmed", target=batch, data={"papers": batch.papers})
    return batch


@transaction.atomic
def paper_batch_discard(*, batch: PaperBatch, actor: Actor) -> PaperBatch:
    """Throw away a batch with mistakes before it is confirmed: its papers go, so they can
    be typed in again. Safe to repeat."""
    batch = PaperBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == PaperBatch.Status.DISCARDED:
        return batch
    if batch.status == PaperBatch.Status.CONFIRMED:
        raise InvalidTransition("This batch is confirmed. Its votes count and stay.")
    batch.status = PaperBatch.Status.DISCARDED
    batch.discarded_by = saved_user(actor)
    batch.rankings = []
    batch.save(update_fields=["status", "discarded_by", "rankings"])
    audit(actor=actor, action="paper_batch.discarded", target=batch, data={"papers": batch.papers})
    return batch
