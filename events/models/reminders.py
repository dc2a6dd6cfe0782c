"""Reminders before an activity, one per person per time."""

from django.conf import settings
from django.db import models

from events.models.bookings import Booking
from members.models import User


class PersonMessage(models.Model):
    """What a message to one person (a member, or a supporter's copy) records, however it
    goes: by email or text through the outbox, by letter, or as a call an organiser makes."""

    class Way(models.TextChoices):
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"

    class Status(models.TextChoices):
        # An email or a text written into the outbox (its `outbox_message`), which sends
        # it with retries: how it went is the outbox message's status.
        QUEUED = "queued", "On its way"
        SENT = "sent", "Sent"  # rows from before the outbox
        TO_CALL = "to_call", "To call"
        CALLED = "called", "Called"
        NO_ANSWER = "no_answer", "No answer: try again"
        LETTER_READY = "letter_ready", "Letter to print"

    # A call still to make: not made yet, or nobody answered last time.
    CALLS_TO_MAKE = (Status.TO_CALL, Status.NO_ANSWER)

    way = models.CharField(max_length=8, choices=Way.choices)
    status = models.CharField(max_length=12, choices=Status.choices)
    recipient = models.CharField(
        max_length=40, help_text='"member", or "supporter:<user id>" for a supporter\'s copy.'
    )
    supporter = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(blank=True)
    # The email or text in the outbox, for status "queued".
    outbox_message = models.ForeignKey(
        "members.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Reminder(PersonMessage):
    """One reminder for one person about one booking at one time before the activity.
    The database allows only one per (booking, slot, recipient): nobody is reminded twice."""

    # A reminder by letter, written in time for the post (events.services.reminders).
    POST_SLOT = "post"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    slot = models.CharField(max_length=8, help_text='How long before: "3d", "1d", "6h".')

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "slot", "recipient"], name="events_reminder_once_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_way_display()} reminder ({self.slot}) for {self.booking}"

    @property
    def slot_words(self) -> str:
        """ "3d" -> "3 days before", "1d" -> "1 day before", "6h" -> "6 hours before",
        "post" -> "by post, 5 working days before"."""
        if self.slot == self.POST_SLOT:
            return f"by post, {settings.REMINDER_LETTER_WORKING_DAYS} working days before"
        number, unit = int(self.slot[:-1] or 0), self.slot[-1:]
        word = {"d": "day", "h": "hour"}.get(unit, unit)
        return f"{number} {word}{'' if number == 1 else 's'} before"
