"""Pages to plan a board meeting and write its agenda."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from board.meetings import forms, selectors, services
from board.meetings.models import AgendaItem, Meeting
from board.meetings.papers.pack import VERSION_LABELS
from board.meetings.services.rules import EDITABLE
from board.meetings.views.common import can_edit, manage, meeting_for, read
from board.terms.selectors import board_members_on
from coop.easyread import easy_read_problems
from coop.errors import CoopError
from coop.once import once_or_error


@read
def meeting_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.meetings_around(timezone.now())
    return render(
        request,
        "board/meetings/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "open_actions": selectors.open_action_count(),
            "to_do": selectors.packs_by_hand_count(),
            "can_edit": can_edit(request),
        },
    )


@manage
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
            messages.success(request, f"{meeting.title} is planned. Now add to the agenda.")
            return reverse("meeting-detail", args=[meeting.pk])

        if done := once_or_error(request, form, create):
            return done
    return render(request, "board/meetings/form.html", {"form": form, "meeting": None})


@manage
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(pk)
    initial = {
        k: getattr(meeting, k)
        for k in ("title", "starts_at", "place", "call_link", "pack_days_before")
    }
    initial["starts_at"] = timezone.localtime(meeting.starts_at)
    form = forms.MeetingForm(request.POST or None, initial=initial, planning=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The meeting is changed.")
            return redirect("meeting-detail", pk=meeting.pk)
    return render(request, "board/meetings/form.html", {"form": form, "meeting": meeting})


@read
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The editing page for those who edit; the reading page for the rest of the board."""
    meeting = meeting_for(pk)
    items = meeting.items.select_related("presenter", "suggestion__member").prefetch_related(
        "papers"
    )
    today = timezone.localdate()
    editor = can_edit(request)
    return render(
        request,
        "board/meetings/detail.html" if editor else "board/meetings/detail_read.html",
        {
            "meeting": meeting,
            "items": items,
            "Status": Meeting.Status,
            "versions": VERSION_LABELS,
            "editable": meeting.status in EDITABLE,
            "on_the_day": meeting.day <= today,
            "deliveries": (
                meeting.deliveries.select_related("member", "outbox_message") if editor else []
            ),
            "pack_due": meeting.starts_at - dt.timedelta(days=meeting.pack_days_before),
        },
    )


@manage
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(pk)
    form = forms.CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, actor=request.user, **form.cleaned_data)
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"{meeting.title} is cancelled.")
            return redirect("meeting-detail", pk=meeting.pk)
    return render(request, "board/meetings/cancel.html", {"form": form, "meeting": meeting})


@manage
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(pk)
    form = forms.ItemForm(request.POST or None, board=board_members_on(meeting.day))
    advice = []
    if request.method == "POST" and form.is_valid():

        def add() -> str:
            item = services.item_add(meeting=meeting, actor=request.user, **form.cleaned_data)
            messages.success(request, f"{item.title} is on the agenda.")
            return reverse("meeting-detail", args=[meeting.pk])

        if done := once_or_error(request, form, add):
            return done
    return render(
        request,
        "board/meetings/item_form.html",
        {"form": form, "meeting": meeting, "item": None, "advice": advice},
    )


@manage
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    meeting = item.meeting
    automatic = item.source != AgendaItem.Source.WRITTEN
    initial = {
        "title": item.title,
        "summary": item.summary,
        "presenter": item.presenter_id,
        "decision_needed": item.decision_needed,
        "confidential": item.confidential,
    }
    form = forms.ItemForm(
        request.POST or None,
        initial=initial,
        board=board_members_on(meeting.day),
        automatic=automatic,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=item, actor=request.user, **form.cleaned_data)
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The agenda item is changed.")
            return redirect("meeting-detail", pk=meeting.pk)
    return render(
        request,
        "board/meetings/item_form.html",
        {
            "form": form,
            "meeting": meeting,
            "item": item,
            "advice": easy_read_problems(item.summary),
        },
    )


@manage
@require_http_methods(["GET", "POST"])
def item_notes(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = forms.NotesForm(request.POST or None, initial={"notes": item.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=item, actor=request.user, notes=form.cleaned_data["notes"])
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The notes are saved.")
            return redirect("meeting-record", pk=item.meeting_id)
    return render(request, "board/meetings/item_notes.html", {"form": form, "item": item})
