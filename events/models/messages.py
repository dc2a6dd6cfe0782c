"""Messages to many members: the "what is on" rounds, and organisers' group messages from
saved templates."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from events import group_words
from events.models.activities import Activity
from events.models.reminders import PersonMessage
from members.models import Branch, Member, User


class WhatsOnRound(models.Model):
    """One "what is on" message to every active member, listing the activities published
    since the round before. Each activity joins at most one round (Activity.whats_on_round),
    so no activity is announced twice; a round is complete when every member's message is
    written."""

    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"What is on, round {self.pk}"


class WhatsOnMessage(PersonMessage):
    """The round's message to one member, or a supporter's copy of it. The database allows
    one per (round, member, recipient): nobody gets the same round twice."""

    round = models.ForeignKey(WhatsOnRound, on_delete=models.CASCADE, related_name="messages")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member", "recipient"],
                name="events_whats_on_message_once_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_way_display()}: what is on (round {self.round_id}) for {self.member}"


class MessageTemplate(models.Model):
    """Saved easy-read words an organiser sends to a group (everyone booked on an activity,
    its waiting list, a branch, or the board). Administrators change them in the admin.

    The subject and lines may hold these places, filled in when the message is written:
    {activity}, {date}, {time} and {meeting_point} come from the activity; the organiser
    types {new_meeting_point} and {note}. A line whose {note} is left empty is left out.
    "Hello <name>," is put first for each person: do not write it here."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True, help_text="What organisers choose.")
    description = models.CharField(
        max_length=200, blank=True, help_text="When to use it, in one short sentence."
    )
    subject = models.CharField(max_length=150)
    lines = models.TextField(help_text="One short sentence a line. At most 15 words each.")
    active = models.BooleanField(default=True, help_text="Organisers can choose it.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        problems = group_words.template_problems(self.subject, self.lines)
        if problems:
            raise ValidationError(problems)

    @property
    def places(self) -> set[str]:
        return group_words.places_in(f"{self.subject}\n{self.lines}")

    @property
    def needs_activity(self) -> bool:
        return bool(self.places & set(group_words.ACTIVITY_FIELDS))


class GroupMessage(models.Model):
    """One message an organiser wrote to a group, and how many people heard it each way.
    The messages themselves are in the outbox (members.Message, kind "group_message")."""

    class Group(models.TextChoices):
        BOOKED = "booked", "Everyone booked"
        WAITING = "waiting", "The waiting list"
        BRANCH = "branch", "Members in a branch"
        BOARD = "board", "The board"

    token = models.CharField(
        max_length=64, unique=True, help_text="From the form: a second press sends nothing."
    )
    group = models.CharField(max_length=10, choices=Group.choices)
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="group_messages"
    )
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    template = models.ForeignKey(
        MessageTemplate, null=True, on_delete=models.SET_NULL, related_name="group_messages"
    )
    fields = models.JSONField(default=dict, blank=True, help_text="What the organiser typed.")
    subject = models.CharField(max_length=200)
    lines = models.JSONField(default=list, help_text="The words everyone got, after Hello.")
    counts = models.JSONField(
        default=dict, blank=True, help_text="How many by each way, and supporters' copies."
    )
    sent_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(group__in=["booked", "waiting"]) & Q(activity__isnull=False))
                | (Q(group="branch") & Q(branch__isnull=False))
                | Q(group="board"),
                name="events_group_message_has_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_group_display()})"
