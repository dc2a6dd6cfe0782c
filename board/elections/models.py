"""Board elections: calling one, the frozen electorate, candidates, votes and the result.

One member, one vote lives in the database: a `Voter` row per (election, member) is unique.

While voting is open a vote exists only as a `SealedBallot` in the election's `BallotBox`:
sealed to a key the database cannot work out (see board/elections/ballot_box.py). When the
returning officer opens the box after the close, the sealed ballots and the typed-in paper
ballots become `Ballot` rows, in a random order, in one transaction; the sealed rows go, and
so does the salt the key was worked out from. A `Ballot` has no voter, no time, no receipt and
a random key. The receipt codes are kept apart, as `Receipt` rows in code order.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from members.models import Member


class Election(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Called"
        NOMINATIONS = "nominations", "Taking nominations"
        VOTING = "voting", "Voting is open"
        CLOSED = "closed", "Voting has closed"
        COUNTED = "counted", "Counted"
        CANCELLED = "cancelled", "Cancelled"

    class Method(models.TextChoices):
        SCOTTISH_STV = "scottish-stv", "Single transferable vote (Scottish rules)"
        MEEK = "meek", "Single transferable vote (Meek)"
        IRV = "irv", "Instant run-off (for 1 seat)"
        PLURALITY = "plurality", "Most votes wins (choose up to the number of seats)"

    TRANSITIONS: dict[str, set[str]] = {
        Status.DRAFT: {Status.NOMINATIONS, Status.CANCELLED},
        Status.NOMINATIONS: {Status.VOTING, Status.CANCELLED},
        Status.VOTING: {Status.CLOSED, Status.CANCELLED},
        Status.CLOSED: {Status.COUNTED, Status.CANCELLED},
    }

    title = models.CharField(max_length=200)
    seats = models.PositiveSmallIntegerField()
    method = models.CharField(max_length=16, choices=Method.choices, default=Method.SCOTTISH_STV)
    electorate_date = models.DateField(
        help_text="The active members on this date are the people who can vote."
    )
    nominations_open_at = models.DateTimeField()
    nominations_close_at = models.DateTimeField()
    voting_open_at = models.DateTimeField()
    voting_close_at = models.DateTimeField()
    term_years = models.PositiveSmallIntegerField(
        default=2, help_text="How many years the people elected serve on the board."
    )
    returning_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="elections_run"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Any tie the count settles by lot uses this seed, fixed when the election is called
    # and published with the result, so anyone can repeat the count exactly.
    seed = models.PositiveBigIntegerField()
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_at = models.DateTimeField(auto_now_add=True)
    electorate_frozen_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-voting_open_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="board_election_seats_positive"),
            models.CheckConstraint(
                condition=Q(nominations_open_at__lt=F("nominations_close_at"))
                & Q(nominations_close_at__lte=F("voting_open_at"))
                & Q(voting_open_at__lt=F("voting_close_at")),
                name="board_election_windows_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(method="irv") | Q(seats=1), name="board_election_irv_one_seat"
            ),
            models.CheckConstraint(
                condition=Q(term_years__gte=1) & Q(term_years__lte=10),
                name="board_election_term_years_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ranked(self) -> bool:
        return self.method != self.Method.PLURALITY

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.CLOSED, self.Status.COUNTED}


class Elector(models.Model):
    """A member who may vote in an election: the active members on the electorate date,
    frozen in one insert so later changes to the roll do not change who votes."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="electors")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election", "member"], name="board_elector_one_per_election"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} may vote in {self.election}"


class Candidate(models.Model):
    class Status(models.TextChoices):
        NOMINATED = "nominated", "Waiting for the returning officer"
        ACCEPTED = "accepted", "Standing"
        REJECTED = "rejected", "Not accepted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    TRANSITIONS: dict[str, set[str]] = {
        Status.NOMINATED: {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN},
        Status.ACCEPTED: {Status.WITHDRAWN},
        Status.WITHDRAWN: {Status.NOMINATED},
    }

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="candidacies")
    statement = models.TextField(help_text="In easy read: who they are, what they would do.")
    # A picture they chose from ours (a static path), or a photo they uploaded.
    picture = models.CharField(max_length=200, blank=True)
    photo = models.FileField(upload_to="elections/candidates/", blank=True)
    seconder = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOMINATED)
    nominated_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejected_reason = models.CharField(max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["member__last_name", "member__first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "member"], name="board_candidate_one_per_election"
            ),
            models.CheckConstraint(
                condition=~Q(picture="") | ~Q(photo=""), name="board_candidate_has_picture"
            ),
            models.CheckConstraint(
                condition=~Q(seconder=F("member")), name="board_candidate_seconder_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.display_name} in {self.election}"

    @property
    def name(self) -> str:
        return self.member.display_name


class PaperBatch(models.Model):
    """Paper ballots typed in together by the returning officer after voting has closed,
    from the papers of all the envelopes opened at once (so no paper can be told from the
    envelope it came in). They count only once a second person has checked and confirmed
    them. The papers are kept here, in a random order, until the box is opened: then they
    join the online ballots and are emptied from here."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a second person to check"
        CONFIRMED = "confirmed", "Checked and confirmed"
        DISCARDED = "discarded", "Thrown away"

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="paper_batches")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    papers = models.PositiveIntegerField(help_text="Valid papers: each is a ballot.")
    spoilt = models.PositiveIntegerField(default=0, help_text="Blank or spoilt papers.")
    # Candidate ids, most preferred first, one list a paper; emptied when the box is opened.
    rankings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["election", "number"]
        verbose_name_plural = "paper batches"
        constraints = [
            models.UniqueConstraint(
                fields=["election", "number"], name="board_paperbatch_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("entered_by")),
                name="board_paperbatch_confirmed_by_second_person",
            ),
            models.CheckConstraint(
                condition=Q(status="confirmed", confirmed_by__isnull=False)
                | (~Q(status="confirmed") & Q(confirmed_by__isnull=True)),
                name="board_paperbatch_confirmed_has_confirmer",
            ),
        ]

    def __str__(self) -> str:
        return f"Paper batch {self.number} of {self.election}"


class Voter(models.Model):
    """That a member has voted, and how: online, or on paper (their envelope came in).
    Unique per election: the database, not the code, makes sure each member votes once.
    Says nothing about how they voted, nor when."""

    class Channel(models.TextChoices):
        ONLINE = "online", "Online"
        PAPER = "paper", "On paper"

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="voters")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election", "member"], name="board_voter_one_per_election"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} voted {self.get_channel_display().lower()} in {self.election}"


class BallotBox(models.Model):
    """An election's ballot box: the public key ballots are sealed to, and what is needed
    to work out its private key from the returning officer's opening key. The salt is
    deleted when the box is opened (or the election cancelled), so the key can never be
    worked out again."""

    election = models.OneToOneField(Election, on_delete=models.CASCADE, related_name="box")
    public_key = models.BinaryField(max_length=32)
    salt = models.BinaryField(max_length=16, null=True)
    # Argon2id's cost, kept with the box so a box is opened as it was made.
    kdf_ops = models.PositiveIntegerField()
    kdf_mem = models.PositiveBigIntegerField()
    # Every sealed ballot is padded to this many bytes (set when voting opens).
    padded_size = models.PositiveIntegerField(default=0)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    # How many ballots came out of it: sealed online ones and paper ones.
    opened_online = models.PositiveIntegerField(default=0)
    opened_paper = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "ballot boxes"
        constraints = [
            # Opened, the salt is gone. (It also goes when the election is cancelled.)
            models.CheckConstraint(
                condition=Q(opened_at__isnull=True) | Q(salt__isnull=True),
                name="board_ballotbox_salt_gone_once_opened",
            )
        ]

    def __str__(self) -> str:
        return f"Ballot box of {self.election}"

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None


class SealedBallot(models.Model):
    """An online vote while voting is open: sealed, with no voter, no time, a random key.
    Its receipt code is worked out from the sealed bytes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="sealed")
    sealed = models.BinaryField()
    receipt = models.CharField(max_length=11)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["box", "receipt"], name="board_sealed_receipt_unique")
        ]

    def __str__(self) -> str:
        return "A sealed ballot"


class Ballot(models.Model):
    """One counted ballot, out of the opened box: a ranking of candidate ids, most
    preferred first (for plurality, the people chosen). No voter, no time, no receipt, no
    way it was cast; the key is random and the rows were written in a random order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="ballots")
    ranking = models.JSONField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return "A counted ballot"


class Receipt(models.Model):
    """A receipt code of a ballot that was in the box when it was opened: published on its
    own, in code order, with nothing that links it to a counted ballot."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="receipts")
    code = models.CharField(max_length=11)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["election", "code"], name="board_receipt_unique")
        ]

    def __str__(self) -> str:
        return self.code


class ElectionResult(models.Model):
    """The count, kept as the counting engine gave it: the result, the sheet, the ballots
    as BLT and the seed, so anyone can recount and get the same."""

    election = models.OneToOneField(Election, on_delete=models.PROTECT, related_name="result")
    result = models.JSONField()
    sheet = models.TextField()
    blt = models.TextField()
    seed = models.PositiveBigIntegerField()
    # Candidate ids in order of election.
    elected = models.JSONField(default=list)
    counted_at = models.DateTimeField(auto_now_add=True)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Result of {self.election}"
