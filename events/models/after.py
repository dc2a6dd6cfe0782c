"""After an activity: the organiser's evaluation, its photos, and members' feedback."""

import uuid

from django.db import models
from simple_history.models import HistoricalRecords

from events.models.activities import Activity
from events.models.bookings import Booking
from members.models import Member, User


class Evaluation(models.Model):
    """The organiser's short evaluation after an activity. One per activity."""

    activity = models.OneToOneField(Activity, on_delete=models.PROTECT, related_name="evaluation")
    came = models.PositiveIntegerField(default=0)
    no_shows = models.PositiveIntegerField(default=0)
    went_well = models.TextField("what went well", blank=True)
    went_badly = models.TextField("what did not go well", blank=True)
    incidents = models.TextField(blank=True)
    incident_for_board = models.BooleanField("the board should know", default=False)
    actual_cost_pence = models.PositiveIntegerField(null=True, blank=True)
    written_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Evaluation of {self.activity}"


def evaluation_photo_path(instance: "EvaluationPhoto", filename: str) -> str:
    """A name nobody can guess or read a person's name from; the extension is ours."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"evaluations/{instance.activity_id}/{uuid.uuid4().hex}.{extension}"


class EvaluationPhoto(models.Model):
    """A photo from an activity, for the board's evaluation. Every member in it is named,
    and each of them agreed to photos (the service refuses any other)."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField(upload_to=evaluation_photo_path)
    alt = models.CharField("what the photo shows", max_length=300)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the file as uploaded.")
    members = models.ManyToManyField(Member, blank=True, related_name="evaluation_photos")
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "digest"], name="events_evaluation_photo_once"
            )
        ]

    def __str__(self) -> str:
        return f"Photo from {self.activity}: {self.alt[:60]}"


class Feedback(models.Model):
    """A member's own say after an activity they came to. One per booking."""

    class Face(models.TextChoices):
        GOOD = "good", "Good"
        OK = "ok", "OK"
        NOT_GOOD = "not_good", "Not good"

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="feedback")
    face = models.CharField(max_length=8, choices=Face.choices)
    again = models.BooleanField("would go again")
    comment = models.TextField(blank=True, max_length=1000)
    written_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    on_behalf = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Feedback on {self.booking}"
