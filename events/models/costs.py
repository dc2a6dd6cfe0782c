"""What an activity costs: the planned and real cost lines (venue, transport, other; the
support line comes from the support bookings), grants that pay part of it, and whether
each person's fair share is charged as the cost on the day."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from events.models.activities import Activity
from finance.models import Expense, Income
from members.models import User


class CostLine(models.Model):
    """One cost of an activity, planned first, real when it is paid. Paying posts it to
    the ledger as spending against the activity's branch."""

    class Kind(models.TextChoices):
        VENUE = "venue", "Venue"
        TRANSPORT = "transport", "Transport"
        OTHER = "other", "Other"

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="cost_lines")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    what = models.CharField(
        "what it pays for", max_length=80, help_text='Easy words members read: "driver and fuel".'
    )
    supplier = models.CharField("who is paid", max_length=200, blank=True)
    planned_pence = models.PositiveIntegerField("planned cost (pence)")
    real_pence = models.PositiveIntegerField("real cost (pence)", null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
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
                condition=Q(expense__isnull=True) | Q(real_pence__gt=0),
                name="events_costline_paid_has_real_cost",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.activity}: {self.what}"


class CostGrant(models.Model):
    """A grant that pays part of an activity's cost: income to the activity's branch,
    taken off what each person's share would be."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="grants")
    source = models.CharField("who gave it", max_length=200)
    amount_pence = models.PositiveIntegerField()
    income = models.OneToOneField(Income, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.source} for {self.activity}"


class CostShare(models.Model):
    """Whether each person's fair share is charged as the activity's cost on the day
    (no row: it is not; the co-operative pays)."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="cost_share")
    charged = models.BooleanField(default=False)
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.activity}: share {'charged' if self.charged else 'not charged'}"
