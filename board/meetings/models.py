"""Board meetings: the agenda, the papers (easy-read and standard), what happened at the
meeting (attendance, decisions, actions), the minutes, the sitting fees, and how each board
member got their pack.

A meeting moves planned → papers sent → held → minutes approved (or is cancelled before it
is held). The minutes of a meeting are approved at a later meeting; only then do members
see them. A paper marked confidential, and the notes of an item marked confidential, stay
with the board.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from members.models import Member

# The board's pictures for easy-read papers: static path -> what it shows (default alt).
PAPER_PICTURES: dict[str, str] = {
    "coop/pictures/people.svg": "A group of people together",
    "coop/pictures/calendar.svg": "A calendar",
    "coop/pictures/clock.svg": "A clock",
    "coop/pictures/money.svg": "Some money",
    "coop/pictures/letter.svg": "A letter",
    "coop/pictures/phone.svg": "A phone",
    "coop/pictures/listen.svg": "A speech bubble",
    "coop/pictures/safe.svg": "A green shield with a tick",
    "coop/pictures/kind.svg": "A red heart",
    "coop/pictures/key.svg": "A key",
    "board/pictures/house.svg": "A house",
    "board/pictures/bus.svg": "A red bus",
    "board/pictures/cup.svg": "A cup of tea",
    "board/pictures/star.svg": "A yellow star",
    "events/pictures/minibus.svg": "A minibus",
    "events/pictures/meal.svg": "A meal on a plate",
}


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        PAPERS_SENT = "papers_sent", "Papers sent"
        HELD = "held", "Held"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    call_link = models.URLField(
        blank=True, help_text="A video call link, if people can join that way."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    pack_days_before = models.PositiveSmallIntegerField(
        default=7, help_text="How many days before the meeting the papers go out."
    )
    papers_sent_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_at_meeting = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_approved_here",
        help_text="The later meeting that approved these minutes.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="minutes_approved", minutes_approved_at__isnull=False)
                | ~Q(status="minutes_approved"),
                name="board_meeting_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    class Source(models.TextChoices):
        WRITTEN = "written", "Written by the board"
        MINUTES = "minutes", "Minutes of the last meeting"
        ACTIONS = "actions", "Actions from last time"
        ACTIVITIES = "activities", "How our activities went"
        MONEY = "money", "Money"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="In easy read: what this item is about.")
    presenter = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_needed = models.BooleanField(default=False)
    confidential = models.BooleanField(
        default=False, help_text="Talked about in private: members see only the title."
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.WRITTEN)
    notes = models.TextField(blank=True, help_text="What was said, for the minutes.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source"],
                condition=~Q(source="written"),
                name="board_agendaitem_one_automatic_item_each",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Paper(models.Model):
    """A paper for an agenda item. Its easy-read version is its parts (a picture beside each
    paragraph); its standard version is written text or an uploaded PDF. A paper made by
    coop from other records (source not "written") is made again until the papers go out,
    then stays as it was sent."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    source = models.CharField(
        max_length=16, choices=AgendaItem.Source.choices, default=AgendaItem.Source.WRITTEN
    )
    confidential = models.BooleanField(
        default=False, help_text="Only the board sees a confidential paper."
    )
    standard_text = models.TextField(
        blank=True,
        help_text='The standard version. A line starting "# " is a heading, "- " a list item; '
        "a blank line starts a new paragraph.",
    )
    standard_pdf = models.FileField(upload_to="board/papers/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.title


class PaperPart(models.Model):
    """One part of a paper's easy-read version: a heading, a picture and a few short lines."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=120, blank=True)
    words = models.TextField(
        help_text='Short sentences. A line starting "- " is a list item; a blank line starts '
        "a new paragraph."
    )
    picture = models.CharField(max_length=100, blank=True)
    picture_alt = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["paper", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(picture="") | ~Q(picture_alt=""),
                name="board_paperpart_picture_has_alt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paper.title}, part {self.position}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Came"
        APOLOGIES = "apologies", "Sent apologies"
        ABSENT = "absent", "Did not come"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="board_attendance")
    status = models.CharField(max_length=12, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "member__last_name", "member__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="board_attendance_one_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.display_name} at {self.meeting.title}: {self.get_status_display()}"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed by everyone"
        VOTE = "vote", "Decided by a vote"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    wording = models.TextField()
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.AGREED)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        outcome="agreed",
                        votes_for__isnull=True,
                        votes_against__isnull=True,
                        abstentions__isnull=True,
                    )
                    | Q(
                        outcome="vote",
                        votes_for__isnull=False,
                        votes_against__isnull=False,
                        abstentions__isnull=False,
                    )
                ),
                name="board_decision_votes_only_for_a_vote",
            ),
        ]

    def __str__(self) -> str:
        return self.wording[:80]

    @property
    def carried(self) -> bool:
        return self.outcome == self.Outcome.AGREED or (self.votes_for or 0) > (
            self.votes_against or 0
        )


class Action(models.Model):
    """Something a person agreed to do. Open actions are on every later agenda as "actions
    from last time" until they are done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    what = models.TextField()
    owner = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="board_actions")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.what[:60]} ({self.owner.display_name}, by {self.due_on})"


class SittingFeeRate(models.Model):
    """The sitting fee the board set, from a date on. The fee for a meeting is the rate in
    force on the day of the meeting."""

    amount_pence = models.PositiveIntegerField()
    starts_on = models.DateField(unique=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.amount_pence}p a meeting from {self.starts_on}"


class SittingFee(models.Model):
    """What one board member is owed for one meeting they came to. One row per (meeting,
    member), whatever happens to attendance: marked present twice is still one fee; marked
    not present before it is paid cancels it; present again owes it again."""

    class Status(models.TextChoices):
        OWED = "owed", "Owed"
        PAID = "paid", "Paid"
        CANCELLED = "cancelled", "Not owed"

    class Method(models.TextChoices):
        BANK = "bank", "Bank transfer"
        CASH = "cash", "Cash"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="sitting_fees")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="sitting_fees")
    amount_pence = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OWED)
    owed_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    method = models.CharField(max_length=8, choices=Method.choices, blank=True)
    ledger_transaction = models.ForeignKey(
        "finance.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "meeting__starts_at", "member__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="board_sittingfee_one_per_meeting"
            ),
            models.CheckConstraint(
                condition=Q(status="paid", paid_at__isnull=False) | ~Q(status="paid"),
                name="board_sittingfee_paid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Sitting fee: {self.member.display_name}, {self.meeting.title}"


class PackDelivery(models.Model):
    """How one board member gets one meeting's pack, by their own way."""

    class Way(models.TextChoices):
        EMAIL = "email", "Email"
        LETTER = "letter", "Printed pack"
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"
        NONE = "none", "No way to reach them"

    class Status(models.TextChoices):
        # An email or a text written into the outbox (`outbox_message`), which sends it
        # with retries: how it went is the outbox message's status.
        QUEUED = "queued", "On its way"
        SENT = "sent", "Sent"  # rows from before the outbox
        TO_PRINT = "to_print", "To print and post"
        POSTED = "posted", "Posted"
        TO_CALL = "to_call", "To call"
        CALLED = "called", "Called"
        NO_ANSWER = "no_answer", "No answer, try again"
        FAILED = "failed", "Could not send"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="pack_deliveries")
    way = models.CharField(max_length=8, choices=Way.choices)
    version = models.CharField(max_length=12)
    to = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    # The email or text in the outbox, for status "queued".
    outbox_message = models.ForeignKey(
        "members.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "member__last_name", "member__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="board_packdelivery_one_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"Pack for {self.member.display_name}: {self.meeting.title}"
