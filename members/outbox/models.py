"""One message to one person by one way."""

from django.db import models
from django.db.models import Q

from members.models import ContactWay, Member, User


class Message(models.Model):
    Way = ContactWay

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"
        TO_CALL = "to_call", "To call"
        CALLED = "called", "Called"
        NO_ANSWER = "no_answer", "No answer: try again"
        LETTER_READY = "letter_ready", "Letter to print"
        PRINTED = "printed", "Letter printed"
        NO_WAY = "no_way", "No way to reach them"

    # The table of allowed moves. Only members.outbox.services moves a message.
    TRANSITIONS: dict[str, set[str]] = {
        Status.QUEUED: {Status.SENDING, Status.NO_WAY},
        Status.SENDING: {Status.SENT, Status.QUEUED, Status.FAILED},
        # Tried again, by the member's way now (their email may have gone since).
        Status.FAILED: {Status.QUEUED, Status.TO_CALL, Status.LETTER_READY},
        Status.TO_CALL: {Status.CALLED, Status.NO_ANSWER},
        Status.NO_ANSWER: {Status.CALLED, Status.NO_ANSWER},
        Status.LETTER_READY: {Status.PRINTED},
        Status.NO_WAY: {Status.QUEUED, Status.TO_CALL, Status.LETTER_READY},
    }
    # A call still to make: not made yet, or nobody answered last time.
    CALLS_TO_MAKE = (Status.TO_CALL, Status.NO_ANSWER)
    # Waiting for an organiser: today's calls and letters, and what could not be sent.
    FOR_ORGANISERS = (*CALLS_TO_MAKE, Status.LETTER_READY, Status.FAILED, Status.NO_WAY)

    class Recipient(models.TextChoices):
        MEMBER = "member", "The member"
        SUPPORTER = "supporter", "A supporter's copy"
        USER = "user", "A person with an account"

    kind = models.CharField(max_length=40)
    # Whom the news is about (and, for recipient "member", to whom it goes).
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    recipient = models.CharField(max_length=10, choices=Recipient.choices)
    # The supporter, or the person with an account, it goes to.
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    name = models.CharField(max_length=200, help_text="Whom it goes to, as people say it.")
    way = models.CharField(max_length=8, choices=ContactWay.choices, blank=True)
    to = models.CharField(max_length=500, blank=True, help_text="Email, number or address.")
    subject = models.CharField(max_length=200)
    # Empty for kinds whose words are made when they are sent (a sign-in link: the link is
    # made then, and kept nowhere).
    body = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    # One message per key: the same news is never written twice.
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    next_try_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_try_at"],
                condition=Q(status="queued"),
                name="members_message_due_idx",
            ),
            models.Index(fields=["status", "created_at"], name="members_message_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient="member", member__isnull=False)
                | (~Q(recipient="member") & Q(user__isnull=False)),
                name="members_message_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.name} ({self.get_way_display() or 'no way'})"
