"""Pages to write the papers: the standard version, the easy-read version in parts (with
the easy-read checker's advice), coop's own papers made again, and each paper as a PDF."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from board.meetings import forms, services
from board.meetings.models import PAPER_PICTURES, AgendaItem, Paper, PaperPart
from board.meetings.papers.pack import VERSION_LABELS, paper_pdf
from board.meetings.papers.text import blocks_of, plain_sentences
from board.meetings.services.rules import EDITABLE
from board.meetings.views.common import (
    can_edit,
    manage,
    meeting_for,
    pdf_response,
    read,
    version_asked,
)
from coop.easyread import easy_read_problems, sentence_checks
from coop.errors import CoopError
from coop.once import once_or_error


@manage
@require_POST
def meeting_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(pk)
    try:
        refreshed = services.papers_refresh(meeting=meeting, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"The website wrote {len(refreshed)} papers again from our records."
        )
    return redirect("meeting-detail", pk=meeting.pk)


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
        "alt": part.picture_alt,
        "checks": [c for c in sentence_checks(text) if c.problems],
        "overall": [p for p in easy_read_problems(text) if p.code == "hard_words"],
    }


@read
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
            "editable": can_edit(request)
            and paper.item.meeting.status in EDITABLE
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


@read
def paper_download(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _paper(pk)
    version = version_asked(request)
    try:
        content, filename = paper_pdf(paper, version)
    except CoopError as error:
        raise Http404 from error
    return pdf_response(content, filename)


@read
def paper_file(request: HttpRequest, pk: int) -> FileResponse:
    paper = _paper(pk)
    if not paper.standard_pdf:
        raise Http404
    return FileResponse(
        paper.standard_pdf.open("rb"),
        content_type="application/pdf",
        filename=f"paper-{paper.pk}.pdf",
    )
