"""The sealed ballot box: made with its opening key before voting opens, sealed while voting
is open, opened once with the key after the close, and kept out of the admin."""

import json

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import IntegrityError, connection, transaction
from nacl.public import PublicKey, SealedBox

from board.elections import ballot_box, services
from board.elections.selectors import published_ballots, published_receipts
from board.models import (
    Ballot,
    BallotBox,
    Election,
    ElectionResult,
    PaperBatch,
    Receipt,
    SealedBallot,
    Voter,
)
from coop.errors import CoopError, InvalidTransition
from coop.models import AuditEntry
from tests.board.conftest import (
    KEY,
    call,
    close,
    due_election,
    open_box,
    paper_batch,
    paper_envelopes,
    stand,
)

pytestmark = pytest.mark.django_db

OTHER_KEY = "ACD3F-PQRTU-HX4CQ-9MNTE"


def vote(setup, member, ranking):
    return services.ballot_cast(
        election=setup.election, member=member, ranking=ranking, actor=member.user
    )


def votes_in(cast, setup) -> dict[str, list[int]]:
    """Five votes online, of every length from 1 to 3; their rankings by receipt."""
    a, b, c = (candidate.pk for candidate in setup.candidates)
    rankings = [[c, b, a], [a], [b, a], [a, c], [c]]
    members = [cast.member_row, *setup.voters]
    return {
        vote(setup, member, ranking): ranking
        for member, ranking in zip(members, rankings, strict=True)
    }


def database_text() -> str:
    """Every row of every table, as PostgreSQL writes it out (bytes in hexadecimal)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT t::text FROM {connection.ops.quote_name(table)} t")
            parts.extend(row[0] for row in cursor.fetchall())
    return "\n".join(parts)


def box_state(election: Election) -> dict:
    """Everything opening the box could change."""
    box = BallotBox.objects.get(election=election)
    election.refresh_from_db()
    return {
        "status": election.status,
        "salt": bytes(box.salt) if box.salt is not None else None,
        "public_key": bytes(box.public_key),
        "opened": (box.opened_at, box.opened_by_id, box.opened_online, box.opened_paper),
        "sealed": sorted(
            (str(pk), bytes(data), receipt)
            for pk, data, receipt in SealedBallot.objects.filter(box=box).values_list(
                "pk", "sealed", "receipt"
            )
        ),
        "ballots": sorted(
            (str(pk), json.dumps(r)) for pk, r in Ballot.objects.values_list("pk", "ranking")
        ),
        "receipts": list(Receipt.objects.values_list("code", flat=True)),
        "batches": list(PaperBatch.objects.values_list("pk", "status", "rankings")),
        "results": ElectionResult.objects.count(),
        "opened_audit": AuditEntry.objects.filter(action="election.box_opened").count(),
    }


def raw(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=SealedBallot._meta.db_table), params)


# --- while voting is open -----------------------------------------------------------------


def test_while_voting_no_ranking_can_be_read_anywhere(cast, setup):
    by_receipt = votes_in(cast, setup)
    box = BallotBox.objects.get(election=setup.election)
    assert not Ballot.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {Ballot._meta.db_table}")
        assert cursor.fetchone()[0] == 0
    sealed = list(SealedBallot.objects.values_list("sealed", flat=True))
    assert len(sealed) == 5
    for data in map(bytes, sealed):
        for ranking in by_receipt.values():
            assert json.dumps(ranking, separators=(",", ":")).encode() not in data
            assert json.dumps(ranking).encode() not in data
    # One size for every sealed ballot, whether it ranks 1 person or 3: the padded size
    # and the seal's own 48 bytes.
    standing = [c.pk for c in setup.candidates]
    assert box.padded_size == ballot_box.padded_size_for(standing) == 256
    assert {len(bytes(data)) for data in sealed} == {box.padded_size + 48}
    # No table, audit log included, holds a ranking of two or more people, the opening key
    # or the private key it gives.
    text = database_text()
    for ranking in by_receipt.values():
        if len(ranking) > 1:
            assert json.dumps(ranking) not in text
            assert json.dumps(ranking, separators=(",", ":")) not in text
    assert KEY not in text and KEY.replace("-", "") not in text
    private = ballot_box.keypair_from(KEY, bytes(box.salt), ops=box.kdf_ops, mem=box.kdf_mem)
    assert bytes(private).hex() not in text
    assert bytes(private.public_key) == bytes(box.public_key)


def test_the_receipt_is_worked_out_from_the_sealed_ballot_and_published_apart(cast, setup):
    by_receipt = votes_in(cast, setup)
    rows = list(SealedBallot.objects.values_list("sealed", "receipt"))
    assert all(receipt == ballot_box.receipt_for(data) for data, receipt in rows)
    assert {receipt for _, receipt in rows} == set(by_receipt)
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    receipts = published_receipts(setup.election)
    ballots = published_ballots(setup.election)
    assert receipts == sorted(by_receipt)
    assert len(ballots) == len(receipts) == 5
    assert all(set(ballot) == {"choices"} for ballot in ballots)
    assert not any(receipt in str(ballots) for receipt in receipts)
    names = {c.pk: c.member.display_name for c in setup.candidates}
    assert sorted(b["choices"] for b in ballots) == sorted(
        [names[pk] for pk in ranking] for ranking in by_receipt.values()
    )
    # The receipts were written in code order, so not even their keys keep the voting order.
    assert list(Receipt.objects.order_by("id").values_list("code", flat=True)) == receipts


def test_the_box_is_opened_only_after_the_close(cast, setup):
    votes_in(cast, setup)
    before = box_state(setup.election)
    with pytest.raises(InvalidTransition, match="The ballot box is opened once voting has closed"):
        services.ballot_box_open(election=setup.election, actor=cast.returning, key=KEY)
    assert box_state(setup.election) == before


# --- opening the box ----------------------------------------------------------------------


def test_opening_the_box_unseals_every_ballot_and_destroys_the_seal(
    cast, setup, django_capture_on_commit_callbacks
):
    by_receipt = votes_in(cast, setup)
    close(setup.election, cast.returning)
    with django_capture_on_commit_callbacks() as callbacks:
        box = services.ballot_box_open(election=setup.election, actor=cast.returning, key=KEY)
    # The count waits for the commit.
    assert callbacks and not ElectionResult.objects.exists()
    assert box.is_open and box.opened_by == cast.returning
    assert (box.opened_online, box.opened_paper) == (5, 0)
    box.refresh_from_db()
    assert box.salt is None
    assert not SealedBallot.objects.exists()
    assert sorted(Ballot.objects.values_list("ranking", flat=True)) == sorted(by_receipt.values())
    entry = AuditEntry.objects.get(action="election.box_opened")
    assert entry.actor == cast.returning and entry.data == {"online": 5, "paper": 0}


def test_a_wrong_key_changes_nothing(cast, setup, django_capture_on_commit_callbacks):
    votes_in(cast, setup)
    close(setup.election, cast.returning)
    before = box_state(setup.election)
    assert len(before["sealed"]) == 5 and before["salt"] is not None
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(services.BoxKeyWrong) as wrong:
            services.ballot_box_open(election=setup.election, actor=cast.returning, key=OTHER_KEY)
        with pytest.raises(services.BoxKeyWrong) as malformed:
            services.ballot_box_open(election=setup.election, actor=cast.returning, key="hello")
    assert wrong.value.message == (
        "That key does not open this ballot box. Check each letter and number and try "
        "again. Nothing has changed."
    )
    assert malformed.value.message == (
        "An opening key has 20 letters and numbers, in 4 groups of 5. Please check it."
    )
    assert callbacks == []
    assert box_state(setup.election) == before
    # The right key, typed any old way, opens it.
    services.ballot_box_open(
        election=setup.election, actor=cast.returning, key=f" {KEY.lower().replace('-', ' ')} "
    )
    assert Ballot.objects.count() == 5 and not SealedBallot.objects.exists()


def test_a_lost_key_cannot_be_worked_around_once_the_box_is_open(
    cast, setup, django_capture_on_commit_callbacks
):
    votes_in(cast, setup)
    close(setup.election, cast.returning)
    box = BallotBox.objects.get(election=setup.election)
    salt = bytes(box.salt)
    # Until it is opened, the key and the salt kept in the box give its private key...
    private = ballot_box.keypair_from(KEY, salt, ops=box.kdf_ops, mem=box.kdf_mem)
    assert bytes(private.public_key) == bytes(box.public_key)
    open_box(setup.election, cast.returning)
    opened = box_state(setup.election)
    # ... and once it is opened the salt is gone from the database, so that key no longer
    # gives anything: the same key with any other salt is another key pair.
    assert opened["salt"] is None
    assert salt.hex() not in database_text()
    other = ballot_box.keypair_from(KEY, bytes(16), ops=box.kdf_ops, mem=box.kdf_mem)
    assert bytes(other.public_key) != bytes(box.public_key)
    # The database will not take a salt back for an opened box.
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotBox.objects.filter(pk=box.pk).update(salt=salt)
    # Opening again gives the same box and changes nothing, counts nothing.
    with django_capture_on_commit_callbacks() as callbacks:
        again = services.ballot_box_open(election=setup.election, actor=cast.returning, key=KEY)
    assert again.pk == box.pk and callbacks == []
    assert box_state(setup.election) == opened


def test_a_box_missing_a_sealed_ballot_cannot_be_opened(
    cast, setup, django_capture_on_commit_callbacks
):
    votes_in(cast, setup)
    close(setup.election, cast.returning)
    raw("DELETE FROM {table} WHERE id = %s", SealedBallot.objects.first().pk)
    before = box_state(setup.election)
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(
            services.BoxCannotOpen,
            match=r"5 member\(s\) voted online but the box holds 4 sealed vote\(s\)\. Nothing "
            "is counted from a box that is not whole.",
        ):
            open_box(setup.election, cast.returning)
    assert callbacks == []
    assert box_state(setup.election) == before
    assert before["status"] == Election.Status.CLOSED and before["salt"] is not None
    assert before["ballots"] == [] and before["receipts"] == [] and before["results"] == 0


def _flipped(data: bytes, public_key: bytes, size: int) -> bytes:
    return data[:100] + bytes([data[100] ^ 1]) + data[101:]


def _swapped(data: bytes, public_key: bytes, size: int) -> bytes:
    # A ballot sealed by someone with the public key (in the database), put in the place
    # of a real one.
    return ballot_box.seal(public_key, [], size)


def _not_a_ranking(data: bytes, public_key: bytes, size: int) -> bytes:
    return SealedBox(PublicKey(public_key)).encrypt(b'{"x": 1}'.ljust(size))


@pytest.mark.parametrize(
    "damage,message",
    [
        (_flipped, "A sealed vote in the box cannot be opened."),
        (_not_a_ranking, "A sealed vote in the box cannot be opened."),
        (_swapped, "A sealed vote does not match its receipt code."),
    ],
)
def test_a_box_with_an_altered_sealed_ballot_cannot_be_opened(
    cast, setup, django_capture_on_commit_callbacks, damage, message
):
    votes_in(cast, setup)
    close(setup.election, cast.returning)
    box = BallotBox.objects.get(election=setup.election)
    row = SealedBallot.objects.first()
    altered = damage(bytes(row.sealed), bytes(box.public_key), box.padded_size)
    assert altered != bytes(row.sealed)
    raw("UPDATE {table} SET sealed = %s WHERE id = %s", altered, row.pk)
    before = box_state(setup.election)
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(services.BoxCannotOpen) as error:
            open_box(setup.election, cast.returning)
    assert error.value.message.startswith(message)
    assert "Nothing is counted from a box that is not whole." in error.value.message
    assert callbacks == []
    assert box_state(setup.election) == before
    assert before["ballots"] == [] and before["receipts"] == [] and before["results"] == 0


def test_a_closed_election_without_a_box_says_so(cast, setup):
    close(setup.election, cast.returning)
    BallotBox.objects.filter(election=setup.election).delete()
    with pytest.raises(services.BoxCannotOpen, match="This election has no ballot box"):
        open_box(setup.election, cast.returning)
    assert not Ballot.objects.exists()


def test_paper_and_online_votes_come_out_together(cast, setup):
    a, b, c = (candidate.pk for candidate in setup.candidates)
    receipt = vote(setup, cast.member_row, [a, b])
    paper_envelopes(setup, cast, setup.voters[:2])
    close(setup.election, cast.returning)
    services.paper_batch_confirm(batch=paper_batch(setup, cast, [[c], [b, c]]), actor=cast.admin)
    box = services.ballot_box_open(election=setup.election, actor=cast.returning, key=KEY)
    assert (box.opened_online, box.opened_paper) == (1, 2)
    assert sorted(Ballot.objects.values_list("ranking", flat=True)) == sorted([[a, b], [c], [b, c]])
    assert published_receipts(setup.election) == [receipt]
    assert PaperBatch.objects.get().rankings == []


# --- making the box -----------------------------------------------------------------------


def nominations_election(cast) -> Election:
    """An election whose voting may open now, with 1 person standing and no box yet."""
    election = due_election(cast)
    stand(cast, election)
    return election


def test_making_the_box_gives_a_new_key_kept_nowhere(cast):
    election = nominations_election(cast)
    key = services.ballot_box_make(election=election, actor=cast.returning)
    assert ballot_box.opening_key_normalise(key) == key and len(key.split("-")) == 4
    assert not set(key.replace("-", "")) - set(ballot_box.ALPHABET)
    box = BallotBox.objects.get(election=election)
    assert len(bytes(box.public_key)) == 32 and len(bytes(box.salt)) == 16
    assert (box.kdf_ops, box.kdf_mem) == (
        settings.BALLOT_BOX_KDF_OPS,
        settings.BALLOT_BOX_KDF_MEM,
    )
    assert box.made_by == cast.returning and not box.is_open
    entry = AuditEntry.objects.get(action="election.box_made")
    assert entry.data == {"replaced": False}
    assert key not in database_text() and key.replace("-", "") not in database_text()
    # Two boxes never share a key.
    other = call(cast, title="Another election")
    assert services.ballot_box_make(election=other, actor=cast.returning) != key


def test_a_key_given_to_make_the_box_must_be_an_opening_key(cast):
    election = nominations_election(cast)
    with pytest.raises(CoopError, match="That is not an opening key."):
        services.ballot_box_make(election=election, actor=cast.returning, key="hello")
    with pytest.raises(CoopError, match="That is not an opening key."):
        services.ballot_box_make(election=election, actor=cast.returning, key=KEY.lower())
    assert not BallotBox.objects.exists()


def test_a_box_made_again_before_voting_replaces_the_old_one(cast):
    election = nominations_election(cast)
    services.ballot_box_make(election=election, actor=cast.returning, key=OTHER_KEY)
    first = bytes(BallotBox.objects.get(election=election).public_key)
    services.ballot_box_make(election=election, actor=cast.returning, key=KEY)
    box = BallotBox.objects.get(election=election)
    assert bytes(box.public_key) != first
    assert list(
        AuditEntry.objects.filter(action="election.box_made")
        .order_by("id")
        .values_list("data", flat=True)
    ) == [{"replaced": False}, {"replaced": True}]
    services.election_voting_open(election=election, actor=cast.returning)
    candidate = election.candidates.get()
    services.ballot_cast(
        election=election, member=cast.member_row, ranking=[candidate.pk], actor=cast.member
    )
    close(election, cast.returning)
    # The old key no longer opens anything; the new one does.
    with pytest.raises(services.BoxKeyWrong, match="That key does not open this ballot box"):
        services.ballot_box_open(election=election, actor=cast.returning, key=OTHER_KEY)
    services.ballot_box_open(election=election, actor=cast.returning, key=KEY)
    assert list(Ballot.objects.values_list("ranking", flat=True)) == [[candidate.pk]]


@pytest.mark.parametrize("stage", ["voting", "closed", "cancelled"])
def test_the_box_cannot_be_made_again_once_voting_is_open(cast, setup, stage):
    receipt = vote(setup, cast.member_row, [setup.candidates[0].pk])
    if stage == "closed":
        close(setup.election, cast.returning)
    if stage == "cancelled":
        services.election_cancel(election=setup.election, actor=cast.board, reason="A test.")
    before = box_state(setup.election)
    with pytest.raises(InvalidTransition, match="It cannot be made again."):
        services.ballot_box_make(election=setup.election, actor=cast.returning)
    with pytest.raises(InvalidTransition, match="It cannot be made again."):
        services.ballot_box_make(election=setup.election, actor=cast.returning, key=OTHER_KEY)
    assert box_state(setup.election) == before
    assert AuditEntry.objects.filter(action="election.box_made").count() == 1
    if stage != "cancelled":
        close(setup.election, cast.returning)
        open_box(setup.election, cast.returning)
        assert published_receipts(setup.election) == [receipt]


# --- the admin ----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, cast):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(cast.admin)
    assert client.get("/django-admin/").status_code == 200
    return client


def test_the_admin_has_no_ballots_sealed_or_counted_nor_receipts(admin_client, cast, setup):
    votes_in(cast, setup)
    close(setup.election, cast.returning)
    for model in (Ballot, SealedBallot, Receipt):
        assert not admin.site.is_registered(model), model
    path = "/django-admin/board/{}/"
    for name in ("sealedballot", "ballot", "receipt"):
        assert admin_client.get(path.format(name)).status_code == 404, name
    open_box(setup.election, cast.returning)
    for name in ("sealedballot", "ballot", "receipt"):
        assert admin_client.get(path.format(name)).status_code == 404, name
    index = admin_client.get("/django-admin/board/").content.decode()
    assert "Paper batches" in index
    assert "Ballots" not in index and "Sealed" not in index and "Receipts" not in index


def test_the_admin_shows_no_papers_of_a_batch(admin_client, cast, setup):
    a, b, c = (candidate.pk for candidate in setup.candidates)
    paper_envelopes(setup, cast, setup.voters[:2])
    close(setup.election, cast.returning)
    batch = paper_batch(setup, cast, [[c, a], [b, c]])
    assert "rankings" in admin.site._registry[PaperBatch].exclude
    for url in (
        "/django-admin/board/paperbatch/",
        f"/django-admin/board/paperbatch/{batch.pk}/change/",
    ):
        response = admin_client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "Board election" in html
        for ranking in batch.rankings:
            assert json.dumps(ranking) not in html and str(ranking) not in html
        assert "ankings" not in html


def test_the_admin_lists_who_voted_by_name_not_in_the_order_they_voted(admin_client, cast, setup):
    v0, v1, v2, v3 = setup.voters
    # In an order that is neither by name nor its reverse.
    vote(setup, v2, [setup.candidates[0].pk])
    paper_envelopes(setup, cast, [v0])
    vote(setup, cast.member_row, [setup.candidates[1].pk])
    vote(setup, v3, [setup.candidates[0].pk])
    paper_envelopes(setup, cast, [v1])
    assert Voter.objects.count() == 5
    html = admin_client.get("/django-admin/board/voter/").content.decode()
    by_name = [cast.member_row, v0, v1, v2, v3]  # Okafor, then Person0 to Person3
    places = [html.index(str(member)) for member in by_name]
    assert places == sorted(places)


def test_cancelling_destroys_the_sealed_votes_unopened(cast, setup):
    votes_in(cast, setup)
    services.paper_envelopes_record(
        election=setup.election, actor=cast.returning, voters=[setup.candidates[0].member]
    )
    services.election_cancel(election=setup.election, actor=cast.board, reason="A mistake.")
    box = BallotBox.objects.get(election=setup.election)
    assert box.salt is None and box.opened_at is None
    assert not SealedBallot.objects.exists() and not Ballot.objects.exists()
    with pytest.raises(InvalidTransition):
        services.ballot_box_open(election=setup.election, actor=cast.returning, key=KEY)


def test_a_vote_into_a_box_not_ready_is_refused_in_words(cast, setup):
    BallotBox.objects.filter(election=setup.election).update(padded_size=0)
    with pytest.raises(services.VotingClosed, match="The ballot box is not ready"):
        vote(setup, cast.member_row, [setup.candidates[0].pk])
    assert not Voter.objects.exists() and not SealedBallot.objects.exists()


def test_opening_a_counted_election_again_returns_its_box(cast, setup):
    votes_in(cast, setup)
    open_box(close(setup.election, cast.returning), cast.returning)
    services.election_count(election=setup.election, actor=cast.returning)
    box = services.ballot_box_open(election=setup.election, actor=cast.returning, key=KEY)
    assert box.is_open and Ballot.objects.count() == 5


def test_a_receipt_that_clashes_means_sealing_again(cast, setup, monkeypatch):
    codes = iter(["AAAAA-AAAAA", "AAAAA-AAAAA", "CCCCC-CCCCC"])
    monkeypatch.setattr(ballot_box, "receipt_for", lambda sealed: next(codes))
    first = vote(setup, cast.member_row, [setup.candidates[0].pk])
    second = vote(setup, setup.voters[0], [setup.candidates[1].pk])
    assert (first, second) == ("AAAAA-AAAAA", "CCCCC-CCCCC")
    assert SealedBallot.objects.count() == 2
