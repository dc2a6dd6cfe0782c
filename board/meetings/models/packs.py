"""How each board member got a meeting's pack."""

from django.conf import settings
from django.db import models

from board.meetings.models.meetings import Meeting
from members.models import Member


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
