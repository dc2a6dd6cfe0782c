"""The people around the board who are not its voting members: partner organisations'
seats and the co-chairs' paid helper (with the hours they work); and the board's record
of the training its people have had."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from board.terms.models import TermQuerySet


class Held(models.Model):
    """A place held from one day (to another, or open): who made it, and the same reads
    as board terms (`TermQuerySet`: current on a day)."""

    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True


class PartnerSeat(Held):
    """A partner organisation's seat with the board (the council, the housing association,
    the charity) and the person who sits for it. A seat has no vote unless the board's
    rules give it one (`has_vote`); either way it never counts as a voting board member
    in elections, and only a seat with a vote counts in a vote at a meeting."""

    organisation = models.CharField(max_length=200)
    person_name = models.CharField("Who sits for it", max_length=200)
    has_vote = models.BooleanField(
        "Has a vote at board meetings",
        default=False,
        help_text="Only if the board's rules say so. Partners never vote in board elections.",
    )

    class Meta:
        ordering = ["organisation", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="board_partnerseat_ends_after_start",
            ),
            models.UniqueConstraint(
                Lower("organisation"),
                condition=Q(ends_on__isnull=True),
                name="board_partnerseat_one_open_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.person_name}"


class ChairsHelper(Held):
    """The co-chairs' paid helper: a person (who need not be a member) paid by the hour."""

    name = models.CharField(max_length=200)
    hourly_rate_pence = models.PositiveIntegerField()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="board_chairshelper_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class HelperHours(models.Model):
    """Time the helper worked on one day, and what for. `pay_pence` is the hours at the
    helper's rate on the day they were entered (a record for the board: finance pays the
    helper; nothing here posts to the ledger)."""

    helper = models.ForeignKey(ChairsHelper, on_delete=models.PROTECT, related_name="hours")
    worked_on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    what_for = models.CharField(max_length=200)
    pay_pence = models.PositiveIntegerField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-worked_on", "-pk"]
        verbose_name_plural = "helper hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=15, minutes__lte=720),
                name="board_helperhours_minutes_in_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.helper.name}, {self.worked_on}: {self.minutes} minutes"


class BoardTraining(models.Model):
    """Training the board's people had: what, when, and who went."""

    what = models.CharField(max_length=200)
    held_on = models.DateField()
    who = models.CharField(max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.what}, {self.held_on}"
