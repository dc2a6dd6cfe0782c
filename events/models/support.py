"""Support on the day: the support workers and personal assistants the co-operative books
and pays for an activity, and how many the activity needs."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from events.models.activities import Activity
from finance.models import Expense
from members.models import User


class SupportNeed(models.Model):
    """How many support workers an activity needs. No row: it needs none. When the
    organiser publishes without all of them booked, who said so and when is kept here."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="support_need")
    workers_needed = models.PositiveSmallIntegerField(default=0)
    short_confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    short_confirmed_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.activity}: {self.workers_needed} support workers"


class SupportBooking(models.Model):
    """One support worker or personal assistant booked for an activity, paid by the
    co-operative. Paying posts the cost to the ledger against the activity's branch."""

    class Role(models.TextChoices):
        SUPPORT_WORKER = "support_worker", "Support worker"
        PA = "pa", "Personal assistant"

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="support_bookings"
    )
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=16, choices=Role.choices)
    minutes = models.PositiveIntegerField(help_text="How long they are booked for.")
    cost_pence = models.PositiveIntegerField("cost (pence)")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    expense = models.OneToOneField(
        Expense, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0), name="events_supportbooking_some_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()}) for {self.activity}"

    @property
    def hours_words(self) -> str:
        hours, minutes = divmod(self.minutes, 60)
        text = f"{hours} hour{'s' if hours != 1 else ''}" if hours else ""
        if minutes:
            text = f"{text} {minutes} minutes".strip()
        return text
