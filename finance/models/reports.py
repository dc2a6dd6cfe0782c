"""The record of a quarterly report being made (the report itself is finance.reports)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReportJob(models.Model):
    """One quarterly report being made in the background for a board member or the
    finance officer: the stage it has reached, and then its file or why it failed. The
    report's code is in finance.reports; this is only its record."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class Version(models.TextChoices):
        EASY_READ = "easy-read", "Easy read"
        STANDARD = "standard", "Standard"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        HTML = "html", "Web page"
        CSV = "csv", "Spreadsheet (CSV)"

    S = Status
    TRANSITIONS: dict[str, set[str]] = {
        S.WAITING: {S.RUNNING, S.FAILED},
        S.RUNNING: {S.READY, S.FAILED},
        S.READY: set(),
        S.FAILED: set(),
    }
    FINISHED = (S.READY, S.FAILED)

    quarter = models.CharField(max_length=7, help_text='Like "2026-Q3".')
    version = models.CharField(max_length=10, choices=Version.choices)
    file_format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING)
    stage = models.CharField(max_length=100, default="Waiting to start")
    # Every stage reached so far, in order, the last being the one it is at now.
    stages = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to="finance/reports/%Y/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["waiting", "running", "ready", "failed"]),
                name="finance_reportjob_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & Q(finished_at__isnull=False)),
                name="finance_reportjob_ready_has_file",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | (~Q(error="") & Q(finished_at__isnull=False)),
                name="finance_reportjob_failed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Quarterly report {self.quarter} ({self.version}, {self.file_format})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED
