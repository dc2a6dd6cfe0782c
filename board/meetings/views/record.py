"""Pages for what happened at a meeting (decisions and actions), the approval of the
minutes at a later meeting, and the minutes members read once approved."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from board.meetings import forms, permissions, selectors, services
from board.meetings.models import PAPER_PICTURES, Action, Meeting
from board.meetings.papers.minutes import minutes_paper
from board.meetings.papers.pack import minutes_pdf
from board.meetings.papers.text import blocks_of
from board.meetings.views.common import can_edit, manage, meeting_for, pdf_response, read
from board.terms.selectors import board_members_on
from coop.errors import CoopError
from coop.once import once_or_error
from members.views.common import role_required


@manage
@require_http_methods(["GET", "POST"])
def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(pk)
    items = list(meeting.items.all())
    people = board_members_on(meeting.day)
    decision_form = forms.DecisionForm(
        request.POST if request.POST.get("form") == "decision" else None,
        items=items,
        prefix="decision",
    )
    action_form = forms.ActionForm(
        request.POST if request.POST.get("form") == "action" else None,
        items=items,
        people=people,
        prefix="action",
    )
    by_pk = {i.pk: i for i in items}
    if request.method == "POST":
        form = decision_form if request.POST.get("form") == "decision" else action_form
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["item"] = by_pk.get(data.get("item"))

            def record() -> str:
                if form is decision_form:
                    services.decision_record(meeting=meeting, actor=request.user, **data)
                    messages.success(request, "The decision is recorded.")
                else:
                    services.action_add(meeting=meeting, actor=request.user, **data)
                    messages.success(request, "The action is recorded.")
                return reverse("meeting-record", args=[meeting.pk])

            if done := once_or_error(request, form, record):
                return done
    return render(
        request,
        "board/meetings/record.html",
        {
            "meeting": meeting,
            "items": items,
            "attendance": meeting.attendance.select_related("member"),
            "decisions": meeting.decisions.select_related("item"),
            "actions": meeting.actions.select_related("owner", "item"),
            "carried": selectors.open_actions_before(meeting),
            "decision_form": decision_form,
            "action_form": action_form,
            "held": meeting.status == Meeting.Status.HELD,
            "previous": selectors.previous_meeting(meeting),
        },
    )


@manage
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action, pk=pk)
    services.action_done(action=action, actor=request.user, note=request.POST.get("note", ""))
    messages.success(request, "The action is marked done.")
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/board/") else "meeting-actions")


@read
def actions_list(request: HttpRequest) -> HttpResponse:
    open_actions, done = selectors.action_list()
    return render(
        request,
        "board/meetings/actions.html",
        {
            "open": open_actions,
            "done": done,
            "today": timezone.localdate(),
            "can_edit": can_edit(request),
        },
    )


@manage
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the previous meeting's minutes at this one."""
    meeting = meeting_for(pk)
    before = selectors.previous_meeting(meeting)
    if before is None:
        messages.error(request, "There is no earlier meeting.")
    else:
        try:
            services.minutes_approve(meeting=before, at_meeting=meeting, actor=request.user)
        except CoopError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"The minutes of {before.title} are approved. Members can read them now."
            )
    return redirect("meeting-record", pk=meeting.pk)


def _minutes_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = meeting_for(pk)
    if not permissions.can_see_minutes(request.user, meeting):
        raise Http404
    return meeting


def _for_members(request: HttpRequest) -> bool:
    return not permissions.can_read_meetings(request.user)


@role_required(permissions.can_read_minutes)
def minutes_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "board/meetings/minutes_list.html",
        {
            "meetings": selectors.minutes_approved_list(),
        },
    )


@role_required(permissions.can_read_minutes)
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _minutes_meeting(request, pk)
    paper = minutes_paper(meeting, for_members=_for_members(request))
    return render(
        request,
        "board/meetings/minutes.html",
        {
            "meeting": meeting,
            "paper": paper,
            "parts": [
                {
                    "part": p,
                    "blocks": blocks_of(p.words, headings=False),
                    "alt": PAPER_PICTURES.get(p.picture, ""),
                }
                for p in paper.parts
            ],
            "approved": meeting.status == Meeting.Status.MINUTES_APPROVED,
        },
    )


@role_required(permissions.can_read_minutes)
def minutes_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _minutes_meeting(request, pk)
    return pdf_response(
        minutes_pdf(meeting, for_members=_for_members(request)), f"minutes-{meeting.pk}.pdf"
    )
