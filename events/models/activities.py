"""An activity: what an organiser puts on, for members to book."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from members.models import Branch, User


def default_reminder_hours() -> list[int]:
    return [72, 24]


def places_left(places: int, taken: int) -> int:
    """Places still free: never below nought (an organiser may cut the places below those
    already booked). Every page, service and answer of the API that says how many places
    are left works it out here."""
    return max(places - taken, 0)


class Activity(models.Model):
    # What an organiser sets; the page's form and the API both take exactly these.
    EDITABLE_FIELDS = (
        "title",
        "summary",
        "description",
        "picture",
        "picture_alt",
        "branch",
        "starts_at",
        "ends_at",
        "meeting_point",
        "places",
        "cost_pence",
        "fee_pence",
        "booking_opens_at",
        "booking_closes_at",
        "cancel_by",
        "step_free",
        "accessible_toilet",
        "quiet_space",
        "guests_allowed",
        "guests_take_place",
    )
    TIME_FIELDS = ("starts_at", "ends_at", "booking_opens_at", "booking_closes_at", "cancel_by")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=120)
    summary = models.CharField(
        "easy-read summary",
        max_length=300,
        help_text="One or two short sentences. At most 15 words each.",
    )
    description = models.TextField("easy-read description", blank=True)
    picture = models.CharField(
        max_length=200, help_text="A picture from static/coop/pictures or static/events/."
    )
    picture_alt = models.CharField("what the picture shows", max_length=200)
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="activities")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    meeting_point = models.CharField(max_length=200)
    places = models.PositiveIntegerField()
    cost_pence = models.PositiveIntegerField("cost on the day (pence)", default=0)
    fee_pence = models.PositiveIntegerField("booking fee (pence)", default=0)
    booking_opens_at = models.DateTimeField()
    booking_closes_at = models.DateTimeField()
    cancel_by = models.DateTimeField("cancel by this time to get the fee back")
    step_free = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)
    quiet_space = models.BooleanField(default=False)
    guests_allowed = models.BooleanField(default=True)
    guests_take_place = models.BooleanField(
        default=False, help_text="Does a carer or family member use up one of the places?"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    reminder_hours = models.JSONField(
        default=default_reminder_hours,
        blank=True,
        help_text="When reminders go, in hours before the start. [72, 24] is 3 days and 1 day.",
    )
    cancelled_reason = models.CharField(max_length=300, blank=True)
    whats_on_round = models.ForeignKey(
        "WhatsOnRound",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        help_text='The "what is on" message that told members about it (once only).',
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["status", "starts_at"], name="events_activity_when_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="events_activity_ends_after_start",
                violation_error_message="The activity must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(booking_closes_at__lte=F("starts_at")),
                name="events_activity_booking_closes_before_start",
                violation_error_message="Booking must close before the activity starts.",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1),
                name="events_activity_has_places",
                violation_error_message="An activity needs at least 1 place.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def left(self) -> int:
        """Places left, from the `taken` the list selectors annotate (one query a list)."""
        return places_left(self.places, self.taken)

    @property
    def access_facts(self) -> list[str]:
        facts = []
        if self.step_free:
            facts.append("Step-free: no steps")
        if self.accessible_toilet:
            facts.append("Accessible toilet")
        if self.quiet_space:
            facts.append("Quiet space")
        return facts
