"""Pages for board meetings: plan, write the agenda and papers, send the pack, record the
meeting, approve and publish the minutes; the call list for packs; sitting fees.

Board members and administrators do the work; members see approved minutes; finance
sees and pays sitting fees. Confidential papers are only ever shown on board pages."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from board.meetings import forms, permissions, services
from board.meetings.papers.content import minutes_paper, open_actions_before, previous_meeting
from board.meetings.papers.pack import VERSION_LABELS, VERSIONS, minutes_pdf, pack_pdf, paper_pdf
from board.meetings.papers.text import blocks_of, plain_sentences
from board.meetings.services.packs import delivery_record, papers_send
from board.meetings.services.rules import EDITABLE
from board.models import (
    PAPER_PICTURES,
    Action,
    AgendaItem,
    BoardMembership,
    Meeting,
    PackDelivery,
    Paper,
    PaperPart,
    SittingFee,
)
from board.terms import services as term_services
from board.terms.selectors import board_members_on
from coop.easyread import easy_read_problems, sentence_checks
from coop.errors import CoopError
from coop.once import once_or_error
from members.views.common import role_required

manage = role_required(permissions.can_manage_meetings)


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting, pk=pk)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _version(request: HttpRequest) -> str:
    version = request.GET.get("version", "easy-read")
    if version not in VERSIONS:
        raise Http404
    return version


@manage
def meeting_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    meetings = Meeting.objects.order_by("-starts_at")
    return render(
        request,
        "board/meetings/list.html",
        {
            "upcoming": [m for m in meetings if m.starts_at >= now][::-1],
            "past": [m for m in meetings if m.starts_at < now],
            "open_actions": Action.objects.filter(done_at__isnull=True).count(),
            "to_do": PackDelivery.objects.filter(
                status__in=(
                    PackDelivery.Status.TO_CALL,
                    PackDelivery.Status.NO_ANSWER,
                    PackDelivery.Status.TO_PRINT,
                )
            ).count(),
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
    meeting = _meeting(pk)
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


@manage
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    items = meeting.items.select_related("presenter").prefetch_related("papers")
    today = timezone.localdate()
    return render(
        request,
        "board/meetings/detail.html",
        {
            "meeting": meeting,
            "items": items,
            "S": Meeting.Status,
            "versions": VERSION_LABELS,
            "editable": meeting.status in EDITABLE,
            "on_the_day": timezone.localtime(meeting.starts_at).date() <= today,
            "deliveries": meeting.deliveries.select_related("member", "outbox_message"),
            "pack_due": meeting.starts_at - dt.timedelta(days=meeting.pack_days_before),
        },
    )


@manage
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
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
@require_POST
def meeting_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    try:
        refreshed = services.papers_refresh(meeting=meeting, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"coop wrote {len(refreshed)} papers again from its records.")
    return redirect("meeting-detail", pk=meeting.pk)


@manage
@require_POST
def meeting_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    try:
        counts = papers_send(meeting=meeting, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        total = sum(counts.values())
        messages.success(
            request, f"The papers are sent to {total} board member{'s' if total != 1 else ''}."
        )
    return redirect("meeting-detail", pk=meeting.pk)


# --- Agenda items and papers ---------------------------------------------------------------


def _board_for(meeting: Meeting):
    return board_members_on(timezone.localtime(meeting.starts_at).date())


@manage
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = forms.ItemForm(request.POST or None, board=_board_for(meeting))
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
        request.POST or None, initial=initial, board=_board_for(meeting), automatic=automatic
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


def _paper(pk: int) -> Paper:
    return get_object_or_404(Paper.objects.select_related("item__meeting"), pk=pk)


@manage
@require_http_methods(["GET", "POST"])
def paper_new(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = forms.PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():

        def add() -> str:
            paper = services.paper_add(item=item, actor=request.user, **form.cleaned_data)
            messages.success(request, "The paper is added. Now write its easy-read version.")
            return reverse("paper-detail", args=[paper.pk])

        if done := once_or_error(request, form, add):
            return done
    return render(
        request, "board/meetings/paper_form.html", {"form": form, "item": item, "paper": None}
    )


@manage
@require_http_methods(["GET", "POST"])
def paper_edit(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _paper(pk)
    initial = {
        "title": paper.title,
        "confidential": paper.confidential,
        "standard_text": paper.standard_text,
    }
    form = forms.PaperForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_update(paper=paper, actor=request.user, **form.cleaned_data)
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The paper is changed.")
            return redirect("paper-detail", pk=paper.pk)
    return render(
        request,
        "board/meetings/paper_form.html",
        {"form": form, "item": paper.item, "paper": paper},
    )


def _checked(part: PaperPart) -> dict:
    text = plain_sentences(part.words)
    return {
        "part": part,
        "blocks": blocks_of(part.words, headings=False),
        "checks": [c for c in sentence_checks(text) if c.problems],
        "overall": [p for p in easy_read_problems(text) if p.code == "hard_words"],
    }


@manage
def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _paper(pk)
    parts = [_checked(part) for part in paper.parts.all()]
    return render(
        request,
        "board/meetings/paper.html",
        {
            "paper": paper,
            "parts": parts,
            "problems": sum(len(p["checks"]) + len(p["overall"]) for p in parts),
            "editable": paper.item.meeting.status in EDITABLE
            and paper.source == AgendaItem.Source.WRITTEN,
            "standard": blocks_of(paper.standard_text),
            "versions": VERSION_LABELS,
        },
    )


@manage
@require_http_methods(["GET", "POST"])
def part_edit(request: HttpRequest, pk: int, part_pk: int | None = None) -> HttpResponse:
    paper = _paper(pk)
    part = get_object_or_404(PaperPart, pk=part_pk, paper=paper) if part_pk else None
    initial = (
        {
            "heading": part.heading,
            "words": part.words,
            "picture": part.picture,
            "picture_alt": part.picture_alt,
        }
        if part
        else {}
    )
    form = forms.PartForm(request.POST or None, initial=initial)
    checked = None
    if request.method == "POST" and form.is_valid():

        def save() -> str:
            saved = services.part_save(
                paper=paper, part=part, actor=request.user, **form.cleaned_data
            )
            result = _checked(saved)
            if result["checks"] or result["overall"]:
                messages.warning(
                    request, "The part is saved. Some sentences may be hard to read: see below."
                )
                return reverse("paper-part", args=[paper.pk, saved.pk])
            messages.success(request, "The part is saved. It follows the easy-read rules.")
            return reverse("paper-detail", args=[paper.pk])

        if done := once_or_error(request, form, save):
            return done
    if part is not None and checked is None:
        checked = _checked(part)
    return render(
        request,
        "board/meetings/part_form.html",
        {
            "form": form,
            "paper": paper,
            "part": part,
            "checked": checked,
            "pictures": PAPER_PICTURES,
        },
    )


@manage
@require_POST
def part_delete(request: HttpRequest, pk: int, part_pk: int) -> HttpResponse:
    paper = _paper(pk)
    part = get_object_or_404(PaperPart, pk=part_pk, paper=paper)
    try:
        services.part_delete(part=part, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The part is taken out.")
    return redirect("paper-detail", pk=paper.pk)


@manage
def paper_download(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _paper(pk)
    version = _version(request)
    try:
        content, filename = paper_pdf(paper, version)
    except CoopError as error:
        raise Http404 from error
    return _pdf(content, filename)


@manage
def paper_file(request: HttpRequest, pk: int) -> FileResponse:
    paper = _paper(pk)
    if not paper.standard_pdf:
        raise Http404
    return FileResponse(
        paper.standard_pdf.open("rb"),
        content_type="application/pdf",
        filename=f"paper-{paper.pk}.pdf",
    )


# --- The pack ------------------------------------------------------------------------------


@manage
def meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    items = meeting.items.select_related("presenter").prefetch_related(
        Prefetch("papers", queryset=Paper.objects.prefetch_related("parts"))
    )
    version = request.GET.get("version", "easy-read")
    if version not in ("easy-read", "standard"):
        version = "easy-read"
    return render(
        request,
        "board/meetings/pack.html",
        {
            "meeting": meeting,
            "items": [
                {
                    "item": item,
                    "papers": [
                        {
                            "paper": p,
                            "blocks": blocks_of(p.standard_text),
                            "parts": [
                                {
                                    "part": part,
                                    "blocks": blocks_of(part.words, headings=False),
                                    "alt": part.picture_alt,
                                }
                                for part in p.parts.all()
                            ],
                        }
                        for p in item.papers.all()
                    ],
                }
                for item in items
            ],
            "version": version,
            "versions": VERSION_LABELS,
        },
    )


@manage
def meeting_pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    version = _version(request)
    return _pdf(pack_pdf(meeting, version), f"board-pack-{meeting.pk}-{version}.pdf")


# --- At the meeting ------------------------------------------------------------------------


@manage
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    current = dict(meeting.attendance.values_list("member_id", "status"))
    people = _board_for(meeting)
    known = {m.pk for m in people}
    people += [
        a.member for a in meeting.attendance.select_related("member") if a.member_id not in known
    ]
    form = forms.AttendanceForm(request.POST or None, people=people, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.attendance_save(
                meeting=meeting, statuses=form.statuses(), actor=request.user
            )
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            note = (
                f" {result['owed']} sitting fee{'s' if result['owed'] != 1 else ''} now owed."
                if result["owed"]
                else ""
            )
            messages.success(request, "Who came is saved." + note)
            return redirect("meeting-record", pk=meeting.pk)
    return render(request, "board/meetings/attendance.html", {"form": form, "meeting": meeting})


@manage
@require_http_methods(["GET", "POST"])
def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    items = list(meeting.items.all())
    people = _board_for(meeting)
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
            "carried": open_actions_before(meeting),
            "decision_form": decision_form,
            "action_form": action_form,
            "held": meeting.status == Meeting.Status.HELD,
            "previous": previous_meeting(meeting),
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


@manage
def actions_list(request: HttpRequest) -> HttpResponse:
    actions = Action.objects.select_related("owner", "meeting").order_by("done_at", "due_on")
    return render(
        request,
        "board/meetings/actions.html",
        {
            "open": [a for a in actions if a.done_at is None],
            "done": [a for a in actions if a.done_at is not None][:50],
            "today": timezone.localdate(),
        },
    )


@manage
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the previous meeting's minutes at this one."""
    meeting = _meeting(pk)
    before = previous_meeting(meeting)
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


# --- Minutes -------------------------------------------------------------------------------


def _minutes_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = _meeting(pk)
    if not permissions.can_see_minutes(request.user, meeting):
        raise Http404
    return meeting


def _for_members(request: HttpRequest) -> bool:
    return not permissions.can_manage_meetings(request.user)


@role_required(permissions.can_read_minutes)
def minutes_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "board/meetings/minutes_list.html",
        {
            "meetings": Meeting.objects.filter(status=Meeting.Status.MINUTES_APPROVED).order_by(
                "-starts_at"
            ),
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
    return _pdf(
        minutes_pdf(meeting, for_members=_for_members(request)), f"minutes-{meeting.pk}.pdf"
    )


# --- Packs to post and calls to make -------------------------------------------------------


@manage
def packs_to_do(request: HttpRequest) -> HttpResponse:
    D = PackDelivery.Status
    rows = PackDelivery.objects.select_related("member", "meeting").filter(
        status__in=(D.TO_CALL, D.NO_ANSWER, D.TO_PRINT)
    )
    to_print = [r for r in rows if r.status == D.TO_PRINT]
    printing: dict = {}
    for row in to_print:
        printing.setdefault((row.meeting, row.version), []).append(row)
    return render(
        request,
        "board/meetings/packs_to_do.html",
        {
            "calls": [r for r in rows if r.status != D.TO_PRINT],
            "to_print": to_print,
            "printing": [
                {"meeting": m, "version": v, "label": VERSION_LABELS[v], "count": len(rs)}
                for (m, v), rs in printing.items()
            ],
            "no_way": PackDelivery.objects.select_related("member", "meeting").filter(
                way=PackDelivery.Way.NONE, meeting__status=Meeting.Status.PAPERS_SENT
            ),
        },
    )


@manage
@require_POST
def pack_delivery(request: HttpRequest, pk: int, outcome: str) -> HttpResponse:
    delivery = get_object_or_404(PackDelivery, pk=pk)
    try:
        delivery_record(delivery=delivery, outcome=outcome.replace("-", "_"), actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{delivery.member.display_name}: saved.")
    return redirect("meeting-packs-to-do")


# --- Sitting fees --------------------------------------------------------------------------


@role_required(permissions.can_see_sitting_fees)
@require_http_methods(["GET", "POST"])
def sitting_fees(request: HttpRequest) -> HttpResponse:
    rate_form = forms.FeeRateForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST":
        if not permissions.can_set_sitting_fee(request.user):
            raise PermissionDenied
        if rate_form.is_valid():
            try:
                services.sitting_fee_rate_set(
                    amount_pence=rate_form.cleaned_data["amount"],
                    starts_on=rate_form.cleaned_data["starts_on"],
                    actor=request.user,
                )
            except CoopError as error:
                rate_form.add_error(None, error.message)
            else:
                messages.success(request, "The sitting fee is set.")
                return redirect("sitting-fees")
    fees = SittingFee.objects.select_related("member", "meeting", "paid_by")
    return render(
        request,
        "board/meetings/sitting_fees.html",
        {
            "rate": services.sitting_fee_rate_on(timezone.localdate()),
            "rate_form": rate_form if permissions.can_set_sitting_fee(request.user) else None,
            "owed": [f for f in fees if f.status == SittingFee.Status.OWED],
            "paid": [f for f in fees if f.status == SittingFee.Status.PAID][:100],
            "can_pay": permissions.can_pay_sitting_fees(request.user),
            "pay_form": forms.FeePayForm(),
        },
    )


@role_required(permissions.can_pay_sitting_fees)
@require_POST
def sitting_fee_pay(request: HttpRequest, pk: int) -> HttpResponse:
    fee = get_object_or_404(SittingFee.objects.select_related("member"), pk=pk)
    form = forms.FeePayForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please choose bank transfer or cash.")
        return redirect("sitting-fees")
    try:
        services.sitting_fee_pay(fee=fee, method=form.cleaned_data["method"], actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{fee.member.display_name}'s sitting fee is paid.")
    return redirect("sitting-fees")


# --- Who is on the board -------------------------------------------------------------------


@manage
@require_http_methods(["GET", "POST"])
def board_terms(request: HttpRequest) -> HttpResponse:
    form = forms.TermForm(
        request.POST if request.POST.get("form") == "add" else None,
        initial={"starts_on": timezone.localdate()},
    )
    if request.method == "POST" and request.POST.get("form") == "end":
        term = get_object_or_404(BoardMembership, pk=request.POST.get("term"))
        try:
            term_services.term_end(term=term, ends_on=timezone.localdate(), actor=request.user)
        except CoopError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{term.member.display_name}'s term ends today.")
        return redirect("board-terms")
    if request.method == "POST" and form.is_valid():

        def add() -> str:
            term = term_services.term_add(actor=request.user, **form.cleaned_data)
            messages.success(request, f"{term.member.display_name} is on the board.")
            return reverse("board-terms")

        if done := once_or_error(request, form, add):
            return done
    today = timezone.localdate()
    terms = BoardMembership.objects.select_related("member", "election")
    current = [t for t in terms if t.is_on(today)]
    return render(
        request,
        "board/meetings/terms.html",
        {
            "form": form,
            "current": current,
            "other": [t for t in terms if t not in current],
        },
    )
