"""The ballot box: made with its opening key before voting opens, opened once after the
close. See board/elections/ballot_box.py for how ballots are sealed and why nobody can open
the box without the key, and README.md ("Elections") for who can learn what, and when."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from nacl.public import PrivateKey

from board.elections import ballot_box
from board.elections.models import (
    Ballot,
    BallotBox,
    Election,
    PaperBatch,
    Receipt,
    SealedBallot,
    Voter,
)
from board.elections.services.elections import election_locked
from coop.actors import Actor, saved_user, user_id
from coop.audit import audit
from coop.errors import CoopError, InvalidTransition

__all__ = [
    "BoxCannotOpen",
    "BoxKeyWrong",
    "ballot_box_destroy",
    "ballot_box_make",
    "ballot_box_open",
]


class BoxKeyWrong(CoopError):
    """The opening key typed does not open this election's ballot box."""


class BoxCannotOpen(CoopError):
    """The ballot box cannot be opened whole: nothing is counted from part of a box."""


def _kdf_cost() -> tuple[int, int]:
    return settings.BALLOT_BOX_KDF_OPS, settings.BALLOT_BOX_KDF_MEM


@transaction.atomic
def ballot_box_make(
    *, election: Election, actor: Actor, key: str | None = None, now: dt.datetime | None = None
) -> str:
    """Make the election's ballot box and return its opening key, which is kept nowhere:
    the returning officer writes it down. Until voting opens a new box may replace a box
    whose key was lost. `key` is for the demo and tests only (a key we know)."""
    now = now or timezone.now()
    election = election_locked(election)
    if election.status not in {Election.Status.DRAFT, Election.Status.NOMINATIONS}:
        raise InvalidTransition(
            "Voting has opened, so this ballot box is in use. It cannot be made again."
        )
    if key is None:
        key = ballot_box.opening_key_new()
    elif ballot_box.opening_key_normalise(key) != key:
        raise CoopError("That is not an opening key.")
    ops, mem = _kdf_cost()
    salt = ballot_box.salt_new()
    public_key = bytes(ballot_box.keypair_from(key, salt, ops=ops, mem=mem).public_key)
    replaced = BallotBox.objects.filter(election=election).delete()[0] > 0
    BallotBox.objects.create(
        election=election,
        public_key=public_key,
        salt=salt,
        kdf_ops=ops,
        kdf_mem=mem,
        made_by=saved_user(actor),
        made_at=now,
    )
    audit(
        actor=actor,
        action="election.box_made",
        target=election,
        data={"replaced": replaced},
    )
    return key


def ballot_box_destroy(election: Election) -> None:
    """The election is cancelled: its votes will never be counted, so the sealed ballots,
    the papers as typed and the salt go now (in the caller's transaction), and nobody can
    open them later, key or not."""
    box = BallotBox.objects.select_for_update().filter(election=election).first()
    if box is None or box.is_open:
        return
    SealedBallot.objects.filter(box=box).delete()
    election.paper_batches.update(rankings=[])
    box.salt = None
    box.save(update_fields=["salt"])
    transaction.on_commit(_wipe_deleted_rows)


def _paper_checks(election: Election) -> list[list[int]]:
    """The confirmed papers, once every envelope's paper is typed in; or CoopError."""
    pending = election.paper_batches.filter(status=PaperBatch.Status.PENDING).first()
    if pending is not None:
        raise CoopError(
            f"Paper batch {pending.number} is waiting for a second person to check it. "
            "Confirm it or throw it away first."
        )
    batches = list(election.paper_batches.filter(status=PaperBatch.Status.CONFIRMED))
    envelopes = Voter.objects.filter(election=election, channel=Voter.Channel.PAPER).count()
    typed = sum(batch.papers + batch.spoilt for batch in batches)
    if typed != envelopes:
        raise CoopError(
            f"{envelopes} paper envelope(s) came in, but {typed} paper(s) are typed in and "
            "confirmed. Type in a paper for every envelope (0 for a blank or spoilt one) first."
        )
    return [ranking for batch in batches for ranking in batch.rankings]


def _wipe_deleted_rows() -> None:
    """PostgreSQL keeps deleted rows in its table files until they are vacuumed: rewrite
    the two tables that held the sealed votes and the salt, so that no copy of the files
    made from now on has them. (SQLite overwrites deleted rows itself: secure_delete is on
    in the settings.) Skipped inside a transaction, where VACUUM cannot run; a test that
    runs the opening inside one does not get it."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM FULL {SealedBallot._meta.db_table}, {BallotBox._meta.db_table}")


@transaction.atomic
def ballot_box_open(
    *, election: Election, actor: Actor, key: str, now: dt.datetime | None = None
) -> BallotBox:
    """Open the box of a closed election with its opening key, once: unseal every ballot,
    put them and the confirmed paper ballots in a random order and keep them as the
    ballots to count; delete the sealed ballots, the papers as typed and the salt (and,
    on PostgreSQL, vacuum their tables so the deleted rows leave the files); publish the
    receipt codes on their own. Then the count runs in the background.

    Nothing changes when the key is wrong (BoxKeyWrong) or when any sealed ballot cannot
    be opened, or their number does not match the members who voted online, or a paper
    batch is not finished (BoxCannotOpen or CoopError, saying which)."""
    from board.elections.tasks import election_count_task  # tasks.py imports the services

    now = now or timezone.now()
    election = election_locked(election)
    box = BallotBox.objects.select_for_update().filter(election=election).first()
    if box is not None and box.is_open:
        return box
    if election.status != Election.Status.CLOSED:
        raise InvalidTransition("The ballot box is opened once voting has closed.")
    if box is None:
        raise BoxCannotOpen("This election has no ballot box, so there is nothing to open.")
    papers = _paper_checks(election)
    private_key = _private_key(box, key)
    online, receipts = _unseal_all(election, box, private_key)
    rankings = online + papers
    secrets.SystemRandom().shuffle(rankings)
    Ballot.objects.bulk_create([Ballot(election=election, ranking=r) for r in rankings])
    Receipt.objects.bulk_create([Receipt(election=election, code=code) for code in receipts])
    SealedBallot.objects.filter(box=box).delete()
    election.paper_batches.update(rankings=[])
    box.salt = None
    box.opened_at = now
    box.opened_by = saved_user(actor)
    box.opened_online = len(online)
    box.opened_paper = len(papers)
    box.save(update_fields=["salt", "opened_at", "opened_by", "opened_online", "opened_paper"])
    audit(
        actor=actor,
        action="election.box_opened",
        target=election,
        data={"online": len(online), "paper": len(papers)},
    )
    election_id, actor_id = election.pk, user_id(actor)
    transaction.on_commit(_wipe_deleted_rows)
    transaction.on_commit(
        lambda: election_count_task.enqueue(election_id=election_id, actor_id=actor_id)
    )
    return box


def _private_key(box: BallotBox, key: str) -> PrivateKey:
    """The box's private key worked out from the opening key typed. Raises BoxKeyWrong."""
    typed = ballot_box.opening_key_normalise(key)
    if typed is None:
        raise BoxKeyWrong(
            "An opening key has 20 letters and numbers, in 4 groups of 5. Please check it."
        )
    private_key = ballot_box.keypair_from(typed, bytes(box.salt), ops=box.kdf_ops, mem=box.kdf_mem)
    if bytes(private_key.public_key) != bytes(box.public_key):
        raise BoxKeyWrong(
            "That key does not open this ballot box. Check each letter and number and try "
            "again. Nothing has changed."
        )
    return private_key


def _unseal_all(
    election: Election, box: BallotBox, private_key: PrivateKey
) -> tuple[list[list[int]], list[str]]:
    """Every online ballot in the box, and the receipt codes in code order. Raises
    BoxCannotOpen unless the box is whole: one sealed vote for each member who voted
    online, each one opening and matching its receipt."""
    sealed = list(SealedBallot.objects.filter(box=box).values_list("sealed", "receipt"))
    online_voters = Voter.objects.filter(election=election, channel=Voter.Channel.ONLINE).count()
    if len(sealed) != online_voters:
        raise BoxCannotOpen(
            f"{online_voters} member(s) voted online but the box holds {len(sealed)} sealed "
            "vote(s). Nothing is counted from a box that is not whole. Please call for help."
        )
    online = []
    for data, receipt in sealed:
        try:
            ranking = ballot_box.unseal(private_key, data)
        except ballot_box.Unsealable:
            raise BoxCannotOpen(
                "A sealed vote in the box cannot be opened. Nothing is counted from a box "
                "that is not whole. Please call for help."
            ) from None
        if ballot_box.receipt_for(data) != receipt:
            raise BoxCannotOpen(
                "A sealed vote does not match its receipt code. Nothing is counted from a "
                "box that is not whole. Please call for help."
            )
        online.append(ranking)
    return online, sorted(receipt for _, receipt in sealed)
