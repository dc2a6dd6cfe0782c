"""The well-being report: a page in easy read with its numbers in a table, and a CSV."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coop.errors import CoopError
from coop.spreadsheet import csv_text
from members.views.common import role_required
from wellbeing import report, services
from wellbeing.forms import TimingForm
from wellbeing.permissions import can_see_report, can_set_timing
from wellbeing.report_pdf import report_pdf

HIDDEN = f"Fewer than {report.SMALLEST}"
KEPT_BACK = "Not shown, so a small branch stays private"
HIDDEN_ANSWER = "Not shown, so a few people's answers stay private"


def _csv(found: report.Report) -> HttpResponse:
    rows: list[list[str | int]] = [["part", "question", "answer", "people", "number"]]
    for what, number in (("the first time", found.first), ("a later time", found.later)):
        shown = number if number >= report.SMALLEST else HIDDEN  # as on the page
        rows.append(["who answered", what, "", shown, shown])
    shown = found.paired if found.paired_shown else HIDDEN
    rows.append(["who answered", "both", "", shown, shown])
    for change in found.changes:
        for what in ("better", "same", "worse"):
            number = getattr(change, what) if change.shown else HIDDEN
            rows.append(
                [
                    "change",
                    change.question.text,
                    what,
                    change.people if change.shown else HIDDEN,
                    number,
                ]
            )
    for counts in found.later_counts:
        for choice, number in counts.shown_counts:
            rows.append(
                [
                    "later only",
                    counts.question.text,
                    choice.words,
                    counts.people if counts.shown else HIDDEN,
                    HIDDEN_ANSWER if number is None else number,
                ]
            )
    for branch in found.branches:
        for change in branch.changes:
            for what in ("better", "same", "worse"):
                shown = branch.shown and change.shown
                hidden = KEPT_BACK if change.kept_back else HIDDEN
                rows.append(
                    [
                        f"branch: {branch.name}",
                        change.question.text,
                        what,
                        change.people if shown else hidden,
                        getattr(change, what) if shown else hidden,
                    ]
                )
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="how-members-are.csv"'
    return response


def _with_bar(change: report.Change) -> dict:
    better, same = change.percent(change.better), change.percent(change.same)
    return {
        "change": change,
        "better_percent": better,
        "same_percent": same,
        "not_worse_percent": better + same,
        "worse_percent": max(0, 100 - better - same) if change.worse else 0,
    }


def timing_words(timing) -> str:
    """When members are asked, as the page and the PDF say it."""
    later, every = timing.later_after_months, timing.then_every_months
    return (
        f"Members are asked when they join. They are asked again {later} "
        f"month{pluralize(later)} later, then every {every} month{pluralize(every)}."
    )


VERSIONS = ("easy-read", "standard")


def _pdf(request: HttpRequest, found: report.Report) -> HttpResponse:
    version = request.GET.get("version", "easy-read")
    if version not in VERSIONS:
        messages.error(request, "We cannot make that version. Please choose easy read or standard.")
        return redirect(reverse("wellbeing-report"))
    pdf = report_pdf(found, timing_words(services.timing()), version=version)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "how-members-are" if version == "easy-read" else "wellbeing-report-standard"
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@role_required(can_see_report)
def wellbeing_report(request: HttpRequest) -> HttpResponse:
    found = report.build()
    if request.GET.get("format") == "csv":
        return _csv(found)
    if request.GET.get("format") == "pdf":
        return _pdf(request, found)
    return render(
        request,
        "wellbeing/report.html",
        {
            "report": found,
            "counts": report.who_answered(found),
            "changes": [_with_bar(change) for change in found.changes],
            "smallest": report.SMALLEST,
            "what_it_shows": report.WHAT_IT_SHOWS,
            "timing_words": timing_words(services.timing()),
            "can_set_timing": can_set_timing(request.user),
        },
    )


@role_required(can_set_timing)
@require_http_methods(["GET", "POST"])
def timing_set(request: HttpRequest) -> HttpResponse:
    """The board sets when members are asked again."""
    now = services.timing()
    initial = {
        "later_after_months": now.later_after_months,
        "then_every_months": now.then_every_months,
    }
    form = TimingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.timing_set(actor=request.user, **form.cleaned_data)
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Saved. Members are asked at the new times from now on.")
            return redirect(reverse("wellbeing-report"))
    return render(request, "wellbeing/timing.html", {"form": form})
