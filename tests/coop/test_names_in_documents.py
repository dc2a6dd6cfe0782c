"""A name with an emoji, right-to-left marks, Chinese letters or combining accents prints in
every document coop makes, instead of stopping it: the register, the sign-in letter, the
day's letters, reminder and what's-on letters, the board pack, the minutes and the
quarterly report."""

import io
import unicodedata
from collections.abc import Callable

import pdfplumber
import pytest
from django.test import Client
from django.urls import reverse

from board.meetings.papers.pack import VERSIONS as PACK_VERSIONS
from board.meetings.papers.pack import minutes_pdf, pack_pdf
from events.letters import reminder_letters_pdf, whats_on_letters_pdf
from events.models import Booking, WhatsOnRound
from events.services import whats_on_send
from finance.quarters import Quarter
from finance.reports.figures import quarter_figures
from finance.reports.render import render_pdf
from members.letters import signin_letter_pdf
from members.models import Branch, Member
from members.outbox.letters import letters_pdf
from members.outbox.services import Words, tell
from tests.board.meeting_helpers import hold, make_board, plan, written_paper
from tests.events.after_helpers import book
from tests.events.conftest import make_activity

# (first name, last name, how the first name shows on the page). Each would stop a document today.
NAMES = {
    "emoji": ("Zoë 😀", "Smith \U0001f468\u200d\U0001f469\u200d\U0001f467", "Zoë"),
    "right-to-left": ("\u202eSara\u202c", "\u200fأحمد \u2067Ali\u2069", "Sara"),
    "cjk": ("王秀英", "Wang", "王秀英"),
    "combining": ("Zoe\u0308", "Nguye\u0302\u0303n", "Zoë"),
    # Right-to-left names are drawn joined and right to left: the page's text, read left
    # to right, is the name's letters reversed, Arabic in its joined (presentation) forms.
    "arabic": ("محمد", "Ali", "\ufeaa\ufee4\ufea4\ufee3"),
    "hebrew": ("שרה", "Levi", "הרש"),
}
BIDI_MARKS = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _named(cast, first: str, last: str) -> Member:
    """The cast's member, renamed, who wants letters; her branch carries the name too."""
    member = cast.member_row
    Member.objects.filter(pk=member.pk).update(
        first_name=first,
        last_name=last,
        known_as="",
        contact_preferences=["letter"],
        address="1 High Street\nNorthfield",
        postcode="NF1 1AA",
    )
    Branch.objects.filter(pk=member.branch_id).update(name=f"{first} {last}")
    member.refresh_from_db()
    return member


def _register(cast, member: Member) -> bytes:
    client = Client()
    client.force_login(cast.admin)
    response = client.get(reverse("register-download", kwargs={"fmt": "pdf"}))
    assert response.status_code == 200
    return response.content


def _signin_letter(cast, member: Member) -> bytes:
    return signin_letter_pdf(member=member, url="http://127.0.0.1:8000/signin/abc")


def _day_letters(cast, member: Member) -> bytes:
    words = Words(subject=f"Hello {member.first_name}", lines=[f"Dear {member.last_name}."])
    return letters_pdf(tell(member, "test_news", words))


def _activity(cast, member: Member, **extra):
    title = f"Tea with {member.first_name} {member.last_name}"
    return make_activity(cast.organiser, member.branch, title=title, **extra)


def _reminder_letters(cast, member: Member) -> bytes:
    activity = _activity(cast, member, days=2, fee_pence=0)
    return reminder_letters_pdf(activity, [book(activity, member, Booking.Status.CONFIRMED)])


def _whats_on_letters(cast, member: Member) -> bytes:
    _activity(cast, member, days=9)
    whats_on_send()
    return whats_on_letters_pdf(WhatsOnRound.objects.get())


def _meeting(cast, member: Member):
    board = make_board(cast)
    meeting = plan(cast, days=-1, title=f"Board with {member.first_name}")
    written_paper(cast, meeting, title=f"A minibus for {member.last_name}")
    return hold(cast, meeting, board)


def _pack(version: str) -> Callable[..., bytes]:
    return lambda cast, member: pack_pdf(_meeting(cast, member), version)


def _minutes(cast, member: Member) -> bytes:
    return minutes_pdf(_meeting(cast, member), for_members=False)


def _report(version: str) -> Callable[..., bytes]:
    return lambda cast, member: render_pdf(quarter_figures(Quarter.current()), version=version)


DOCUMENTS: dict[str, Callable[..., bytes]] = {
    "register": _register,
    "signin-letter": _signin_letter,
    "day-letters": _day_letters,
    "reminder-letters": _reminder_letters,
    "whats-on-letters": _whats_on_letters,
    **{f"board-pack-{v}": _pack(v) for v in PACK_VERSIONS},
    "minutes": _minutes,
    **{f"quarterly-report-{v}": _report(v) for v in ("easy-read", "standard")},
}


@pytest.mark.parametrize("kind", list(NAMES))
@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_an_unusual_name_prints_in_every_document(cast, document: str, kind: str) -> None:
    first, last, shown = NAMES[kind]
    pdf = DOCUMENTS[document](cast, _named(cast, first, last))
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        text = "".join(page.extract_text() or "" for page in opened.pages)
    assert shown in text
    assert not BIDI_MARKS & set(text)


@pytest.mark.parametrize("kind", ["arabic", "hebrew"])
def test_right_to_left_names_are_printed_reversed_in_joined_forms(kind: str) -> None:
    """The expected text above is what a reader sees, not a copy of the library's output."""
    first, _, shown = NAMES[kind]
    assert unicodedata.normalize("NFKC", shown)[::-1] == first
    if kind == "arabic":
        assert shown != unicodedata.normalize("NFKC", shown)  # joined forms, not bare letters


@pytest.mark.parametrize("document", ["register", "signin-letter"])
def test_chinese_letters_are_drawn_in_the_fallback_face(cast, document: str) -> None:
    first, last, _ = NAMES["cjk"]
    pdf = DOCUMENTS[document](cast, _named(cast, first, last))
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        chars = [c for page in opened.pages for c in page.chars if c["text"] in first]
    assert {c["text"] for c in chars} == set(first)
    assert all("DroidSansFallback" in c["fontname"] for c in chars)
