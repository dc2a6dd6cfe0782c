"""Bars beside their words (``BarLine``): long enough to compare, right under the words that
say the figure, never said a second time to a screen reader; and pictures from static
files (``coop.pictures``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfua
import pytest
from pikepdf import Name
from reportlab.graphics.shapes import Drawing

from coop.documents import BarLine, Heading, PictureRow
from coop.pictures import picture_row, static_picture
from tests.coop.test_documents import marked_content, open_pdf, roles, struct_elements, text_of
from tests.coop.test_documents_layout import MARGIN, body_lines, pages

BAR_BLUE = (0.1137, 0.3098, 0.5686)  # #1d4f91


def _fees(samples: Any) -> list:
    return [
        Heading("Booking fees"),
        PictureRow(
            samples.key_drawing(),
            alt="Some money",
            paragraphs=[
                BarLine("People paid £30 in booking fees.", 3000, 3000),
                BarLine("We paid back £15.", 1500, 3000),
                BarLine("We kept £0.", 0, 3000),
                "We keep a fee when a person does not come.",
            ],
        ),
    ]


def bar_rects(page: Any) -> list[dict[str, Any]]:
    """The bars on a page: dark blue, as tall as the words (a picture's blue is smaller)."""
    return [
        rect
        for rect in page.rects
        if rect["fill"]
        and rect["height"] >= 15
        and tuple(round(c, 4) for c in rect["non_stroking_color"] or ()) == BAR_BLUE
    ]


def test_each_bar_is_as_long_as_its_figure_and_just_under_its_words(
    render: Callable[..., bytes], samples: Any
) -> None:
    page = next(pages(render(_fees(samples))))
    lines = body_lines(page)[1:]  # after the heading
    bars = sorted(bar_rects(page), key=lambda rect: rect["top"])
    assert len(bars) == 2  # £0 has a track but no bar
    full, half = bars
    assert half["width"] == pytest.approx(full["width"] / 2, abs=0.5)
    assert full["width"] > 300  # the width of the words' column: easy to see and compare
    assert full["height"] >= 16
    paid, back = lines[0], lines[1]
    assert paid["text"] == "People paid £30 in booking fees."
    assert 0 < full["top"] - paid["bottom"] < 10  # right under its own words
    assert back["top"] > full["bottom"]  # and before the next line's words
    assert 0 < half["top"] - back["bottom"] < 10
    assert full["x0"] == pytest.approx(paid["x0"], abs=1)  # in the words' column


def test_bars_are_artifacts_and_the_figures_are_said_once(
    render: Callable[..., bytes], samples: Any
) -> None:
    data = render(_fees(samples))
    pdf = open_pdf(data)
    assert roles(pdf) == ["Document", "H1", "Figure", "P", "P", "P", "P"]
    figures = [e for e in struct_elements(pdf) if e.S == Name.Figure]
    assert [str(f.Alt) for f in figures] == ["Some money"]
    text = text_of(data)
    assert text.count("£30") == text.count("£15") == text.count("£0") == 1
    painted_in_artifacts = [
        op
        for op, tags, _ in marked_content(pdf.pages[0])
        if op in ("f*", "B*") and tags == ["/Artifact"]
    ]
    assert len(painted_in_artifacts) >= 5  # 3 tracks, 2 bars (the footer's rule is a line)


def test_a_page_with_bars_passes_pdfua(
    render: Callable[..., bytes], samples: Any, tmp_path: Path
) -> None:
    path = tmp_path / "bars.pdf"
    path.write_bytes(render(_fees(samples)))
    report = pdfua.validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert not report.skipped


def test_a_bar_line_stands_alone_too(render: Callable[..., bytes]) -> None:
    page = next(pages(render([Heading("Money"), BarLine("Money in: £5.", 5, 10)])))
    (bar,) = bar_rects(page)
    assert bar["width"] == pytest.approx((page.width - 2 * MARGIN) / 2, abs=1)  # half the page


@pytest.mark.parametrize(("value", "most"), [(-1, 5), (6, 5), (1, 0)])
def test_a_bar_longer_than_its_scale_or_below_nothing_raises(value: int, most: int) -> None:
    with pytest.raises(ValueError, match="from 0 to the most"):
        BarLine("Money in: £5.", value, most)


def test_a_bar_of_nothing_on_a_scale_of_nothing_is_empty() -> None:
    assert BarLine("We kept £0.", 0, 0).share == 0


def test_a_static_picture_is_a_drawing_and_a_missing_one_leaves_the_words_in_their_column():
    assert isinstance(static_picture("coop/pictures/money.svg"), Drawing)
    row = picture_row("coop/pictures/money.svg", "Some money", ["Money in: £5."])
    assert isinstance(row.image, Drawing) and row.alt == "Some money"
    gone = picture_row("coop/pictures/no-such-picture.svg", "Nothing", ["Money in: £5."])
    assert (gone.image, gone.alt) == (None, "")
    assert picture_row("", "", ["Money in: £5."]).image is None
