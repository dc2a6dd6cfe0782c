"""Pages for the pack: sending the papers, the pack on screen and as a PDF, and the list
of packs to post and calls to make."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from board.meetings import selectors
from board.meetings.models import PackDelivery, Paper, PaperPart
from board.meetings.pack_cache import pack_html
from board.meetings.papers.cards import part_card
from board.meetings.papers.pack import VERSION_LABELS, pack_pdf
from board.meetings.papers.text import blocks_html, blocks_of
from board.meetings.services.packs import delivery_record, papers_send, send_refusal
from board.meetings.views.common import manage, meeting_for, pdf_response, read, version_asked
from coop.errors import CoopError


@manage
@require_http_methods(["GET", "POST"])
def meeting_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (the papers go to every board member and cannot be called back), then
    sends them."""
    meeting = meeting_for(pk)
    if request.method == "GET":
        if refusal := send_refusal(meeting):
            messages.error(request, refusal)
            return redirect("meeting-detail", pk=meeting.pk)
        return render(request, "board/meetings/send.html", {"meeting": meeting})
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


@read
def meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(pk)
    version = request.GET.get("version", "easy-read")
    if version not in ("easy-read", "standard"):
        version = "easy-read"

    def make() -> str:
        # The meeting read again: what is kept must come from rows read after the cache's
        # generation (board/meetings/pack_cache.py), and `meeting` was read before it.
        meeting = meeting_for(pk)
        items = list(meeting.items.order_by("position", "pk").select_related("presenter"))
        papers = _pack_papers(items, easy_read=version == "easy-read")
        return render_to_string(
            "board/meetings/pack_content.html",
            {
                "meeting": meeting,
                "items": [{"item": item, "papers": papers.get(item.pk, [])} for item in items],
                "version": version,
                "versions": VERSION_LABELS,
            },
        )

    content = mark_safe(pack_html(meeting.pk, version, make))  # noqa: S308 - a template's
    return render(request, "board/meetings/pack.html", {"meeting": meeting, "content": content})


def _pack_papers(items: list, *, easy_read: bool) -> dict[int, list[dict]]:
    """Each item's papers, in order, as the pack shows them: plain values in two queries
    (papers, then their parts, each sorted by its own columns: the models' orderings start
    with their parent and join every table up to the meeting). Only the version shown is
    read and turned into blocks."""
    text = () if easy_read else ("standard_text", "standard_pdf")
    rows = Paper.objects.filter(item__in=items).order_by("pk")
    papers = list(rows.values("pk", "item_id", "title", "confidential", *text))
    cards: dict[int, list[str]] = {}
    if easy_read:
        parts = PaperPart.objects.filter(paper_id__in=[p["pk"] for p in papers])
        for part in parts.order_by("position", "pk").values_list(
            "paper_id", "picture", "heading", "picture_alt", "words"
        ):
            paper_id, picture, heading, alt, words = part
            cards.setdefault(paper_id, []).append(
                part_card(picture, heading, alt, blocks_of(words, headings=False))
            )
    by_item: dict[int, list[dict]] = {}
    for paper in papers:
        by_item.setdefault(paper["item_id"], []).append(_pack_paper(paper, cards))
    return by_item


def _pack_paper(paper: dict, cards: dict[int, list[str]]) -> dict:
    if "standard_text" in paper:
        return {"paper": paper, "standard": blocks_html(blocks_of(paper["standard_text"]))}
    # Each part's card written in Python (the cards _parts.html would print, and its last
    # newline), not through an include and a filter a part.
    mine = cards.get(paper["pk"], [])
    html = mark_safe("".join(mine) + "\n")  # noqa: S308 - part_card escapes every text
    return {"paper": paper, "cards": html, "has_parts": bool(mine)}


@read
def meeting_pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(pk)
    version = version_asked(request)
    return pdf_response(pack_pdf(meeting, version), f"board-pack-{meeting.pk}-{version}.pdf")


@manage
def packs_to_do(request: HttpRequest) -> HttpResponse:
    rows = selectors.packs_by_hand()
    to_print = [r for r in rows if r.status == PackDelivery.Status.TO_PRINT]
    printing: dict = {}
    for row in to_print:
        printing.setdefault((row.meeting, row.version), []).append(row)
    return render(
        request,
        "board/meetings/packs_to_do.html",
        {
            "calls": [r for r in rows if r.status != PackDelivery.Status.TO_PRINT],
            "to_print": to_print,
            "printing": [
                {"meeting": m, "version": v, "label": VERSION_LABELS[v], "count": len(rs)}
                for (m, v), rs in printing.items()
            ],
            "no_way": selectors.packs_no_way(),
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
