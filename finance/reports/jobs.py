"""The quarterly report made in the background from the finance page: a job is recorded
(finance.models.ReportJob), a task makes the report, telling the job each stage it
reaches, and the file is kept for board members and the finance officer to download."""

import logging
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError, NotAllowed
from coop.states import check_transition
from finance.errors import ReportError
from finance.models import ReportJob
from finance.quarters import Quarter
from finance.reports.figures import quarter_figures
from finance.reports.permissions import can_see_report
from finance.reports.render import check_version_and_format, render_report
from finance.reports.tasks import report_build

logger = logging.getLogger(__name__)

RECENT = 20


def report_job_create(
    *, quarter_text: str, version: str, file_format: str, actor: Actor
) -> ReportJob:
    """Record a report to make and queue the making of it (after commit).

    Raises NotAllowed for anyone but the board and the finance officer, and ReportError,
    in words, for a quarter that is not one or has not started, or an unknown version
    or format. Nothing is recorded when it raises."""
    if not can_see_report(actor):
        raise NotAllowed("Only the board and the finance officer can make this report.")
    quarter = Quarter.parse(quarter_text)
    if quarter.start > timezone.localdate():
        raise ReportError(
            f"{quarter.label} has not started yet. Choose a quarter that has started."
        )
    check_version_and_format(version, file_format)
    with transaction.atomic():
        job = ReportJob.objects.create(
            quarter=quarter.label, version=version, file_format=file_format, requested_by=actor
        )
        audit(
            actor=actor,
            action="report.requested",
            target=job,
            data={"quarter": quarter.label, "version": version, "format": file_format},
        )
        transaction.on_commit(partial(report_build.enqueue, job_id=job.pk))
    return job


def report_file_name(job: ReportJob) -> str:
    """ "quarterly-report-2026-Q3-easy-read.pdf": the name the file is kept and given by."""
    return f"quarterly-report-{job.quarter}-{job.version}.{job.file_format}"


def _move(job: ReportJob, to: str, **fields) -> None:
    check_transition(ReportJob.TRANSITIONS, job.status, to, what="report")
    job.status = to
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()


def report_job_run(*, job_id: int) -> ReportJob | None:
    """Make the report for a waiting job, recording each stage as it is reached; the job
    ends Ready with its file, or Failed with the reason in words. Safe to call again: a
    job already started or finished is left as it is. Raises nothing for a failed build."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != ReportJob.Status.WAITING:
            return job
        _move(
            job,
            ReportJob.Status.RUNNING,
            started_at=timezone.now(),
            stage="Starting",
            stages=["Starting"],
        )

    def progress(stage: str) -> None:
        # Committed at once (no transaction here) so the job's page sees it while it runs.
        job.stage = stage
        job.stages = [*job.stages, stage]
        ReportJob.objects.filter(pk=job.pk).update(stage=job.stage, stages=job.stages)

    try:
        figures = quarter_figures(Quarter.parse(job.quarter), progress=progress)
        content = render_report(
            figures, version=job.version, fmt=job.file_format, progress=progress
        )
        job.file.save(report_file_name(job), ContentFile(content), save=False)
    except CoopError as error:
        reason = error.message
    except Exception:
        logger.exception("Quarterly report job %s failed at %r", job.pk, job.stage)
        reason = (
            f"Something went wrong at the stage “{job.stage}”. "
            "Please try again. If it happens again, ask for help."
        )
    else:
        reason = ""
    with transaction.atomic():
        done = ReportJob.objects.select_for_update().get(pk=job.pk)
        end = ReportJob.Status.FAILED if reason else ReportJob.Status.READY
        fields = {
            "finished_at": timezone.now(),
            "stage": end.label,
            "stages": [*job.stages, end.label],
        }
        if reason:
            fields["error"] = reason[:500]
        else:
            fields["file"] = job.file.name
        _move(done, end, **fields)
    return done


def report_job_list(*, limit: int = RECENT) -> QuerySet[ReportJob]:
    """The most recent reports asked for, newest first."""
    return ReportJob.objects.select_related("requested_by")[:limit]
