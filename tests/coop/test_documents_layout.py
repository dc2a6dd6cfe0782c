"""What a reader sees: type sizes, typefaces, alignment and spacing, checked with pdfplumber."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pdfplumber
import pytest
from reportlab.lib.units import cm

from coop.documents import (
    BulletList,
    DataTable,
    Document,
    Heading,
    Para,
    PictureRow,
    QRCode,
    Strong,
    Style,
)

MARGIN = 2 * cm
PARAGRAPH = (
    "We meet on Saturday 14 March at the hall on the High Street. Bring a friend if you "
    "like. There is tea and cake. The bus stops outside the door. "
) * 4


def pages(data: bytes) -> Iterator[Any]:
    with pdfplumber.open(io.BytesIO(data)) as doc:
        yield from doc.pages


def chars(data: bytes) -> list[dict[str, Any]]:
    return [char for page in pages(data) for char in page.chars if char["text"].strip()]


def body_lines(page: Any) -> list[dict[str, Any]]:
    """Text lines above the footer rule, top to bottom."""
    rule_top = min(line["top"] for line in page.lines)  # the footer rule is the only line
    return [line for line in page.extract_text_lines() if line["bottom"] < rule_top]


@pytest.mark.parametrize(("style", "smallest"), [(Style.EASY_READ, 14), (Style.LARGE_PRINT, 18)])
def test_no_text_anywhere_is_smaller_than_the_style_allows(
    letters: dict[Style, bytes], style: Style, smallest: float
) -> None:
    sizes = Counter(round(c["size"], 1) for c in chars(letters[style]))
    assert sizes, "no text found"
    assert min(sizes) >= smallest, sizes


def test_easy_read_body_is_16pt_and_standard_body_is_11_to_12pt(
    letters: dict[Style, bytes],
) -> None:
    def commonest(data: bytes) -> float:
        return Counter(round(c["size"], 1) for c in chars(data)).most_common(1)[0][0]

    assert commonest(letters[Style.EASY_READ]) == 16
    assert 11 <= commonest(letters[Style.STANDARD]) <= 12


@pytest.mark.parametrize("style", list(Style))
def test_every_character_is_in_an_upright_sans_serif_face(
    letters: dict[Style, bytes], style: Style
) -> None:
    names = {c["fontname"] for c in chars(letters[style])}
    assert names
    for name in names:
        assert "Sans" in name, name
        assert not re.search(r"italic|oblique|serif|times", name, re.IGNORECASE), name


def test_bold_is_used_only_for_headings_and_strong_words(letters: dict[Style, bytes]) -> None:
    first_page = next(pages(letters[Style.EASY_READ]))
    bold = "".join(c["text"] for c in first_page.chars if "Bold" in c["fontname"])
    assert bold.replace(" ", "") == "Signintocoop" + "once" + "Whattobring"


@pytest.mark.parametrize("style", list(Style))
def test_paragraph_lines_all_start_at_the_margin_with_a_ragged_right_edge(
    render: Callable[..., bytes], style: Style
) -> None:
    data = render([Heading("About the trip"), Para(PARAGRAPH)], style)
    lines = body_lines(next(pages(data)))
    assert len(lines) >= 6
    starts = {round(line["x0"], 1) for line in lines}
    assert starts == {round(MARGIN, 1)}, starts
    # Justified text would end every full line of the paragraph (all but the heading and
    # the last line) at the same x; left-aligned text leaves them ragged.
    ends = [line["x1"] for line in lines[1:-1]]
    assert max(ends) - min(ends) > 5, ends


def test_easy_read_lines_are_one_and_a_half_times_the_type_size_apart(
    render: Callable[..., bytes],
) -> None:
    lines = body_lines(next(pages(render([Para(PARAGRAPH)], Style.EASY_READ))))
    gaps = {round(b["top"] - a["top"], 1) for a, b in zip(lines, lines[1:], strict=False)}
    assert gaps == {24.0}  # 16pt type, 1.5 line spacing


def test_picture_row_puts_the_picture_left_and_the_words_right_tops_aligned(
    render: Callable[..., bytes], samples: Any
) -> None:
    row = PictureRow(
        image=samples.png(100, 100), alt="A cup of tea", paragraphs=["There is tea.", "And cake."]
    )
    page = next(pages(render([row])))
    (image,) = page.images
    lines = body_lines(page)
    assert [line["text"] for line in lines] == ["There is tea.", "And cake."]
    assert image["x0"] == pytest.approx(MARGIN, abs=0.5)
    assert image["x1"] < min(line["x0"] for line in lines)
    assert len({round(line["x0"], 1) for line in lines}) == 1
    assert lines[0]["top"] == pytest.approx(image["top"], abs=8)


def test_words_in_picture_rows_without_pictures_line_up_with_those_with_pictures(
    render: Callable[..., bytes], samples: Any
) -> None:
    data = render(
        [
            PictureRow(image=samples.png(), alt="A bus", paragraphs=["Take the bus."]),
            PictureRow(image=None, paragraphs=["It stops outside."]),
        ]
    )
    lines = body_lines(next(pages(data)))
    assert {round(line["x0"], 1) for line in lines} == {round(lines[0]["x0"], 1)}
    assert lines[0]["x0"] > MARGIN + 2 * cm


@pytest.mark.parametrize("style", list(Style))
def test_pounds_survive_text_extraction(render: Callable[..., bytes], style: Style) -> None:
    data = render(
        [Para("The trip costs £5."), Para("Bring ", Strong("£5")), DataTable(["Cost"], [["£5"]])],
        style,
    )
    text = "\n".join(page.extract_text() for page in pages(data))
    assert text.count("£5") == 3


def test_every_page_footer_has_the_title_and_page_n_of_m(register_pdf: bytes) -> None:
    all_pages = list(pages(register_pdf))
    total = len(all_pages)
    for number, page in enumerate(all_pages, start=1):
        footer = page.extract_text_lines()[-1]["text"]
        assert footer == f"Membership register Page {number} of {total}"


def test_a_long_title_moves_the_page_number_to_its_own_footer_line(
    render: Callable[..., bytes],
) -> None:
    title = "The minutes of the annual general meeting of the members of the co-operative"
    page = next(pages(render([Para("Hello.")], Style.LARGE_PRINT, title)))
    footer = [line["text"] for line in page.extract_text_lines()[-2:]]
    assert footer[0].startswith("The minutes of the")
    assert footer[1] == "Page 1 of 1"
    assert all(c["x1"] <= page.width - MARGIN + 0.5 for c in page.chars)


def test_list_bullets_sit_left_of_their_words(render: Callable[..., bytes]) -> None:
    page = next(
        pages(render([BulletList(["Tea", "Cake"]), BulletList(["Go", "Stop"], numbered=True)]))
    )
    texts = [line["text"] for line in body_lines(page)]
    assert texts == ["\u2022 Tea", "\u2022 Cake", "1. Go", "2. Stop"]


def test_a_long_document_runs_to_twenty_pages_and_more(samples: Any) -> None:
    # Its speed is measured by `make bench`, not asserted here.
    blocks: list[Any] = [Heading("A long report")]
    for section in range(1, 9):
        blocks += [
            Heading(f"Part {section}", level=2),
            PictureRow(image=samples.key_drawing(), alt="A key", paragraphs=[PARAGRAPH[:120]]),
            Para(PARAGRAPH),
            BulletList(["Tea", "Cake", "Bus"]),
            QRCode(f"https://coop.example/{section}", alt="QR code for this part"),
        ]
    blocks.append(DataTable(["Name", "Address", "Admitted", "Ceased"], samples.register_rows(150)))
    data = Document("Long", style=Style.EASY_READ, created=samples.created).render(blocks)
    assert sum(1 for _ in pages(data)) >= 20


def tagged_text(data: bytes, tag: str) -> list[str]:
    """The text inside marked content with ``tag``, one string per page, in drawing order."""
    return ["".join(c["text"] for c in page.chars if c.get("tag") == tag) for page in pages(data)]


def test_tagged_text_keeps_a_space_between_words_at_every_line_break(
    render: Callable[..., bytes],
) -> None:
    data = render([Para(PARAGRAPH * 4)], Style.EASY_READ)
    per_page = tagged_text(data, "P")
    assert per_page[0] and per_page[1], "the paragraph should run onto page 2"
    paragraph = "".join(per_page)
    # Without an explicit space at each line end, a screen reader hears "a" + "long" as
    # "along": the words would not match the source.
    assert paragraph.split() == (PARAGRAPH * 4).split()


def test_a_picture_row_too_long_for_a_page_continues_in_its_own_column(
    render: Callable[..., bytes], samples: Any
) -> None:
    paragraphs = [f"Point {n}. " + "We talk about the trip. " * 6 for n in range(1, 13)]
    row = PictureRow(image=samples.png(), alt="A cup of tea", paragraphs=paragraphs)
    data = render([Heading("The meeting"), row])
    first, second = list(pages(data))[:2]
    column = {round(line["x0"], 1) for line in body_lines(first)[1:]}
    assert len(column) == 1 and column.pop() > MARGIN + 2 * cm
    assert {round(line["x0"], 1) for line in body_lines(second)} == {
        round(body_lines(first)[1]["x0"], 1)
    }
    assert not second.images, "the picture is shown once, beside the first words"
    words = "".join(tagged_text(data, "P"))
    assert [w for w in words.split() if w.rstrip(".").isdigit()] == [f"{n}." for n in range(1, 13)]


def test_one_paragraph_longer_than_a_page_splits_inside_a_picture_row(
    render: Callable[..., bytes], samples: Any
) -> None:
    row = PictureRow(image=samples.png(), alt="A cup of tea", paragraphs=[PARAGRAPH * 8])
    per_page = tagged_text(render([row]), "P")
    assert len(per_page) >= 2 and all(per_page)
    assert "".join(per_page).split() == (PARAGRAPH * 8).split()


def test_a_list_item_split_over_pages_keeps_one_bullet_and_its_indent(
    render: Callable[..., bytes],
) -> None:
    data = render([BulletList(["Short item", PARAGRAPH * 6])])
    labels = tagged_text(data, "Lbl")
    bodies = tagged_text(data, "LBody")
    assert labels[0].split() == ["\u2022", "\u2022"] and not "".join(labels[1:]).strip()
    assert bodies[0] and bodies[1], "the long item should carry on to page 2"
    second = list(pages(data))[1]
    assert {round(line["x0"], 1) for line in body_lines(second)} == {
        round(MARGIN + Style.EASY_READ.spec.list_indent, 1)
    }


def test_large_print_table_columns_are_wide_enough_that_no_word_is_broken(
    render: Callable[..., bytes], samples: Any
) -> None:
    rows = samples.register_rows(10)
    header = ["Name", "Address", "Date admitted", "Date ceased"]
    table = DataTable(header, rows, widths=[3, 4, 2.5, 2.5])
    data = render([table], Style.LARGE_PRINT)
    assert "".join(tagged_text(data, "TH")).split() == " ".join(header).split()
    cells = "".join(tagged_text(data, "TD")).split()
    assert cells == " ".join(cell for row in rows for cell in row).split()


def test_a_heading_is_never_left_alone_at_the_bottom_of_a_page(
    render: Callable[..., bytes],
) -> None:
    filler = "We talk about the trip to the sea. " * 3
    checked = 0
    for count in range(10, 22):
        blocks = [Para(filler) for _ in range(count)]
        data = render([*blocks, Heading("Next part"), Para(filler)], Style.EASY_READ)
        for page in pages(data):
            lines = body_lines(page)
            if lines and lines[-1]["text"].strip() == "Next part":
                pytest.fail(f"heading ends page {page.page_number} with {count} paragraphs")
            checked += 1
    assert checked > 12


def test_a_web_address_too_long_for_a_line_reads_as_one_word(
    render: Callable[..., bytes],
) -> None:
    url = "https://coop.example/signin/Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnop"
    data = render([Para("Or type this address:\n" + url)], Style.EASY_READ)
    lines = body_lines(next(pages(data)))
    assert len(lines) >= 3, "the address should have to wrap"
    assert "".join(tagged_text(data, "P")).split() == ["Or", "type", "this", "address:", url]


def test_a_web_address_on_the_second_page_of_a_split_paragraph_reads_as_one_word(
    render: Callable[..., bytes],
) -> None:
    url = "https://coop.example/signin/Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnop"
    text = PARAGRAPH * 4 + url + " is the address."
    per_page = tagged_text(render([Para(text)], Style.EASY_READ), "P")
    assert url[:20] in per_page[1], "the address should be on page 2"
    assert "".join(per_page).split() == text.split()
