"""Members' suggestions for activities, and who would like to go."""

from django.db import models

from members.models import Member, User


class Suggestion(models.Model):
    """A member's idea for an activity. Organisers or the board decide, with a reason."""

    class Status(models.TextChoices):
        OPEN = "open", "New idea"
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"
        NOT_NOW = "not_now", "Not now"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="suggestions")
    what = models.CharField(max_length=200)
    where = models.CharField(max_length=200, blank=True)
    when = models.CharField("roughly when", max_length=100, blank=True)
    cost_guess_pence = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
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
