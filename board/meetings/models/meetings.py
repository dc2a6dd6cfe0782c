"""A board meeting and its agenda.

A meeting moves planned → papers sent → held → minutes approved (or is cancelled before it
is held). The minutes of a meeting are approved at a later meeting; only then do members
see them. The notes of an item marked confidential stay with the board.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from members.models import Member


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        PAPERS_SENT = "papers_sent", "Papers sent"
        HELD = "held", "Held"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    call_link = models.URLField(
        blank=True, help_text="A video call link, if people can join that way."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    pack_days_before = models.PositiveSmallIntegerField(
        default=7, help_text="How many days before the meeting the papers go out."
    )
    papers_sent_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_at_meeting = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_approved_here",
        help_text="The later meeting that approved these minutes.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="minutes_approved", minutes_approved_at__isnull=False)
                | ~Q(status="minutes_approved"),
                name="board_meeting_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def day(self) -> dt.date:
        """The meeting's date where the co-operative is (who is on the board that day)."""
        return timezone.localdate(self.starts_at)


class AgendaItem(models.Model):
    class Source(models.TextChoices):
        WRITTEN = "written", "Written by the board"
        MINUTES = "minutes", "Minutes of the last meeting"
        ACTIONS = "actions", "Actions from last time"
        ACTIVITIES = "activities", "How our activities went"
        MONEY = "money", "Money"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="In easy read: what this item is about.")
    presenter = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_needed = models.BooleanField(default=False)
    confidential = models.BooleanField(
        default=False, help_text="Talked about in private: members see only the title."
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.WRITTEN)
    notes = models.TextField(blank=True, help_text="What was said, for the minutes.")
    # A member's proposal the board is asked to agree (board/meetings/services/proposals.py).
    suggestion = models.ForeignKey(
        "events.Suggestion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source"],
                condition=~Q(source="written"),
                name="board_agendaitem_one_automatic_item_each",
            ),
            models.UniqueConstraint(
                fields=["meeting", "suggestion"], name="board_agendaitem_proposal_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title
