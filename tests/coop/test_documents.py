"""The document engine tags every PDF as PDF/UA asks: checked with pikepdf and pdfua."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pdfua
import pikepdf
import pytest
from pikepdf import Dictionary, Name
from reportlab.graphics.shapes import Drawing, String

from coop.documents import (
    BulletList,
    DataTable,
    Document,
    Heading,
    Para,
    Picture,
    PictureRow,
    QRCode,
    Style,
)

# Operators that put something visible on the page.
PAINTING = {"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI"}


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def kids(element: Dictionary) -> list[object]:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def struct_elements(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    """Every structure element, depth first, in reading order."""

    def walk(element: Dictionary) -> Iterator[Dictionary]:
        yield element
        for kid in kids(element):
            if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem:
                yield from walk(kid)

    for top in kids(pdf.Root.StructTreeRoot):
        yield from walk(top)


def roles(pdf: pikepdf.Pdf) -> list[str]:
    return [str(e.S)[1:] for e in struct_elements(pdf)]


def content_refs(pdf: pikepdf.Pdf) -> list[tuple[int, int, Dictionary]]:
    """(page index, MCID, owning element) for every marked-content reference in the tree."""
    page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    out = []
    for element in struct_elements(pdf):
        for kid in kids(element):
            if isinstance(kid, int):
                out.append((page_index[element.Pg.objgen], kid, element))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                out.append((page_index[kid.Pg.objgen], int(kid.MCID), element))
    return out


def marked_content(page: pikepdf.Page) -> Iterator[tuple[str, list[str], int | None]]:
    """(operator, open marked-content tags, MCID if this op opens one) for each operator."""
    stack: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        mcid = None
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" else None
            if isinstance(props, Dictionary) and "/MCID" in props:
                mcid = int(props.MCID)
            yield op, list(stack), mcid
            stack.append(str(operands[0]))
            continue
        if op == "EMC":
            assert stack, "EMC with no open marked content"
            stack.pop()
        yield op, list(stack), None
    assert not stack, f"marked content left open at end of page: {stack}"


def page_mcids(pdf: pikepdf.Pdf) -> list[tuple[int, int]]:
    return [
        (index, mcid)
        for index, page in enumerate(pdf.pages)
        for _, _, mcid in marked_content(page)
        if mcid is not None
    ]


def text_of(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


@pytest.mark.parametrize("style", list(Style))
def test_every_marked_content_is_owned_by_exactly_one_structure_element(
    letters: dict[Style, bytes], style: Style
) -> None:
    pdf = open_pdf(letters[style])
    on_pages = page_mcids(pdf)
    in_tree = Counter((page, mcid) for page, mcid, _ in content_refs(pdf))
    assert len(pdf.pages) >= 2
    assert on_pages, "no marked content at all"
    assert sorted(on_pages) == sorted(in_tree), "MCIDs on pages and in the tree differ"
    assert set(in_tree.values()) == {1}, "an MCID is claimed by more than one element"


@pytest.mark.parametrize("style", list(Style))
def test_parent_tree_maps_each_mcid_back_to_its_element(
    letters: dict[Style, bytes], style: Style
) -> None:
    pdf = open_pdf(letters[style])
    root = pdf.Root.StructTreeRoot
    nums = list(root.ParentTree.Nums)
    parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert int(root.ParentTreeNextKey) == len(pdf.pages)
    for page_index, mcid, element in content_refs(pdf):
        key = int(pdf.pages[page_index].obj.StructParents)
        assert parent_tree[key][mcid].objgen == element.objgen


@pytest.mark.parametrize("style", list(Style))
def test_everything_painted_is_tagged_or_an_artifact_and_tags_never_nest(
    letters: dict[Style, bytes], style: Style
) -> None:
    pdf = open_pdf(letters[style])
    for number, page in enumerate(pdf.pages, start=1):
        for op, open_tags, mcid in marked_content(page):
            if op in PAINTING:
                assert open_tags, f"page {number}: {op} drawn outside marked content"
            if mcid is not None:
                assert not open_tags, f"page {number}: MCID {mcid} nested inside {open_tags}"


def test_qpdf_finds_no_syntax_errors_in_the_files(
    letters: dict[Style, bytes], register_pdf: bytes
) -> None:
    for data in [*letters.values(), register_pdf]:
        assert open_pdf(data).check_pdf_syntax() == []


def test_catalog_declares_tagged_english_and_asks_viewers_to_show_the_title(
    letters: dict[Style, bytes],
) -> None:
    pdf = open_pdf(letters[Style.EASY_READ])
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    for page in pdf.pages:
        assert page.obj.Tabs == Name.S
        assert "/StructParents" in page.obj


def test_title_is_in_document_info_and_xmp_with_the_pdfua_identifier(
    letters: dict[Style, bytes],
) -> None:
    pdf = open_pdf(letters[Style.STANDARD])
    assert str(pdf.docinfo.Title) == "Your sign-in letter"
    meta = pdf.open_metadata()
    assert meta["dc:title"] == "Your sign-in letter"
    assert meta["pdfuaid:part"] == "1"
    assert str(pdf.docinfo.CreationDate).startswith("D:20250314")


def test_structure_follows_the_order_of_the_blocks(letters: dict[Style, bytes]) -> None:
    pdf = open_pdf(letters[Style.EASY_READ])
    top = [str(e.S)[1:] for e in kids(pdf.Root.StructTreeRoot.K)]
    assert str(pdf.Root.StructTreeRoot.K.S) == "/Document"
    assert top == ["H1", "Figure", "P", "P", "Figure", "P", "H2", "L", "P", "Table"]


def test_every_figure_has_its_alt_text(letters: dict[Style, bytes]) -> None:
    pdf = open_pdf(letters[Style.EASY_READ])
    figures = [e for e in struct_elements(pdf) if e.S == Name.Figure]
    assert [str(f.Alt) for f in figures] == ["A key", "QR code that opens your sign-in link"]
    for figure in figures:
        x0, y0, x1, y1 = (float(v) for v in figure.A.BBox)
        assert 0 < x0 < x1 and 0 < y0 < y1, "figure BBox should be on the page"


def test_list_items_have_a_label_and_a_body(letters: dict[Style, bytes]) -> None:
    pdf = open_pdf(letters[Style.EASY_READ])
    (lst,) = [e for e in struct_elements(pdf) if e.S == Name.L]
    items = kids(lst)
    assert len(items) == 3
    for item in items:
        assert [str(k.S) for k in kids(item)] == ["/Lbl", "/LBody"]


def test_paragraph_split_over_a_page_break_is_one_element_on_both_pages(
    letters: dict[Style, bytes],
) -> None:
    pdf = open_pdf(letters[Style.EASY_READ])
    pages_per_p: dict[tuple[int, int], set[int]] = {}
    for page, _, element in content_refs(pdf):
        if element.S == Name.P:
            pages_per_p.setdefault(element.objgen, set()).add(page)
    assert {0, 1} in pages_per_p.values(), "the long paragraph should run onto page 2"
    assert "We meet on Saturday 14 March" in text_of(letters[Style.EASY_READ])


def test_table_headers_are_th_with_column_scope(letters: dict[Style, bytes]) -> None:
    pdf = open_pdf(letters[Style.EASY_READ])
    (table,) = [e for e in struct_elements(pdf) if e.S == Name.Table]
    caption, head, body = kids(table)
    assert (caption.S, head.S, body.S) == (Name.Caption, Name.THead, Name.TBody)
    (header_row,) = kids(head)
    headers = kids(header_row)
    assert len(headers) == 4
    for th in headers:
        assert th.S == Name.TH
        assert th.A.Scope == Name.Column and th.A.O == Name.Table
    assert len(kids(body)) == 12
    assert all(td.S == Name.TD for tr in kids(body) for td in kids(tr))


def test_multi_page_register_keeps_one_header_in_the_tree_and_repeats_it_on_each_page(
    register_pdf: bytes,
) -> None:
    pdf = open_pdf(register_pdf)
    assert len(pdf.pages) >= 4
    all_roles = roles(pdf)
    assert all_roles.count("TH") == 4
    assert all_roles.count("TR") == 151
    assert all_roles.count("TD") == 150 * 4
    refs = content_refs(pdf)
    td_pages = {page for page, _, element in refs if element.S == Name.TD}
    assert td_pages == set(range(len(pdf.pages))), "rows should be tagged on every page"
    # The header drawn again at the top of later pages is furniture, not a second header.
    th_pages = {page for page, _, element in refs if element.S == Name.TH}
    assert th_pages == {0}

    import pdfplumber

    with pdfplumber.open(io.BytesIO(register_pdf)) as doc:
        for page in doc.pages:
            assert "Name Address Date admitted Date ceased" in page.extract_text()
    assert "Member 150" in text_of(register_pdf)


@pytest.mark.parametrize("style", list(Style))
def test_pdfua_reports_no_findings_and_skips_no_rule(
    letters: dict[Style, bytes], style: Style, tmp_path: Path
) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(letters[style])
    report = pdfua.validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert [(o.rule_id, o.skipped_reason) for o in report.skipped] == []
    assert len(report.outcomes) >= 12


def test_pdfua_passes_the_multi_page_register(register_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "register.pdf"
    path.write_bytes(register_pdf)
    report = pdfua.validate(str(path))
    assert report.exit_code == 0, [f.message for f in report.findings]
    assert not report.skipped


def _fonts(pdf: pikepdf.Pdf) -> list[Dictionary]:
    return [
        obj for obj in pdf.objects if isinstance(obj, Dictionary) and obj.get("/Type") == Name.Font
    ]


@pytest.mark.parametrize("style", list(Style))
def test_every_font_is_embedded_truetype_and_none_is_helvetica_or_times(
    letters: dict[Style, bytes], style: Style
) -> None:
    pdf = open_pdf(letters[style])
    fonts = _fonts(pdf)
    assert fonts
    for font in fonts:
        name = str(font.BaseFont)
        assert "Helvetica" not in name and "Times" not in name, name
        assert "/FontFile2" in font.FontDescriptor, f"{name} is not embedded"


def test_pictures_from_a_path_bytes_or_a_drawing_all_become_figures(
    render: Callable[..., bytes], samples: Any, tmp_path: Path
) -> None:
    path = tmp_path / "tree.png"
    path.write_bytes(samples.png())
    pdf = open_pdf(
        render(
            [
                Picture(path, alt="A tree from a file"),
                Picture(samples.png(60, 60), alt="A square from bytes"),
                Picture(str(path), alt="The tree again"),
                Picture(samples.key_drawing(), alt="A key drawn with lines"),
            ]
        )
    )
    alts = [str(e.Alt) for e in struct_elements(pdf) if e.S == Name.Figure]
    assert alts == [
        "A tree from a file",
        "A square from bytes",
        "The tree again",
        "A key drawn with lines",
    ]
    images = [x for x in pdf.pages[0].get_images().values()]
    assert len(images) >= 2


def test_words_inside_a_drawing_use_the_embedded_font(render: Callable[..., bytes]) -> None:
    drawing = Drawing(200, 50)
    drawing.add(String(10, 10, "Hall", fontSize=16))  # reportlab's default font is Helvetica
    pdf = open_pdf(render([Picture(drawing, alt="A sign saying Hall")]))
    names = {str(f.BaseFont) for f in _fonts(pdf)}
    assert names and not any("Helvetica" in n for n in names)
    assert drawing.contents[0].fontName == "Helvetica", "the caller's drawing is not changed"


@pytest.mark.parametrize(
    "make",
    [
        lambda image: Picture(image, alt=""),
        lambda image: Picture(image, alt="   "),
        lambda image: PictureRow(image=image, alt="", paragraphs=["Words"]),
        lambda image: QRCode("https://coop.example/", alt=""),
    ],
    ids=["picture", "picture-whitespace", "picture-row", "qr-code"],
)
def test_a_picture_without_alt_text_raises(make: Callable[[bytes], object], samples: Any) -> None:
    with pytest.raises(ValueError, match="alt text"):
        make(samples.png())


def test_a_picture_row_without_a_picture_needs_no_alt(render: Callable[..., bytes]) -> None:
    pdf = open_pdf(render([PictureRow(image=None, paragraphs=["Just words."])]))
    assert roles(pdf) == ["Document", "P"]


def test_text_is_shown_literally_not_read_as_markup(render: Callable[..., bytes]) -> None:
    data = render([Para("Tom & Jerry <b>Ltd</b>"), DataTable(["Name"], [["A < B"]])])
    text = text_of(data)
    assert "Tom & Jerry <b>Ltd</b>" in text
    assert "A < B" in text


def test_a_character_the_font_cannot_draw_prints_as_a_replacement_mark_not_nothing(
    render: Callable[..., bytes],
) -> None:
    # Chinese comes from the fallback face; this emoji is in neither face.
    text = text_of(render([Para("Done \u2713, \u4e2d \U0001f984 \u202eabc")]))
    assert "Done \u2713, \u4e2d \ufffd abc" in text


def test_the_same_blocks_and_date_give_the_same_bytes(
    render: Callable[..., bytes], samples: Any
) -> None:
    assert render(samples.letter_blocks()) == render(samples.letter_blocks())


@pytest.mark.parametrize(
    "make",
    [
        lambda: DataTable(["Name", "Address"], [["Only one cell"]]),
        lambda: DataTable([], []),
        lambda: Heading(""),
        lambda: Heading("Too deep", level=4),
        lambda: Para(""),
        lambda: BulletList([]),
        lambda: Document("  "),
        lambda: Document("Empty").render([]),
    ],
    ids=[
        "short-row",
        "no-header",
        "empty-heading",
        "level-4",
        "empty-para",
        "empty-list",
        "no-title",
        "no-blocks",
    ],
)
def test_malformed_blocks_raise_value_error(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        make()


@pytest.mark.parametrize(
    "levels", [(2,), (1, 3), (1, 2, 3, 1, 3)], ids=["starts-at-2", "skips-2", "skips-after-1"]
)
def test_headings_that_skip_a_level_raise(
    render: Callable[..., bytes], levels: tuple[int, ...]
) -> None:
    with pytest.raises(ValueError, match="levels must not be skipped"):
        render([Heading(f"Level {level}", level=level) for level in levels])


def test_headings_may_go_back_up_any_number_of_levels(render: Callable[..., bytes]) -> None:
    pdf = open_pdf(render([Heading("A"), Heading("B", 2), Heading("C", 3), Heading("D")]))
    assert roles(pdf) == ["Document", "H1", "H2", "H3", "H1"]


def test_a_plain_string_block_is_a_paragraph(render: Callable[..., bytes]) -> None:
    pdf = open_pdf(render(["Hello.", Para("Goodbye.")]))
    assert roles(pdf) == ["Document", "P", "P"]


def test_a_table_with_no_rows_still_has_its_header(render: Callable[..., bytes]) -> None:
    pdf = open_pdf(render([DataTable(["Name", "Address"], [])]))
    assert roles(pdf) == ["Document", "Table", "THead", "TR", "TH", "TH"]
