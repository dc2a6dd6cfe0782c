"""The quarterly report's finance page: ask, watch it being made, download."""

import pytest
from django.urls import reverse

from finance.models import ReportJob
from finance.quarters import Quarter
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

S = ReportJob.Status
LAST_QUARTER = Quarter.current().previous().label
REFRESH = 'http-equiv="refresh"'


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def ask(client, capture, **data):
    fields = {"quarter": LAST_QUARTER, "version": "easy-read", "file_format": "pdf", **data}
    with capture(execute=True):
        return client.post(reverse("finance-reports"), fields)


def a_job(cast, **fields) -> ReportJob:
    """A job as the page sees it part way (the task has not run)."""
    defaults = {"quarter": LAST_QUARTER, "version": "standard", "file_format": "csv"}
    return ReportJob.objects.create(requested_by=cast.finance, **(defaults | fields))


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("board", "finance")] + ["outsider"])
def test_everyone_else_is_refused_every_page(client, cast, role):
    job = a_job(cast)
    client.force_login(cast.by_role(role))
    for name, args in [
        ("finance-reports", []),
        ("finance-report-job", [job.pk]),
        ("finance-report-download", [job.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403
    response = client.post(reverse("finance-reports"), {"quarter": LAST_QUARTER})
    assert response.status_code == 403 and ReportJob.objects.count() == 1


def test_signed_out_is_sent_to_sign_in(client):
    assert client.get(reverse("finance-reports")).status_code == 302


@pytest.mark.parametrize("role", ["board", "finance"])
def test_the_board_and_finance_see_the_form_with_recent_quarters(client, cast, role):
    client.force_login(cast.by_role(role))
    page = client.get(reverse("finance-reports")).content.decode()
    assert "<h1>Quarterly report</h1>" in page and "Make the report" in page
    for quarter in Quarter.recent(6):
        assert f'value="{quarter.label}"' in page
    assert f'value="{LAST_QUARTER}" id="id_quarter_1" checked>' in page
    assert 'value="easy-read" id="id_version_0" required checked>' in page


@pytest.mark.parametrize(
    ("fmt", "content_type", "start", "attachment"),
    [
        ("pdf", "application/pdf", b"%PDF", True),
        ("csv", "text/csv", b"section,item", True),
        ("html", "text/html; charset=utf-8", b"<!doctype html>", False),
    ],
)
def test_making_a_report_ends_ready_with_a_download_of_the_right_kind(
    client, cast, django_capture_on_commit_callbacks, fmt, content_type, start, attachment
):
    client.force_login(cast.board)
    response = ask(client, django_capture_on_commit_callbacks, file_format=fmt)
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("finance-report-job", args=[job.pk])
    assert job.status == S.READY

    page = client.get(response["Location"]).content.decode()
    assert "<h2>Ready</h2>" in page and REFRESH not in page and "Check again" not in page
    assert "report-progress.js" not in page
    download = reverse("finance-report-download", args=[job.pk])
    assert f'href="{download}"' in page

    client.force_login(cast.finance)
    got = client.get(download)
    assert got.status_code == 200 and got["Content-Type"] == content_type
    assert b"".join(got.streaming_content).lstrip().lower().startswith(start.lower())
    assert got["Content-Disposition"].startswith("attachment") is attachment
    assert f"quarterly-report-{LAST_QUARTER}-easy-read.{fmt}" in got["Content-Disposition"]


def test_a_typed_quarter_is_used(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.finance)
    ask(client, django_capture_on_commit_callbacks, quarter="other", other_quarter=" 2025-q1 ")
    assert ReportJob.objects.get().quarter == "2025-Q1"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quarter": "other", "other_quarter": "2026-Q9"}, "Write it like 2026-Q3"),
        ({"other_quarter": "summer"}, "Write it like 2026-Q3"),
        ({"quarter": "other", "other_quarter": ""}, "Please type the quarter, like 2026-Q3."),
        ({"quarter": "", "other_quarter": ""}, "Please choose a quarter, or type one."),
        ({"quarter": "1999-Q1"}, "Please choose one of the quarters listed, or type another."),
        ({"other_quarter": "2099-Q1"}, "2099-Q1 has not started yet."),
        ({"version": "huge"}, "Select a valid choice"),
    ],
)
def test_a_bad_quarter_is_explained_and_makes_nothing(
    client, cast, django_capture_on_commit_callbacks, data, message
):
    client.force_login(cast.finance)
    response = ask(client, django_capture_on_commit_callbacks, **data)
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert "<title>Error: " in page and 'class="error-summary"' in page
    assert not ReportJob.objects.exists()


def test_while_it_is_being_made_the_page_checks_again(client, cast):
    job = a_job(cast, status=S.RUNNING, stage="Drawing the charts", stages=["Starting"])
    client.force_login(cast.board)
    page = client.get(reverse("finance-report-job", args=[job.pk])).content.decode()
    assert f'<noscript><meta {REFRESH} content="5"></noscript>' in page
    assert "Now: <strong>Drawing the charts</strong>." in page
    assert f'<a href="{reverse("finance-report-job", args=[job.pk])}">Check again</a>' in page
    assert 'role="status" aria-live="polite"' in page and "report-progress.js" in page
    assert client.get(reverse("finance-report-download", args=[job.pk])).status_code == 404


def test_a_failed_report_says_why_and_stops_checking(
    client, cast, django_capture_on_commit_callbacks, monkeypatch
):
    from finance.reports import jobs

    def broken(*args, **kwargs):
        raise RuntimeError("no ink")

    monkeypatch.setattr(jobs, "render_report", broken)
    client.force_login(cast.finance)
    response = ask(client, django_capture_on_commit_callbacks)
    job = ReportJob.objects.get()
    assert job.status == S.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "<h2>Failed</h2>" in page and "<strong>Why:</strong> Something went wrong" in page
    assert REFRESH not in page and "Check again" not in page
    assert "Try to make it again" in page and f"quarter={LAST_QUARTER}" in page
    again = client.get(f"{reverse('finance-reports')}?quarter={LAST_QUARTER}&version=standard")
    assert 'value="standard" id="id_version_1" required checked>' in again.content.decode()
    assert client.get(reverse("finance-report-download", args=[job.pk])).status_code == 404


def test_the_recent_reports_are_listed(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.board)
    ask(client, django_capture_on_commit_callbacks, file_format="csv", version="standard")
    job = ReportJob.objects.get()
    page = client.get(reverse("finance-reports")).content.decode()
    assert "Reports made recently" in page
    assert f'href="{reverse("finance-report-job", args=[job.pk])}"' in page
    assert "Spreadsheet (CSV)" in page and "Ready" in page


def test_an_older_quarter_made_again_goes_in_the_box(client, cast):
    client.force_login(cast.finance)
    page = client.get(f"{reverse('finance-reports')}?quarter=2024-Q2").content.decode()
    assert 'value="other" id="id_quarter_6" checked>' in page
    assert 'name="other_quarter" value="2024-Q2"' in page


def test_a_missing_job_is_not_found(client, cast):
    client.force_login(cast.board)
    assert client.get(reverse("finance-report-job", args=[999])).status_code == 404
