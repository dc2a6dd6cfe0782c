"""One word for one idea: an agenda item or a paper only the board sees is "private" on
every page and in every pack, never "(confidential)" on one page and "(private)" on the
next. Board members with a learning disability read these pages."""

import io
import re
from html import unescape

import pdfplumber
import pytest
from django.urls import reverse

from board.meetings import services
from board.meetings.papers.pack import PRIVATE_MARK, PRIVATE_NOTE, pack_pdf, paper_pdf
from board.models import Paper
from tests.board.meeting_helpers import editor, make_board, plan, written_paper

MARK = "A complaint (private: only for the board)"


@pytest.fixture
def private_paper(cast):
    make_board(cast)
    meeting = plan(cast)
    written_paper(cast, meeting, confidential=True, title="A complaint")
    services.papers_refresh(meeting=meeting, actor=cast.board)
    return Paper.objects.get(item__meeting=meeting, title="A complaint")


def _words(response) -> str:
    """The page's words as read, without its tags."""
    return unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


def _pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_a_private_item_and_its_paper_are_called_private_on_every_board_page(
    cast, client, private_paper
):
    assert PRIVATE_MARK == " (private: only for the board)"
    meeting = private_paper.item.meeting
    pack = reverse("meeting-pack", args=[meeting.pk])
    chair = editor(cast)
    pages = {
        "editing": (chair, reverse("meeting-detail", args=[meeting.pk])),
        "reading": (cast.board, reverse("meeting-detail", args=[meeting.pk])),
        "pack": (cast.board, pack),
        "pack, standard": (cast.board, pack + "?version=standard"),
        "paper": (cast.board, reverse("paper-detail", args=[private_paper.pk])),
        "paper form": (chair, reverse("paper-edit", args=[private_paper.pk])),
    }
    for name, (user, url) in pages.items():
        client.force_login(user)
        page = _words(client.get(url))
        assert "onfidential" not in page, name
        assert "(private)" not in page, name
        if name in ("editing", "reading", "pack", "pack, standard"):
            assert MARK in page, name
        if name in ("pack", "pack, standard", "paper"):
            assert PRIVATE_NOTE in page, name
    for name in ("editing", "reading"):  # the item's head and its paper's link
        client.force_login(pages[name][0])
        page = _words(client.get(pages[name][1]))
        assert page.count(PRIVATE_MARK) == 2, name


def test_the_pdf_packs_call_a_private_paper_private(cast, private_paper):
    meeting = private_paper.item.meeting
    for version in ("easy-read", "standard", "large-print"):
        alone, _ = paper_pdf(private_paper, version)
        for pdf in (pack_pdf(meeting, version), alone):
            flat = " ".join(_pdf_text(pdf).split())
            assert MARK in flat and PRIVATE_NOTE in flat, version
            assert "onfidential" not in flat, version
