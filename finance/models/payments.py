"""Money members pay and get back: payments, refunds, and the Stripe events that told us
about them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from members.models import Branch, Member


class Method(models.TextChoices):
    CARD = "card", "Card"
    CASH = "cash", "Cash"


class Payment(models.Model):
    """Money a member pays for something named by `reference` (e.g. "booking:123")."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        SUCCEEDED = "succeeded", "Paid"
        FAILED = "failed", "Did not go through"
        CANCELLED = "cancelled", "Stopped"

    # A pending or succeeded payment holds its reference: a second one would charge twice.
    LIVE = (Status.PENDING, Status.SUCCEEDED)

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="payments")
    reference = models.CharField(
        max_length=100, db_index=True, help_text='What it is for, e.g. "booking:123".'
    )
    description = models.CharField(max_length=200, help_text="What it is for, in words.")
    # The branch whose money it is (an activity's branch); none for the whole co-operative.
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(max_length=8, choices=Method.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    amount_pence = models.PositiveIntegerField()
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_charge_id = models.CharField(max_length=255, blank=True, db_index=True)
    # Stripe.js needs it on the payment page; it can only confirm this one intent.
    client_secret = models.CharField(max_length=255, blank=True)
    # When someone last began asking Stripe for this payment's intent, so that callers
    # arriving at the same moment do not each make one.
    intent_requested_at = models.DateTimeField(null=True, blank=True)
    next_url = models.CharField(
        max_length=500, blank=True, help_text="The page on this site to go to after paying."
    )
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["client_secret"])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=Q(status__in=["pending", "succeeded"]),
                name="finance_payment_once_per_reference",
            ),
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="finance_payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="succeeded") | Q(succeeded_at__isnull=False),
                name="finance_payment_succeeded_has_time",
            ),
            # Lets each refund's copy of the amount be a foreign key to the real one (see
            # migration 0002), so the copy cannot lie.
            models.UniqueConstraint(
                fields=["id", "amount_pence"], name="finance_payment_id_amount"
            ),
        ]

    def __str__(self) -> str:
        return f"Payment {self.pk}: {self.amount_pence}p {self.method} {self.status}"


class Refund(models.Model):
    """Money going back for a payment: by card through Stripe's Refunds API, or as cash
    handed back. `external` refunds were made in Stripe's dashboard and seen by webhook."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being sent"
        SUCCEEDED = "succeeded", "Paid back"
        FAILED = "failed", "Did not go through"
        TO_HAND_BACK = "to_hand_back", "Cash to hand back"

    # Money that has gone back or is on its way: it counts against what is left to refund.
    OPEN = (Status.PENDING, Status.TO_HAND_BACK)
    COUNTED = (*OPEN, Status.SUCCEEDED)

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount_pence = models.PositiveIntegerField()
    # A copy of payment.amount_pence, so one CheckConstraint can hold the refund to it.
    payment_amount_pence = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices)
    method = models.CharField(max_length=8, choices=Method.choices)
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    reason = models.CharField(max_length=500)
    external = models.BooleanField(
        default=False, help_text="Made in Stripe's dashboard, not through coop."
    )
    attempts = models.PositiveIntegerField(default=0)
    # Set while a worker is sending this refund to Stripe, so two never send it at once.
    sending_since = models.DateTimeField(null=True, blank=True)
    # When the task worker tries a failed attempt again (back-off); empty once it stops
    # trying by itself and the finance page's "Try again now" is the way left.
    next_try_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__lte=F("payment_amount_pence")),
                name="finance_refund_not_above_payment",
            ),
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="finance_refund_amount_positive"
            ),
            # One open coop refund per payment at a time (waiting to be sent or handed
            # back), so a repeated request cannot make two; once it has finished, what is
            # left of the payment can go back as its own refund.
            models.UniqueConstraint(
                fields=["payment"],
                condition=Q(external=False) & Q(status__in=["pending", "to_hand_back"]),
                name="finance_refund_one_open_per_payment",
            ),
            models.CheckConstraint(
                condition=~Q(status="succeeded") | Q(succeeded_at__isnull=False),
                name="finance_refund_succeeded_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Refund {self.pk}: {self.amount_pence}p {self.method} {self.status}"


class StripeEvent(models.Model):
    """A webhook delivery from Stripe, stored once by its id and processed once."""

    stripe_event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.type} {self.stripe_event_id}"
