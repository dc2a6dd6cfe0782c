"""Making the quarterly report in the background: report_job_create and report_job_run."""

import pytest

from coop.errors import NotAllowed
from coop.models import AuditEntry
from finance.errors import ReportError
from finance.models import ReportJob
from finance.quarters import Quarter
from finance.reports import jobs
from finance.reports.jobs import report_job_create, report_job_run

pytestmark = pytest.mark.django_db

S = ReportJob.Status
LAST_QUARTER = Quarter.current().previous().label


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make(cast, capture, *, fmt="pdf", version="easy-read", actor=None) -> ReportJob:
    with capture(execute=True):
        job = report_job_create(
            quarter_text=LAST_QUARTER,
            version=version,
            file_format=fmt,
            actor=actor or cast.finance,
        )
    job.refresh_from_db()
    return job


def test_a_job_goes_through_its_stages_and_ends_ready_with_its_file(
    cast, django_capture_on_commit_callbacks
):
    job = make(cast, django_capture_on_commit_callbacks)
    assert job.status == S.READY and job.stage == "Ready" and job.finished_at
    assert job.stages == [
        "Starting",
        "Counting the money",
        "Counting the activities and members",
        "Drawing the charts",
        "Making the PDF",
        "Ready",
    ]
    with job.file.open("rb") as made:
        assert made.read(4) == b"%PDF"
    assert job.file.name.endswith(f"quarterly-report-{LAST_QUARTER}-easy-read.pdf")


def test_making_a_job_is_audited(cast, django_capture_on_commit_callbacks):
    job = make(cast, django_capture_on_commit_callbacks, fmt="csv", version="standard")
    [entry] = AuditEntry.objects.filter(action="report.requested")
    assert entry.actor == cast.finance and entry.target_id == str(job.pk)
    assert entry.data == {"quarter": LAST_QUARTER, "version": "standard", "format": "csv"}


def test_the_job_waits_until_the_request_is_committed(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = report_job_create(
            quarter_text=LAST_QUARTER, version="standard", file_format="csv", actor=cast.board
        )
    job.refresh_from_db()
    assert job.status == S.WAITING and len(callbacks) == 1


def test_running_a_job_twice_makes_it_once(cast, django_capture_on_commit_callbacks):
    job = make(cast, django_capture_on_commit_callbacks, fmt="csv", version="standard")
    name, stages = job.file.name, job.stages
    again = report_job_run(job_id=job.pk)
    assert (again.status, again.file.name, again.stages) == (S.READY, name, stages)
    assert report_job_run(job_id=job.pk + 1000) is None


def test_a_failing_build_ends_failed_with_the_reason(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("the printer caught fire")

    monkeypatch.setattr(jobs, "render_report", broken)
    job = make(cast, django_capture_on_commit_callbacks)
    assert job.status == S.FAILED and not job.file and job.finished_at
    assert "Counting the activities and members" in job.error and "try again" in job.error
    assert job.stages[-1] == "Failed"


@pytest.mark.parametrize(
    ("quarter", "version", "fmt", "message"),
    [
        ("2026-Q9", "standard", "pdf", "Write it like 2026-Q3"),
        ("next year", "standard", "pdf", "Write it like 2026-Q3"),
        (
            Quarter.current().label.replace(str(Quarter.current().year), "2099"),
            "standard",
            "pdf",
            "has not started yet",
        ),
        (LAST_QUARTER, "huge", "pdf", "easy-read or standard"),
        (LAST_QUARTER, "standard", "docx", "pdf, html or csv"),
    ],
)
def test_a_report_that_cannot_be_made_is_refused_and_nothing_is_recorded(
    cast, quarter, version, fmt, message
):
    with pytest.raises(ReportError, match=message):
        report_job_create(
            quarter_text=quarter, version=version, file_format=fmt, actor=cast.finance
        )
    assert not ReportJob.objects.exists()
    assert not AuditEntry.objects.filter(action="report.requested").exists()


@pytest.mark.parametrize("role", ["member", "organiser", "supporter", "outsider"])
def test_only_the_board_and_finance_may_make_one(cast, role):
    with pytest.raises(NotAllowed):
        report_job_create(
            quarter_text=LAST_QUARTER,
            version="standard",
            file_format="csv",
            actor=cast.by_role(role),
        )
    assert not ReportJob.objects.exists()
