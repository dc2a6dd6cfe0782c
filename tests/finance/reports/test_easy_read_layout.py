"""How the easy-read report is laid out: each bar under the sentence that says its figure
(so the figure is said once), a picture beside each block, and the web page showing the
same pictures and bars as the PDF."""

import re

import pytest

from finance.reports.easy_read import EasyLine, EasyPage
from finance.reports.figures import quarter_figures
from finance.reports.render import render_report


def _fees(paid: int, back: int, kept: int) -> EasyPage:
    return EasyPage(
        "Booking fees",
        [
            f"People paid £{paid} in booking fees.",
            f"We paid back £{back}.",
            f"We kept £{kept}.",
            "We keep a fee when a person does not come.",
        ],
        [("Paid to us", paid * 100), ("Paid back", back * 100), ("Kept", kept * 100)],
    )


def _bar_texts(page: EasyPage) -> list[tuple[str, int | None]]:
    return [(line.text, line.value) for line in page.lines]


def test_each_bar_goes_under_the_sentence_that_says_its_figure():
    assert _bar_texts(_fees(31, 11, 8)) == [
        ("People paid £31 in booking fees.", 3100),
        ("We paid back £11.", 1100),
        ("We kept £8.", 800),
        ("We keep a fee when a person does not come.", None),
    ]
    assert {line.most for line in _fees(31, 11, 8).lines} == {3100}


def test_equal_figures_each_keep_their_own_sentence():
    assert [value for _, value in _bar_texts(_fees(0, 0, 0))] == [0, 0, 0, None]


def test_a_number_in_another_sentence_is_not_taken_for_the_bar():
    page = EasyPage(
        "Activities",
        ["We held 3 activities.", "3 people came.", "1 person did not come."],
        [("People who came", 3), ("People who did not come", 1)],
        unit="people",
    )
    assert _bar_texts(page) == [
        ("We held 3 activities.", None),
        ("3 people came.", 3),
        ("1 person did not come.", 1),
    ]


def test_an_amount_is_matched_whole_not_inside_a_bigger_one():
    page = EasyPage("Money", ["Money in: £15.", "Money in again: £1."], [("Money in", 100)])
    assert _bar_texts(page) == [("Money in: £15.", None), ("Money in again: £1.", 100)]


def test_a_bar_no_sentence_says_gets_its_own_line_with_its_figure():
    page = EasyPage("Money", ["We had a good year."], [("Money in", 150000)])
    assert _bar_texts(page) == [("We had a good year.", None), ("Money in: £1,500.", 150000)]


@pytest.mark.parametrize(
    ("value", "most", "percent"), [(0, 10, 0), (1, 1000, 1), (5, 10, 50), (10, 10, 100), (0, 0, 0)]
)
def test_a_bar_that_is_not_nothing_can_always_be_seen(value, most, percent):
    assert EasyLine("Money in: £5.", value, most).bar_percent == percent


def test_the_web_page_shows_the_pdfs_pictures_and_bars(quarter_with_data):
    html = render_report(
        quarter_figures(quarter_with_data), version="easy-read", fmt="html"
    ).decode()
    pictures = re.findall(r'<img class="picture" src="([^"]+)" alt="([^"]+)"', html)
    assert pictures[0] == ("/static/coop/pictures/calendar.svg", "A calendar")
    assert ("/static/coop/pictures/money.svg", "Some money") in pictures
    assert pictures[-1] == ("/static/coop/pictures/listen.svg", "A speech bubble")
    # Money in £1,500 is the longest bar on its page, money out £60 is 4% of it; each bar
    # right under its sentence, hidden from screen readers (the sentence says the figure).
    bar = r'\s*<svg class="bar"[^>]*aria-hidden="true"[^>]*><rect[^>]*/><rect width="{}%"'
    assert re.search(r'<p class="bar-words">Money in: £1,500.</p>' + bar.format(100), html)
    assert re.search(r'<p class="bar-words">Money out: £60.</p>' + bar.format(4), html)
    assert re.search(r'<p class="bar-words">3 people came.</p>' + bar.format(100), html)
    assert html.count("<svg") == html.count('aria-hidden="true" focusable="false"')
    assert "Bar chart" not in html
