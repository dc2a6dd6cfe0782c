"""The organiser books support workers for an activity: how many it needs, who is
booked, and paying them."""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from coop.errors import CoopError
from coop.once import once
from events import permissions, services
from events.models import Activity, SupportBooking
from events.support_forms import SupportBookingForm, SupportNeedForm, SupportPayForm
from events.views.paid import paid_once
from members.views.common import role_required

manage = role_required(permissions.can_manage_activities)


def _page(request: HttpRequest, activity: Activity, need_form, book_form) -> HttpResponse:
    needed, booked = services.support_short(activity)
    return render(
        request,
        "events/support.html",
        {
            "activity": activity,
            "needed": needed,
            "booked": booked,
            "short": max(needed - booked, 0),
            "bookings": [
                (b, SupportPayForm(prefix=f"pay{b.pk}"))
                for b in activity.support_bookings.select_related("expense")
            ],
            "need_form": need_form,
            "book_form": book_form,
        },
    )


def _need_saved(request: HttpRequest, activity: Activity, form: SupportNeedForm) -> bool:
    if not form.is_valid():
        return False
    try:
        services.support_need_set(
            activity=activity,
            workers_needed=form.cleaned_data["workers_needed"],
            actor=request.user,
        )
    except CoopError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, "Saved how many support workers it needs.")
    return True


def _booked(request: HttpRequest, activity: Activity, form: SupportBookingForm) -> str | None:
    """Where to go once the support worker is booked, or None with the error on the form."""
    if not form.is_valid():
        return None

    def book() -> str:
        made = services.support_booking_add(
            activity=activity, actor=request.user, **form.cleaned_data
        )
        messages.success(request, f"{made.name} is booked.")
        return reverse("activity-support", args=[activity.pk])

    try:
        return once(request, form, book)
    except CoopError as error:
        form.add_error(None, error.message)
        return None


@manage
@require_http_methods(["GET", "POST"])
def support(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    needed, _ = services.support_short(activity)
    need_form = SupportNeedForm(initial={"workers_needed": needed})
    book_form = SupportBookingForm()
    if request.method == "POST" and request.POST.get("do") == "need":
        need_form = SupportNeedForm(request.POST)
        if _need_saved(request, activity, need_form):
            return redirect("activity-support", pk=pk)
    elif request.method == "POST":
        book_form = SupportBookingForm(request.POST)
        if (where := _booked(request, activity, book_form)) is not None:
            return redirect(where)
    return _page(request, activity, need_form, book_form)


@manage
@require_POST
def support_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(SupportBooking, pk=pk)
    try:
        services.support_booking_cancel(booking=booking, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{booking.name} is no longer booked.")
    return redirect("activity-support", pk=booking.activity_id)


@manage
@require_POST
def support_pay(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(SupportBooking, pk=pk)
    return paid_once(
        request,
        booking,
        form_class=SupportPayForm,
        pay=partial(services.support_booking_pay, booking=booking),
        page="activity-support",
        done=f"Paying {booking.name} is in the books.",
    )
    form = SupportPayForm(request.POST, prefix=f"pay{booking.pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("activity-support", pk=booking.activity_id)
    try:
        services.support_booking_pay(booking=booking, actor=request.user, **form.cleaned_data)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Paying {booking.name} is in the books.")
    return redirect("activity-support", pk=booking.activity_id)
