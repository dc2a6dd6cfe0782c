"""Members' suggestions for activities, and who would like to go."""

from django.db import models

from members.models import Member, User


class BoardAnswer(models.TextChoices):
    YES = "yes", "Yes"
    CHANGES = "changes", "Yes, with changes"
    NOT_NOW = "not_now", "Not now"


class Suggestion(models.Model):
    """A member's idea for an activity. Organisers or the board decide, with a reason."""

    class Status(models.TextChoices):
        OPEN = "open", "New idea"
        AGENDA = "agenda", "Waiting for the board"
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"
        NOT_NOW = "not_now", "Not now"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="suggestions")
    what = models.CharField(max_length=200)
    where = models.CharField(max_length=200, blank=True)
    when = models.CharField("roughly when", max_length=100, blank=True)
    cost_guess_pence = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    # A proposal: the member asks the board to agree it (events/services/proposals.py).
    to_board = models.BooleanField(default=False)
    wants_to_lead = models.BooleanField(default=False)
    answer = models.CharField(max_length=8, choices=BoardAnswer.choices, blank=True)
    changes = models.CharField("easy-read changes", max_length=300, blank=True)
    activity = models.ForeignKey(
        "events.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField("easy-read reason", max_length=300, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.what


class SuggestionInterest(models.Model):
    """A member who would like to go. Once per member, enforced by the database."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="interests")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "member"], name="events_suggestion_interest_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} would like to go: {self.suggestion}"
