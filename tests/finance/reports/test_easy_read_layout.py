"""How the easy-read report is laid out: each bar under the sentence that says its figure
(so the figure is said once), a picture beside each block, and the web page showing the
same pictures and bars as the PDF."""

import re

import pytest

from coop.money import format_pence
from finance.reports.easy_read import (
    MONEY,
    EasyLine,
    EasyPage,
    _came,
    _fees_page,
    easy_lines,
    easy_pages,
)
from finance.reports.figures import quarter_figures
from finance.reports.render import render_report


def _bar_texts(page: EasyPage) -> list[tuple[str, int | None]]:
    return [(line.text, line.value) for line in page.lines]


def test_each_bar_goes_under_the_sentence_that_says_its_figure():
    fees = {"taken_pence": 3100, "refunded_pence": 1100, "kept_pence": 800, "held_pence": 1200}
    page = _fees_page(fees)
    assert _bar_texts(page) == [
        ("People paid £31 in booking fees.", 3100),
        ("We gave back £11.", 1100),
        ("We kept £8.", 800),
        ("We keep a fee when a person does not come, or cancels too late.", None),
        ("We still hold £12 for activities.", 1200),
        ("£11 and £8 and £12 make £31.", None),
    ]
    assert {line.most for line in page.lines if line.value is not None} == {3100}


def test_every_bar_in_the_report_is_said_by_its_own_sentence(quarter_with_data):
    pages = easy_pages(quarter_figures(quarter_with_data))
    bars = [(page, line) for page in pages for line in page.lines if line.value is not None]
    assert len(bars) >= 8
    for page, line in bars:
        figure = format_pence(line.value) if page.picture == MONEY else str(line.value)
        assert figure in line.text, (page.heading, line.text)
        assert line.most == max(other.value or 0 for other in page.lines), page.heading


def test_equal_figures_each_keep_their_own_bar():
    lines = easy_lines(("Money in: £0.", 0), ("Money out: £0.", 0), "Nothing moved.")
    assert [(line.value, line.bar_percent) for line in lines] == [(0, 0), (0, 0), (None, 0)]


def test_nobody_known_to_have_come_or_not_has_no_bars():
    lines = easy_lines("We held 1 activity.", *_came(0, 0))
    assert [line.value for line in lines] == [None, None, None]
    assert [line.value for line in easy_lines(*_came(3, 1))] == [3, 1]


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
