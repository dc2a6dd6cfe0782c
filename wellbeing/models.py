"""A member's well-being answers: whether they agreed to answer, each time they are asked
(a round: the first when they join, the next after the time the board sets, then once a
year) and each answer. Answers are sensitive: they keep no history table, and go when the
member withdraws their agreement or asks to be forgotten."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from members.models import Member


class Consent(models.Model):
    """Whether the member agreed to answer. A "no" is kept too, so they are not asked to
    agree again each time (they can still change their mind)."""

    class Status(models.TextChoices):
        GIVEN = "given", "Agreed to answer"
        REFUSED = "refused", "Said no"
        WITHDRAWN = "withdrawn", "Stopped answering"

    TRANSITIONS = {
        Status.GIVEN: {Status.WITHDRAWN},
        Status.REFUSED: {Status.GIVEN},
        Status.WITHDRAWN: {Status.GIVEN},
    }

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="wellbeing")
    status = models.CharField(max_length=10, choices=Status.choices)
    changed_at = models.DateTimeField()
    # Who pressed the button: the member, or a supporter helping them.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.member} — {self.get_status_display()}"


class Timing(models.Model):
    """When members are asked again: the board sets it. One row (ONLY); none means the
    defaults."""

    ONLY = 1

    later_after_months = models.PositiveSmallIntegerField(
        default=6, help_text="How long after joining a member is asked the second time."
    )
    then_every_months = models.PositiveSmallIntegerField(
        default=12, help_text="How often they are asked after that."
    )
    changed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(later_after_months__gte=1, later_after_months__lte=60)
                & models.Q(then_every_months__gte=1, then_every_months__lte=60),
                name="wellbeing_timing_sensible",
            ),
            models.CheckConstraint(condition=models.Q(id=1), name="wellbeing_timing_one_row"),
        ]

    def __str__(self) -> str:
        return f"After {self.later_after_months} months, then every {self.then_every_months}"


class Round(models.Model):
    """One time a member is asked: number 1 when they join, then 2, 3 and so on."""

    class Status(models.TextChoices):
        ASKED = "asked", "Asked"
        STARTED = "started", "Started"
        FINISHED = "finished", "Finished"

    TRANSITIONS = {
        Status.ASKED: {Status.STARTED, Status.FINISHED},
        Status.STARTED: {Status.FINISHED},
        Status.FINISHED: set(),
    }

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="wellbeing_rounds")
    number = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKED)
    asked_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # Answered on the paper questionnaire and typed in by an organiser.
    on_paper = models.BooleanField(default=False)

    class Meta:
        ordering = ["member", "number"]
        constraints = [
            models.UniqueConstraint(fields=["member", "number"], name="wellbeing_round_once"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="wellbeing_round_from_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — time {self.number}"


class Answer(models.Model):
    """One answer: a choice's code (`choice`), the codes ticked (`ticked`, for "choose
    any"), or the member's own words (`words`). "I would rather not say" is the choice
    "not_say"."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=32)
    choice = models.CharField(max_length=32, blank=True)
    ticked = models.JSONField(default=list, blank=True)
    words = models.TextField(blank=True, max_length=2000)
    answered_at = models.DateTimeField()
    # A supporter who helped the member answer, or the organiser who typed in the paper.
    helped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "question"], name="wellbeing_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.question}"
