"""The finance page for the quarterly report: ask for one, watch it being made (the page
checks again by itself, with or without JavaScript), download it; and the recent ones."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from coop.errors import CoopError
from finance.models import ReportJob
from finance.quarters import Quarter
from finance.reports.forms import ReportForm
from finance.reports.jobs import report_file_name, report_job_create, report_job_list
from finance.reports.permissions import can_see_report
from finance.reports.render import CONTENT_TYPES
from members.views.common import role_required

# Seconds between checks while a report is being made.
CHECK_EVERY = 5


@role_required(can_see_report)
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                job = report_job_create(
                    quarter_text=form.cleaned_data["quarter_text"],
                    version=form.cleaned_data["version"],
                    file_format=form.cleaned_data["file_format"],
                    actor=request.user,
                )
            except CoopError as error:
                form.add_error(form.quarter_field, error.message)
            else:
                return redirect("finance-report-job", job_id=job.pk)
    else:
        form = ReportForm(initial=_again(request))
    return render(
        request,
        "finance/reports/new.html",
        {"form": form, "jobs": report_job_list(), "previous": Quarter.current().previous()},
    )


def _again(request: HttpRequest) -> dict[str, str]:
    """The choices of an earlier report, from "Make it again" links."""
    initial = {}
    for name in ("quarter", "version", "file_format"):
        if value := request.GET.get(name, "").strip()[:20]:
            initial[name] = value
    return initial


@role_required(can_see_report)
@require_GET
def report_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(ReportJob.objects.select_related("requested_by"), pk=job_id)
    return render(
        request,
        "finance/reports/job.html",
        {"job": job, "quarter": Quarter.parse(job.quarter), "check_every": CHECK_EVERY},
    )


@role_required(can_see_report)
@require_GET
def report_download(request: HttpRequest, job_id: int) -> FileResponse:
    job = get_object_or_404(ReportJob, pk=job_id)
    if job.status != ReportJob.Status.READY or not job.file:
        raise Http404("This report is not ready.")
    fmt = job.file_format
    response = FileResponse(
        job.file.open("rb"),
        content_type=CONTENT_TYPES[fmt],
        as_attachment=fmt != "html",
        filename=report_file_name(job),
    )
    response["Cache-Control"] = "private, no-store"
    return response
