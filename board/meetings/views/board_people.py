"""Pages for the people around the board: partner organisations' seats, the co-chairs'
helper and their hours, training, and the easy-read pages about each role. The board
reads them; the co-chairs (and finance, for the helper's hours) add to them."""

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from board.meetings import people_forms as forms
from board.meetings import people_permissions as permissions
from board.meetings.permissions import can_read_meetings
from board.terms import people_selectors as selectors
from board.terms import people_services as services
from board.terms.people import PartnerSeat
from board.terms.roles import ROLES
from board.terms.selectors import co_chairs_on
from coop.errors import CoopError
from coop.forms import OnceForm
from coop.once import once_or_error
from members.views.common import role_required

read = role_required(can_read_meetings)


def _add(
    request: HttpRequest, form: OnceForm, make: Callable[[], str], to: str
) -> HttpResponse | None:
    """Make the thing once from a valid form, say so, and go back to `to`; None when the
    form has errors (then shown on the page)."""
    if not form.is_valid():
        return None

    def done() -> str:
        messages.success(request, make())
        return reverse(to)

    return once_or_error(request, form, done)


def _end_seat(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("seat", "")
    if not wanted.isdigit():
        messages.error(request, "Please choose which seat to end.")
        return redirect("board-partners")
    seat = get_object_or_404(PartnerSeat, pk=wanted)
    try:
        services.partner_seat_end(seat=seat, ends_on=timezone.localdate(), actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{seat.organisation}'s seat ends today.")
    return redirect("board-partners")


@read
@require_http_methods(["GET", "POST"])
def partner_seats(request: HttpRequest) -> HttpResponse:
    editor = permissions.can_manage_board_people(request.user)
    if request.method == "POST" and not editor:
        raise PermissionDenied
    if request.POST.get("form") == "end":
        return _end_seat(request)
    form = forms.PartnerSeatForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST":

        def make() -> str:
            seat = services.partner_seat_add(actor=request.user, **form.cleaned_data)
            return f"{seat.organisation} has a seat with the board."

        if done := _add(request, form, make, "board-partners"):
            return done
    today = timezone.localdate()
    return render(
        request,
        "board/people/partners.html",
        {"form": form if editor else None, "seats": selectors.partner_seats_on(today)},
    )


def _hours_forms(request: HttpRequest, may_enter: bool, may_add_helper: bool):
    kind = request.POST.get("form")
    today = timezone.localdate()
    hours = forms.HoursForm(request.POST if kind == "hours" else None, initial={"worked_on": today})
    helper = forms.HelperForm(
        request.POST if kind == "helper" else None, initial={"starts_on": today}
    )
    return (hours if may_enter else None), (helper if may_add_helper else None), kind


@role_required(permissions.can_see_helper_hours)
@require_http_methods(["GET", "POST"])
def helper_hours(request: HttpRequest) -> HttpResponse:
    may_enter = permissions.can_enter_helper_hours(request.user)
    may_add_helper = permissions.can_manage_board_people(request.user)
    if request.method == "POST" and not may_enter:
        raise PermissionDenied
    hours_form, helper_form, kind = _hours_forms(request, may_enter, may_add_helper)
    if kind == "helper" and helper_form is None:
        raise PermissionDenied
    if request.method == "POST" and kind == "hours":

        def make() -> str:
            data = hours_form.cleaned_data
            done = services.helper_hours_add(actor=request.user, **data)
            return f"Saved {done.helper.name}'s hours."

        if done := _add(request, hours_form, make, "board-helper"):
            return done
    elif request.method == "POST" and kind == "helper":

        def make() -> str:
            helper = services.helper_add(actor=request.user, **helper_form.cleaned_data)
            return f"{helper.name} is the co-chairs' helper."

        if done := _add(request, helper_form, make, "board-helper"):
            return done
    since = (timezone.localdate().replace(day=1) - dt.timedelta(days=150)).replace(day=1)
    return render(
        request,
        "board/people/helper.html",
        {
            "hours_form": hours_form,
            "helper_form": helper_form,
            # The bound one, if any: its errors make the page's title start "Error: ".
            "form": helper_form if kind == "helper" else hours_form,
            "helpers": selectors.helpers_on(timezone.localdate()),
            "months": selectors.helper_months(since=since),
            "recent": selectors.helper_hours_recent(since=timezone.localdate().replace(day=1)),
        },
    )


@read
@require_http_methods(["GET", "POST"])
def training(request: HttpRequest) -> HttpResponse:
    editor = permissions.can_manage_board_people(request.user)
    if request.method == "POST" and not editor:
        raise PermissionDenied
    form = forms.TrainingForm(request.POST or None)
    if request.method == "POST":

        def make() -> str:
            done = services.training_add(actor=request.user, **form.cleaned_data)
            return f"Saved the training: {done.what}."

        if done := _add(request, form, make, "board-training"):
            return done
    return render(
        request,
        "board/people/training.html",
        {"form": form if editor else None, "training": selectors.training_list(limit=50)},
    )


@role_required(permissions.can_read_roles)
def role_list(request: HttpRequest) -> HttpResponse:
    return render(request, "board/people/roles.html", {"roles": ROLES.values()})


@role_required(permissions.can_read_roles)
def role_detail(request: HttpRequest, role: str) -> HttpResponse:
    description = ROLES.get(role)
    if description is None:
        raise Http404
    return render(request, "board/people/role.html", {"role": description})


def board_page_extras(today: dt.date) -> dict:
    """What "Who is on the board" shows beside the terms: the partners' seats, the
    helper's hours this month and last, the newest training, and the role pages."""
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return {
        "co_chairs": co_chairs_on(today),
        "partner_seats": selectors.partner_seats_on(today),
        "helper_months": selectors.helper_months(since=last_month),
        "helpers": selectors.helpers_on(today),
        "training": selectors.training_list(limit=5),
        "roles": ROLES.values(),
    }
