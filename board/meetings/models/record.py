"""What the board decided at a meeting and what people agreed to do."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from board.meetings.models.meetings import AgendaItem, Meeting
from members.models import Member


class Decision(models.Model):
    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed by everyone"
        VOTE = "vote", "Decided by a vote"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    wording = models.TextField()
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.AGREED)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        outcome="agreed",
                        votes_for__isnull=True,
                        votes_against__isnull=True,
                        abstentions__isnull=True,
                    )
                    | Q(
                        outcome="vote",
                        votes_for__isnull=False,
                        votes_against__isnull=False,
                        abstentions__isnull=False,
                    )
                ),
                name="board_decision_votes_only_for_a_vote",
            ),
        ]

    def __str__(self) -> str:
        return self.wording[:80]

    @property
    def carried(self) -> bool:
        return self.outcome == self.Outcome.AGREED or (self.votes_for or 0) > (
            self.votes_against or 0
        )


class Action(models.Model):
    """Something a person agreed to do. Open actions are on every later agenda as "actions
    from last time" until they are done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    what = models.TextField()
    owner = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="board_actions")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.what[:60]} ({self.owner.display_name}, by {self.due_on})"
