"""Who came to a meeting, and the sitting fees board members are owed for coming."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from board.meetings.models.meetings import Meeting
from members.models import Member


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
