"""Getting there and back: the vehicle an activity's organisers arrange, and the notes
that tell an organiser someone could not get a seat or a wheelchair space on it."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from events.models.activities import Activity
from members.models import Member, User


class Transport(models.Model):
    # What an organiser sets on the transport page; the form and the service take these.
    EDITABLE_FIELDS = (
        "kind",
        "seats",
        "wheelchair_spaces",
        "driver",
        "pickup_point",
        "pickup_at",
        "return_point",
        "return_at",
    )

    class Kind(models.TextChoices):
        MINIBUS = "minibus", "Minibus"
        ACCESSIBLE_MINIBUS = "accessible_minibus", "Accessible minibus (ramp or lift)"
        CAR = "car", "Car"
        TAXI = "taxi", "Taxi"
        ACCESSIBLE_TAXI = "accessible_taxi", "Accessible taxi (ramp)"
        COACH = "coach", "Coach"

    # Only these carry a wheelchair: a ramp or a lift, and room to fix the chair.
    ACCESSIBLE = (Kind.ACCESSIBLE_MINIBUS, Kind.ACCESSIBLE_TAXI)

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="transport")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    seats = models.PositiveSmallIntegerField(
        help_text="Everyone who travels, wheelchair users included. Not the driver."
    )
    wheelchair_spaces = models.PositiveSmallIntegerField(
        default=0, help_text="How many of the seats are spaces for a wheelchair."
    )
    driver = models.CharField("driver's name", max_length=100, blank=True)
    pickup_point = models.CharField("where it picks people up", max_length=200)
    pickup_at = models.DateTimeField("when it picks people up")
    return_point = models.CharField("where it brings people back to", max_length=200)
    return_at = models.DateTimeField("when it brings people back")
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "transport"
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="events_transport_has_seats",
                violation_error_message="The transport needs at least 1 seat.",
            ),
            models.CheckConstraint(
                condition=Q(wheelchair_spaces__lte=F("seats")),
                name="events_transport_spaces_within_seats",
                violation_error_message="There cannot be more wheelchair spaces than seats.",
            ),
            models.CheckConstraint(
                condition=Q(return_at__gt=F("pickup_at")),
                name="events_transport_returns_after_pickup",
                violation_error_message="It must bring people back after it picks them up.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.activity}"

    @property
    def kind_words(self) -> str:
        """The vehicle in a member's words: "minibus", "accessible taxi"."""
        return self.get_kind_display().split(" (")[0].lower()


class TransportAsk(models.Model):
    """Someone wanted to travel with us and there was no room: no seat, or (for a
    wheelchair user) no wheelchair space. The booking was not made; an organiser sees
    this until they deal with it (book them with their own way there, add a space) or the
    member books."""

    class Need(models.TextChoices):
        SEAT = "seat", "No seat left"
        WHEELCHAIR = "wheelchair", "No wheelchair space left"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="transport_asks")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="transport_asks")
    need = models.CharField(max_length=12, choices=Need.choices)
    asked_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    dealt_with_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member"],
                condition=Q(dealt_with_at__isnull=True),
                name="events_transportask_one_open_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_need_display()} on {self.activity}"
