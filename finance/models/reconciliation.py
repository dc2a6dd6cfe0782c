"""Our copy of Stripe's balance history and payouts, and what matching them found."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from finance.models.payments import Payment, Refund


class StripeBalanceTransaction(models.Model):
    """Our copy of one line of Stripe's balance history, kept by its id (fetching the
    same period again updates it, never doubles it)."""

    stripe_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=40, db_index=True)
    source_id = models.CharField(max_length=255, blank=True, db_index=True)
    # Signed: a refund or a payout takes money out of the Stripe balance.
    amount_pence = models.IntegerField()
    fee_pence = models.IntegerField(default=0)
    net_pence = models.IntegerField()
    currency = models.CharField(max_length=3)
    created_at = models.DateTimeField(db_index=True)
    data = models.JSONField()
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.type} {self.stripe_id}: {self.amount_pence} {self.currency}"


class StripePayout(models.Model):
    """A payout from the Stripe balance to the bank, kept by its id."""

    stripe_id = models.CharField(max_length=255, unique=True)
    amount_pence = models.IntegerField()
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20)
    arrival_date = models.DateField()
    balance_transaction_id = models.CharField(max_length=255, blank=True)
    data = models.JSONField()
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["arrival_date", "id"]

    def __str__(self) -> str:
        return f"Payout {self.stripe_id}: {self.amount_pence} {self.currency} {self.status}"


class ReconciliationRun(models.Model):
    """Fetching Stripe's balance history for a period: where it got to, so a run that
    stopped part way resumes from there."""

    start = models.DateField()
    end = models.DateField()
    cursor = models.CharField(max_length=255, blank=True)
    pages = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=F("end")), name="finance_reconciliationrun_start_first"
            ),
            models.UniqueConstraint(
                fields=["start", "end"],
                condition=Q(finished_at__isnull=True),
                name="finance_reconciliationrun_one_open_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"Reconciliation {self.start} to {self.end}"


class ReconciliationIssue(models.Model):
    """Something that does not match between Stripe and our records, for the finance
    officer to look into and resolve with a note."""

    class Kind(models.TextChoices):
        NOT_OURS = "not_ours", "On Stripe, not in our records"
        MISSING_AT_STRIPE = "missing_at_stripe", "In our records, not on Stripe"
        AMOUNT_DIFFERS = "amount_differs", "The amounts are not the same"
        PAYOUT = "payout", "A payout that needs a look"

    key = models.CharField(max_length=300, unique=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    occurred_on = models.DateField(db_index=True)
    description = models.CharField(max_length=500)
    stripe_id = models.CharField(max_length=255, blank=True)
    ours_pence = models.IntegerField(null=True, blank=True)
    stripe_pence = models.IntegerField(null=True, blank=True)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refund = models.ForeignKey(
        Refund, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    found_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | ~Q(note=""),
                name="finance_reconciliationissue_resolved_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"
