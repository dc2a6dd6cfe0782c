"""A member's place on an activity, and the private calendar link to their bookings."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from events.models.activities import Activity
from members.models import Member, User


class Booking(models.Model):
    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", "Place kept while paying by card"
        CONFIRMED = "confirmed", "Booked"
        WAITING = "waiting", "On the waiting list"
        OFFERED = "offered", "Offered a place"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Came"
        NO_SHOW = "no_show", "Did not come"

    class FeeStatus(models.TextChoices):
        NONE = "none", "No fee"
        AWAITING = "awaiting", "Not paid yet"
        HELD = "held", "Paid, to come back when you come"
        PART_REFUNDED = "part_refunded", "Part given back"
        REFUND_PENDING = "refund_pending", "Being paid back"
        REFUNDED = "refunded", "Paid back"
        KEPT = "kept", "Kept"
        WAIVED = "waived", "Waived"

    class PaymentMethod(models.TextChoices):
        NONE = "none", "No fee"
        CARD = "card", "Card"
        CASH = "cash", "Cash"
        WAIVED = "waived", "Waived"

    # Bookings holding places: these count against the activity's places.
    HOLDING = (
        Status.AWAITING_PAYMENT,
        Status.CONFIRMED,
        Status.OFFERED,
        Status.ATTENDED,
        Status.NO_SHOW,
    )
    # A member has at most one of these per activity.
    LIVE = (*HOLDING, Status.WAITING)

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="bookings")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(max_length=20, choices=Status.choices)
    guests = models.JSONField(
        default=list,
        blank=True,
        help_text='Guests coming with the member: [{"kind": "carer"|"family"|"support_worker"}]',
    )
    places_used = models.PositiveSmallIntegerField(default=1)
    # Seats on the activity's transport (0: they make their own way), and whether one is a
    # wheelchair space. Set when booked, counted under the activity's lock.
    travel_seats = models.PositiveSmallIntegerField(default=0)
    wheelchair_space = models.BooleanField(default=False)
    fee_pence = models.PositiveIntegerField(default=0)
    fee_status = models.CharField(max_length=16, choices=FeeStatus.choices, default=FeeStatus.NONE)
    payment_method = models.CharField(
        max_length=8, choices=PaymentMethod.choices, default=PaymentMethod.NONE
    )
    payment_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="finance.Payment for the fee"
    )
    refunded_pence = models.PositiveIntegerField(default=0)
    fee_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why a fee was waived, or why a kept fee was returned.",
    )
    fee_set_by_attendance = models.BooleanField(
        default=False,
        help_text="An unpaid fee was waived (came) or dropped (did not come) by the "
        "attendance mark; undoing the mark makes it due again.",
    )
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    booked_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    on_behalf = models.BooleanField(default=False)
    attendance_marked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member"],
                condition=Q(
                    status__in=[
                        "awaiting_payment",
                        "confirmed",
                        "offered",
                        "attended",
                        "no_show",
                        "waiting",
                    ]
                ),
                name="events_booking_one_live_per_member",
            ),
            models.CheckConstraint(
                condition=Q(refunded_pence__lte=F("fee_pence")),
                name="events_booking_refund_not_above_fee",
            ),
            models.UniqueConstraint(
                fields=["payment_id"],
                condition=Q(payment_id__isnull=False),
                name="events_booking_one_payment",
            ),
        ]
        indexes = [models.Index(fields=["activity", "status"], name="events_booking_status_idx")]

    def __str__(self) -> str:
        return f"{self.member} — {self.activity}"

    @property
    def guest_count(self) -> int:
        return len(self.guests)


class CalendarFeed(models.Model):
    """A member's private calendar link. The token is the only key: anyone holding the
    link can read the member's bookings, so making a new one stops the old link."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar link for {self.member}"


class ActivityPlaces(models.Model):
    """The places taken (`places_used` of its bookings in Booking.HOLDING) and the people
    waiting (its bookings in WAITING) on one activity, kept by the database as bookings
    are made, moved and changed (a trigger on events_booking, migration 0013), so a list of
    activities reads one row each instead of counting every booking (the API's list of 50
    counted about 2,100 bookings a page at `make bench`'s L). An activity nobody has booked
    has no row: read it as 0 and 0. Nothing in coop writes these rows itself."""

    activity = models.OneToOneField(
        "events.Activity", primary_key=True, on_delete=models.CASCADE, related_name="places_kept"
    )
    taken = models.IntegerField(default=0)
    waiting = models.IntegerField(default=0)

    class Meta:
        verbose_name_plural = "activity places"

    def __str__(self) -> str:
        return f"{self.taken} taken, {self.waiting} waiting"
