"""The board's page of activity numbers, in easy read."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from events.demand import unmet_demand
from events.permissions import can_see_summary
from events.summary import activity_summary
from events.summary_forms import SummaryFilterForm, default_window
from finance.reports.figures import FEE_KEPT_RULE
from members.views.common import role_required


@role_required(can_see_summary)
def activity_summary_page(request: HttpRequest) -> HttpResponse:
    if request.GET:
        form = SummaryFilterForm(request.GET)
    else:
        start, end = default_window()
        form = SummaryFilterForm({"date_from": start.isoformat(), "date_to": end.isoformat()})
    summary = activity_summary(**form.window()) if form.is_valid() else None
    demand = unmet_demand(start=form.window()["start"]) if form.is_valid() else None
    return render(
        request,
        "events/activity_summary.html",
        {"form": form, "summary": summary, "fee_kept_rule": FEE_KEPT_RULE, "demand": demand},
    )
