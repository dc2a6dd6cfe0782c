"""The organiser's page of an activity's costs: planned and real cost lines, paying them,
grants, and whether each person's share is the cost on the day."""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from coop.errors import CoopError
from coop.once import once
from events import permissions, services
from events.cost_share import share_for
from events.models import Activity, CostLine
from events.support_forms import CostLineForm, CostPayForm, GrantForm, ShareForm
from events.views.paid import paid_once
from members.views.common import role_required

manage = role_required(permissions.can_manage_activities)


def _page(request: HttpRequest, activity: Activity, forms: dict) -> HttpResponse:
    share = share_for(activity)
    lines = [
        (line, CostPayForm(prefix=f"pay{line.pk}"))
        for line in activity.cost_lines.select_related("expense")
    ]
    support = activity.support_bookings.filter(status="booked").select_related("expense")
    return render(
        request,
        "events/costs.html",
        {
            "activity": activity,
            "share": share,
            "lines": lines,
            "support": support,
            "grants": activity.grants.all(),
            **forms,
        },
    )


def _made(request: HttpRequest, form, make) -> str | None:
    """Call `make` once for the form; where to go next, or None with the error on it."""
    if not form.is_valid():
        return None
    try:
        return once(request, form, make)
    except CoopError as error:
        form.add_error(None, error.message)
        return None


def _share_set(request: HttpRequest, activity: Activity, form: ShareForm) -> str | None:
    if not form.is_valid():
        return None
    try:
        services.cost_share_set(
            activity=activity, charged=form.cleaned_data["charged"], actor=request.user
        )
    except CoopError as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, "Saved who pays the share.")
    return reverse("activity-costs", args=[activity.pk])


@manage
@require_http_methods(["GET", "POST"])
def costs(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("branch"), pk=pk)
    charged = share_for(activity).charged
    forms = {
        "line_form": CostLineForm(),
        "grant_form": GrantForm(),
        "share_form": ShareForm(initial={"charged": "yes" if charged else "no"}),
    }
    here = reverse("activity-costs", args=[pk])
    do = request.POST.get("do") if request.method == "POST" else None
    where = None
    if do == "line":
        form = forms["line_form"] = CostLineForm(request.POST)

        def add_line() -> str:
            services.cost_line_add(activity=activity, actor=request.user, **form.cleaned_data)
            messages.success(request, "The cost is added.")
            return here

        where = _made(request, form, add_line)
    elif do == "grant":
        form = forms["grant_form"] = GrantForm(request.POST)

        def add_grant() -> str:
            fields = {**form.cleaned_data, "key": form.token}
            services.cost_grant_add(activity=activity, actor=request.user, **fields)
            messages.success(request, "The grant is in the books.")
            return here

        where = _made(request, form, add_grant)
    elif do == "share":
        forms["share_form"] = ShareForm(request.POST)
        where = _share_set(request, activity, forms["share_form"])
    if where is not None:
        return redirect(where)
    return _page(request, activity, forms)


@manage
@require_POST
def cost_pay(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(CostLine, pk=pk)
    return paid_once(
        request,
        line,
        form_class=CostPayForm,
        pay=partial(services.cost_line_pay, line=line),
        page="activity-costs",
        done=f"Paying for {line.what} is in the books.",
    )


@manage
@require_POST
def cost_remove(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(CostLine, pk=pk)
    try:
        services.cost_line_remove(line=line, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The cost for {line.what} is taken out.")
    return redirect("activity-costs", pk=line.activity_id)
