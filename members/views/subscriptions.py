"""The board sets each branch's yearly subscription and waives it for members in
hardship."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from coop.errors import CoopError
from coop.money import format_pence
from members import permissions, selectors, services
from members.forms import SubscriptionForm, WaiverForm
from members.views.common import role_required


@role_required(permissions.can_manage_subscriptions)
@require_http_methods(["GET", "POST"])
def subscriptions(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if posted else None
    amount_form = SubscriptionForm(
        posted if which == "amount" else None, prefix="amount", initial={"year": year}
    )
    waiver_form = WaiverForm(
        posted if which == "waiver" else None, prefix="waiver", initial={"year": year}
    )
    if which == "amount" and amount_form.is_valid():
        data = amount_form.cleaned_data
        services.subscription_set(
            branch=data["branch"],
            year=data["year"],
            amount_pence=data["amount_pence"],
            actor=request.user,
        )
        messages.success(
            request,
            f"{data['branch']} {data['year']}: {format_pence(data['amount_pence'])} a year.",
        )
        return redirect("subscriptions")
    if which == "waiver" and waiver_form.is_valid():
        data = waiver_form.cleaned_data
        try:
            services.subscription_waive(
                member=data["member"], year=data["year"], reason=data["reason"], actor=request.user
            )
        except CoopError as error:
            waiver_form.add_error("reason", error.message)
        else:
            messages.success(request, f"Waived for {data['member'].display_name}.")
            return redirect("subscriptions")
    return render(
        request,
        "members/subscriptions.html",
        {
            "year": year,
            "rows": [
                {"branch": now["branch"], "this": now["subscription"], "next": nxt["subscription"]}
                for now, nxt in zip(
                    selectors.subscriptions_for_year(year),
                    selectors.subscriptions_for_year(year + 1),
                    strict=True,
                )
            ],
            "waivers": selectors.waivers_for_year(year),
            "amount_form": amount_form,
            "waiver_form": waiver_form,
            "form": amount_form if amount_form.errors else waiver_form,
        },
    )
