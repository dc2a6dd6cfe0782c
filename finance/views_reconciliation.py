"""The finance officer's reconciliation page: what matches Stripe for a period, what does
not, a button to fetch from Stripe and match again, and a note to resolve each issue."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from coop.errors import CoopError
from finance import permissions, services
from finance.forms import IssueResolveForm, PeriodForm
from finance.models import ReconciliationIssue
from finance.quarters import Quarter
from members.views.common import role_required


def _this_quarter() -> dict[str, str]:
    quarter = Quarter.current()
    return {"from": quarter.start.isoformat(), "to": quarter.end.isoformat()}


# A quarter read before its first fetch from Stripe can have thousands of issues.
ISSUES_PER_PAGE = 25


def _note_form(issue: ReconciliationIssue, data=None) -> IssueResolveForm:
    return IssueResolveForm(data, prefix=_prefix(issue))


def _prefix(issue: ReconciliationIssue) -> str:
    return f"issue-{issue.pk}"


def _page(
    request: HttpRequest, period: PeriodForm, note_form: IssueResolveForm | None = None
) -> HttpResponse:
    report, rows, page = None, [], None
    if period.is_valid():
        report = services.reconciliation_report(
            start=period.cleaned_data["from"], end=period.cleaned_data["to"]
        )
        paginator = Paginator(report.unmatched, ISSUES_PER_PAGE)
        number = request.GET.get("page")
        if note_form is not None:  # show the page with the issue whose note was wrong
            at = next(
                (
                    i
                    for i, issue in enumerate(report.unmatched)
                    if _prefix(issue) == note_form.prefix
                ),
                0,
            )
            number = at // ISSUES_PER_PAGE + 1
        page = paginator.get_page(number)
        for issue in page.object_list:
            form = None
            if issue.pk is not None:
                wanted = note_form is not None and note_form.prefix == _prefix(issue)
                form = note_form if wanted else _note_form(issue)
            rows.append((issue, form))
    context = {
        "period_form": period,
        "note_form": note_form,
        # The page title starts "Error: " when either form has errors.
        "form": note_form if note_form is not None else period,
        "report": report,
        "rows": rows,
        "page": page,
        "query": urlencode({"from": period.data.get("from", ""), "to": period.data.get("to", "")}),
    }
    return render(request, "finance/reconciliation.html", context)


@role_required(permissions.is_finance)
@require_GET
def reconciliation(request: HttpRequest) -> HttpResponse:
    return _page(request, PeriodForm(request.GET or _this_quarter()))


@role_required(permissions.is_finance)
@require_POST
def reconciliation_run(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    start, end = form.cleaned_data["from"], form.cleaned_data["to"]
    try:
        services.stripe_payouts_fetch(actor=request.user)
        services.stripe_balance_fetch(start=start, end=end, actor=request.user)
        result = services.reconciliation_match(start=start, end=end, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        if result.all_matched:
            messages.success(request, "Done. Everything matches.")
        else:
            messages.info(request, f"Done. {len(result.unmatched)} things do not match yet.")
    query = urlencode({"from": start.isoformat(), "to": end.isoformat()})
    return redirect(f"{reverse('finance-reconciliation')}?{query}")


@role_required(permissions.is_finance)
@require_POST
def reconciliation_issue_resolve(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = get_object_or_404(ReconciliationIssue, pk=issue_id)
    period = PeriodForm(request.POST)
    note_form = _note_form(issue, request.POST)
    if not note_form.is_valid():
        period = PeriodForm(period.data if period.is_valid() else _this_quarter())
        return _page(request, period, note_form)
    try:
        services.reconciliation_issue_resolve(
            issue=issue, note=note_form.cleaned_data["note"], actor=request.user
        )
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Done. The issue is resolved with your note.")
    query = {"from": period.data.get("from", ""), "to": period.data.get("to", "")}
    return redirect(f"{reverse('finance-reconciliation')}?{urlencode(query)}")
