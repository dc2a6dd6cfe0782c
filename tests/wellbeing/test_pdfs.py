"""The questions on paper and the report, as easy-read PDFs: each passes the easy-read PDF
checks; the paper holds every question and answer of its time; the report's figures are
the page's; only the right people get them; a wrong request is explained."""

import io
import re
from html import unescape

import pdfplumber
import pytest
from django.urls import reverse

from coop.documents import DataTable
from coop.easyread import easy_read_problems
from tests.coop.test_documents_bars import bar_rects
from tests.easy_read_pdf import (
    accessible_pdf_problems,
    block_words,
    easy_read_pdf_problems,
    figure_alts,
    pdf_text,
)
from tests.factories import BranchFactory
from tests.wellbeing.test_report import NORTH, SOUTH, answered
from wellbeing import report
from wellbeing.paper_pdf import TITLE, questions_blocks, questions_pdf
from wellbeing.questions import NOT_SAY, WORDS, for_round
from wellbeing.report_pdf import STANDARD_TITLE, report_blocks, report_pdf, standard_blocks
from wellbeing.report_pdf import TITLE as REPORT_TITLE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("time, number", [("first", 1), ("later", 2)])
def test_the_paper_holds_every_question_and_answer_of_its_time(time, number):
    pdf = questions_pdf(time)
    assert easy_read_pdf_problems(pdf, title=TITLE) == []
    text = pdf_text(pdf)
    questions = for_round(number)
    for at, question in enumerate(questions, start=1):
        assert f"{at}. {question.text}" in text
        for choice in (*question.choices, NOT_SAY):
            assert choice.words in text
    if number == 1:
        assert "What has changed in your life" not in text
    # A box to tick and a picture beside every answer, "I would rather not say" on every
    # question, a space to write in for own words, and yes or no to answering at all.
    answers = sum(len(q.choices) + 1 for q in questions)
    writing = sum(q.kind == WORDS for q in questions)
    alts = figure_alts(pdf)
    assert len([a for a in alts if a.startswith("A box to tick, and ")]) == answers + 2
    assert alts.count("A box to tick, and a face with its mouth closed") == len(questions)
    assert alts.count("A box with lines to write your words in") == writing == (number - 1)
    for words in (
        "You do not have to answer.",
        "When you finish, give this paper back to an organiser.",
        "Do you want to answer?",
        "Yes, I want to answer",
        "No, I do not want to answer",
    ):
        assert words in text


def test_the_paper_words_are_easy_read_and_name_the_member(cast):
    pdf = questions_pdf("first", cast.member_row)
    text = pdf_text(pdf)
    assert f"These questions are for {cast.member_row.display_name}." in text
    assert "coop" not in text.lower().replace("co-operative", "")
    for time in ("first", "later"):
        words = block_words(questions_blocks(time, cast.member_row))
        assert [p.message for p in easy_read_problems(words)] == []


def test_only_organisers_print_the_paper_questions(client, cast):
    for_may = reverse("wellbeing-paper-print", args=[cast.member_row.pk])
    blank = reverse("wellbeing-paper-blank")
    for who in ("member", "supporter", "board", "finance", "admin"):
        client.force_login(cast.by_role(who))
        assert client.get(for_may, {"time": "first"}).status_code == 403
        assert client.get(blank, {"time": "later"}).status_code == 403
    client.force_login(cast.organiser)
    for url, name in ((for_may, cast.member_row.display_name), (blank, None)):
        response = client.get(url, {"time": "later"})
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert "What has changed in your life" in text
        assert (f"These questions are for {name}." in text) == bool(name)


def test_a_wrong_time_is_explained_in_plain_words(client, cast):
    client.force_login(cast.organiser)
    url = reverse("wellbeing-paper-print", args=[cast.member_row.pk])
    wrong = client.get(url, {"time": "third"})
    assert wrong.status_code == 400
    page = unescape(wrong.content.decode())
    assert "We cannot print that. Please choose the first time or a later time." in page
    assert f"{url}?time=first" in page and f"{url}?time=later" in page
    asked = client.get(url)
    assert asked.status_code == 200 and "We cannot print that" not in asked.content.decode()
    assert client.get(reverse("wellbeing-paper-blank"), {"time": ""}).status_code == 200
    gone = reverse("wellbeing-paper-print", args=[987654])
    assert client.get(gone, {"time": "first"}).status_code == 404


def test_the_pages_link_to_the_paper_questions(client, cast):
    client.force_login(cast.organiser)
    member = cast.member_row
    url = reverse("wellbeing-paper-print", args=[member.pk])
    detail = unescape(client.get(reverse("member-detail", args=[member.pk])).content.decode())
    assert f'<a href="{url}">Print the paper questions for {member.display_name}</a>' in detail
    form = client.get(reverse("wellbeing-paper", args=[member.pk])).content.decode()
    assert f"{url}?time=first" in form and f"{url}?time=later" in form
    client.force_login(cast.board)
    detail = client.get(reverse("member-detail", args=[member.pk])).content.decode()
    assert "Print the paper questions" not in detail


def _changes_said(page: str) -> list[str]:
    """The page's sentences that say a change, as the PDF says them: each figure in its
    own sentence, with its bar under it."""
    text = " ".join(re.sub(r"<[^>]+>", " ", unescape(page)).split())
    found = re.findall(
        r"Of (\d+) people, (\d+) got better, (\d+) stayed the same and (\d+) got worse\.", text
    )
    return [
        f"Of {people} people: {better} got better. {same} stayed the same. {worse} got worse."
        for people, better, same, worse in found
    ]


def test_the_report_pdf_says_the_pages_figures(client, cast):
    answered(BranchFactory(name="North"), NORTH, cast)
    answered(BranchFactory(name="South"), SOUTH, cast)
    client.force_login(cast.board)
    url = reverse("wellbeing-report")
    page = client.get(url).content.decode()
    assert '<a href="?format=pdf">Download the report as a PDF</a>' in page
    response = client.get(url, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert easy_read_pdf_problems(pdf, title=REPORT_TITLE) == []
    text, found = pdf_text(pdf), report.build()
    changes = _changes_said(page)
    assert changes and all(sentence in text for sentence in changes)
    assert len(re.findall(r"Of \d+ people: ", text)) == len(changes)
    for sentence in [*report.who_answered(found), *report.WHAT_IT_SHOWS]:
        assert sentence in unescape(page) and sentence in text
    hidden = "answered this both times, so we do not show it."
    assert text.count(hidden) == unescape(page).count(hidden) >= 1
    hard = next(c for c in found.later_counts if c.question.key == "hard")
    assert hard.shown
    for choice, number in hard.shown_counts:
        if number is None:  # 1 to 4 chose it: said in words, as on the page
            assert f"{choice.words}: not shown, so a few people's answers stay private" in text
        else:
            assert f"{choice.words}: {number}." in text
    assert any(number is None for _, number in hard.shown_counts)
    assert "Fewer than 5 people said what changed in their own words." in text
    assert "North: 5 members answered both times." in text
    assert "Fewer than 5 members here answered both times, so we do not show it." in text
    assert "More friends" not in text  # own words are never in the report
    # A bar under each figure said (none for nothing), and none for a hidden total.
    said = [n for c in found.changes if c.shown for n in (c.better, c.same, c.worse)]
    said += [n for c in found.later_counts if c.shown for _, n in c.shown_counts if n]
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert sum(len(bar_rects(p)) for p in document.pages) == sum(1 for n in said if n)
    assert "They are asked again 6 months later, then every 12 months." in text
    words = block_words(report_blocks(found, "Members are asked when they join."))
    assert [p.message for p in easy_read_problems(words)] == []


def test_the_report_pdf_hides_every_small_total():
    found = report.build()
    assert found.paired == 0
    text = pdf_text(report_pdf(found, "Members are asked when they join."))
    assert "Fewer than 5 members answered both times." in text
    assert "Of 0 people" not in text and "0 members" not in text
    assert "No branch has members who answered both times yet." in text


def test_the_report_pdf_is_for_the_board_organisers_and_administrators(client, cast):
    url = reverse("wellbeing-report")
    for who, status in (
        ("member", 403),
        ("supporter", 403),
        ("finance", 403),
        ("board", 200),
        ("organiser", 200),
        ("admin", 200),
    ):
        client.force_login(cast.by_role(who))
        response = client.get(url, {"format": "pdf"})
        assert response.status_code == status, who
        assert (response["Content-Type"] == "application/pdf") == (status == 200)


def test_the_standard_pdf_has_the_same_figures_as_tables_and_hides_small_ones(client, cast):
    answered(BranchFactory(name="North"), NORTH, cast)
    answered(BranchFactory(name="South"), SOUTH, cast)
    client.force_login(cast.board)
    url = reverse("wellbeing-report")
    assert "?format=pdf&amp;version=standard" in client.get(url).content.decode()
    pdf = client.get(url, {"format": "pdf", "version": "standard"}).content
    assert accessible_pdf_problems(pdf, title=STANDARD_TITLE) == []
    text, found = pdf_text(pdf), report.build()
    lonely = next(c for c in found.changes if c.question.key == "lonely")
    assert lonely.shown
    assert (
        f"{lonely.question.text} {lonely.people} {lonely.better} {lonely.same} {lonely.worse}"
        in text
    )
    life = next(c for c in found.changes if c.question.key == "life")
    if not life.shown:
        assert f"{life.question.text} Not shown Not shown Not shown Not shown" in text
    hard = next(c for c in found.later_counts if c.question.key == "hard")
    # The later-only table's rows: an answer 1 to 4 people chose reads "Not shown".
    table = next(
        b
        for b in standard_blocks(found, "Members are asked when they join.")
        if isinstance(b, DataTable) and "Answer" in b.header
    )
    rows = {(row[0], row[1]): row[3] for row in table.rows}
    hidden = 0
    for choice, number in hard.shown_counts:
        cell = rows[(hard.question.text, choice.words)]
        assert cell == ("Not shown" if number is None else str(number))
        hidden += number is None
    assert hidden >= 2 and text.count("Not shown") >= hidden
    assert "More friends" not in text


def test_a_version_that_does_not_exist_gets_a_plain_message(client, cast):
    client.force_login(cast.board)
    url = reverse("wellbeing-report")
    page = client.get(url, {"format": "pdf", "version": "fancy"}, follow=True)
    assert page.status_code == 200
    assert "We cannot make that version. Please choose easy read or standard." in (
        page.content.decode()
    )
