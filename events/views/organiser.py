"""The organiser's pages: activities, who is coming, the waiting list, fees, and marking
attendance on the day from a phone."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coop.errors import CoopError
from coop.once import once
from coop.paging import page_of
from events import permissions, selectors, services
from events.fee_words import mark_news
from events.forms import ActivityForm, ReasonForm
from events.models import Activity, Booking
from events.register import register_item, register_rows
from events.services.booking_lock import activity_unless_draft
from finance.models import Refund
from finance.services import refund_cash_handed_back
from members.forms import MemberSearchForm
from members.selectors import member_search
from members.views.common import role_required

manage = role_required(permissions.can_manage_activities)


# Newest first, 50 a page: a federation runs thousands of activities over the years.
ACTIVITIES_PER_PAGE = 50


@manage
def activities(request: HttpRequest) -> HttpResponse:
    page, query = page_of(request, selectors.organiser_activity_list(), ACTIVITIES_PER_PAGE)
    return render(
        request,
        "events/organiser_activities.html",
        {"activities": page.object_list, "page": page, "query": query},
    )


@manage
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk) if pk else None
    form = ActivityForm(request.POST if request.method == "POST" else None, instance=activity)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ActivityForm.Meta.fields}

        def create() -> str:
            made = services.activity_create(actor=request.user, **fields)
            messages.success(request, "Saved as a draft. Publish it when it is ready.")
            return reverse("organiser-activity", args=[made.pk])

        try:
            if activity is None:
                return redirect(once(request, form, create))
            services.activity_update(activity=activity, actor=request.user, **fields)
            messages.success(request, "Saved.")
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            return redirect("organiser-activity", pk=activity.pk)
    return render(request, "events/activity_form.html", {"form": form, "activity": activity})


@manage
def activity_bookings(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        selectors.with_places(Activity.objects.select_related("branch")), pk=pk
    )
    bookings = list(selectors.activity_bookings(activity))
    groups = {
        "coming": [
            b
            for b in bookings
            if b.status
            in (
                Booking.Status.CONFIRMED,
                Booking.Status.AWAITING_PAYMENT,
                Booking.Status.ATTENDED,
                Booking.Status.NO_SHOW,
            )
        ],
        "offered": [b for b in bookings if b.status == Booking.Status.OFFERED],
        "waiting": [b for b in bookings if b.status == Booking.Status.WAITING],
        "cancelled": [b for b in bookings if b.status == Booking.Status.CANCELLED],
    }
    return render(
        request,
        "events/organiser_activity.html",
        {
            "activity": activity,
            "groups": groups,
            "reason_form": ReasonForm(),
            "can_waive": permissions.can_waive_fee(request.user),
        },
    )


@manage
@require_POST
def activity_publish(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    try:
        services.activity_publish(
            activity=activity,
            actor=request.user,
            without_support=request.POST.get("without_support") == "yes",
        )
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Published. Members can book it now.")
    return redirect("organiser-activity", pk=pk)


@manage
@require_http_methods(["GET", "POST"])
def activity_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    form.fields["reason"].label = "Why is it cancelled? Members will be told."
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_cancel(
                activity=activity, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except CoopError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, "Cancelled. Everyone is told and every fee comes back.")
            return redirect("organiser-activity", pk=pk)
    return render(request, "events/activity_cancel.html", {"activity": activity, "form": form})


def _booking_action(request: HttpRequest, pk: int, action, done: str = "") -> HttpResponse:
    """Do `action` to the booking and say what was done (`done` may name the member as
    {name}), or say in words why it could not be done."""
    booking = get_object_or_404(Booking.objects.select_related("member"), pk=pk)
    try:
        action(booking)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        if done:
            messages.success(request, done.format(name=booking.member.display_name))
    back = request.POST.get("back", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("organiser-activity", pk=booking.activity_id)


@manage
@require_POST
def record_cash(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_action(
        request,
        pk,
        lambda b: services.booking_record_cash(booking=b, actor=request.user),
        "Cash taken from {name}.",
    )


@role_required(permissions.can_waive_fee)
@require_POST
def waive_fee(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_action(
        request,
        pk,
        lambda b: services.booking_fee_waive(
            booking=b, actor=request.user, reason=request.POST.get("reason", "")
        ),
        "{name} does not need to pay the fee now.",
    )


@manage
@require_POST
def return_kept_fee(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_action(
        request,
        pk,
        lambda b: services.booking_kept_fee_return(
            booking=b, actor=request.user, reason=request.POST.get("reason", "")
        ),
        "{name}'s fee is being given back.",
    )


@manage
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    # Its title and start, in plain SQL, as the rows: the register is opened on the day.
    activity = activity_unless_draft(pk, ("title", "starts_at"))
    if activity is None:
        raise Http404
    # Each person's words, URLs and forms are written once in Python (events.register),
    # with the one CSRF token in every form: the register is long and opened on phones on
    # the day, and the template did all of this once per row before.
    early = timezone.now() < activity.starts_at
    csrf_token = get_token(request)
    rows = register_rows(activity.pk, reverse("attendance", kwargs={"pk": pk}))
    return render(
        request,
        "events/attendance.html",
        {
            "activity": activity,
            "items": [register_item(row, early=early, csrf_token=csrf_token) for row in rows],
            "early": early,
        },
    )


@manage
@require_POST
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    choice = request.POST.get("mark")
    if choice == "undo":
        return _booking_action(
            request, pk, lambda b: services.attendance_undo(booking=b, actor=request.user)
        )
    if choice not in ("here", "not_here"):
        messages.error(request, "Please press Here or Not here.")
        return _booking_action(request, pk, lambda b: None)
    return _booking_action(
        request,
        pk,
        lambda b: _marked(
            request,
            services.attendance_mark(
                booking=b,
                actor=request.user,
                attended=choice == "here",
                early=request.POST.get("early") == "yes",
            ),
        ),
    )


def _marked(request: HttpRequest, booking: Booking) -> None:
    """Say what the press did, and what happened to the fee."""
    messages.success(request, mark_news(booking))


@manage
def book_for(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the member to book for (someone who rang up, say), then book as usual."""
    activity = get_object_or_404(Activity, pk=pk, status=Activity.Status.PUBLISHED)
    form = MemberSearchForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    members = member_search(q=q, status="active")[:30] if q else []
    return render(
        request,
        "events/book_for.html",
        {"activity": activity, "form": form, "members": members, "q": q},
    )


@manage
@require_POST
def cash_given_back(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser handed the cash fee back to a member who came, and ticks it."""

    def hand_back(booking: Booking) -> None:
        refund = Refund.objects.filter(payment_id=booking.payment_id, status="to_hand_back").first()
        if refund is None:
            raise CoopError("There is no cash to give back for this booking.")
        refund_cash_handed_back(refund=refund, actor=request.user)

    return _booking_action(request, pk, hand_back, "Cash given back to {name}.")
