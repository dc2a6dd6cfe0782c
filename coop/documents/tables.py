"""Data tables: tagged Table › Caption, THead › TR › TH, TBody › TR › TD, over many pages.

Column widths are chosen so that no word has to be broken: reportlab otherwise splits a
word too long for its column ("Date ad" / "mitted"), which is hard to read on paper and
is read out as two words by a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from coop.documents.blocks import DataTable
from coop.documents.flowables import Marked, TableTagger
from coop.documents.fonts import BOLD, REGULAR, paragraph_markup
from coop.documents.structure import Marker, Node
from coop.documents.styles import HEADER_FILL, INK, RULE, ZEBRA_FILL, Typography
from coop.documents.text import TextParagraph

_PAD_X = 6
_PAD_TOP = 4
_PAD_BOTTOM = 6


def table_flowables(
    block: DataTable, parent: Node, typography: Typography, marker: Marker, width: float
) -> list[Flowable]:
    """The caption (if any) and the table, with their structure nodes added to ``parent``."""
    spec = typography.spec
    table_node = parent.add("Table")
    out: list[Flowable] = []
    if block.caption:
        caption = TextParagraph(paragraph_markup(block.caption), typography.caption)
        out.append(Marked(caption, table_node.add("Caption"), marker))

    head_row = table_node.add("THead").add("TR")
    header = [
        _cell(text, head_row.add("TH", O="Table", Scope="Column"), typography.header_cell)
        for text in block.header
    ]
    body = table_node.add("TBody")
    rows = []
    for row in block.rows:
        tr = body.add("TR")
        rows.append([_cell(text, tr.add("TD"), typography.cell) for text in row])

    widths = column_widths(
        [_longest_word(block.header[i], BOLD, spec.table_size) for i in range(len(header))],
        [
            max((_longest_word(row[i], REGULAR, spec.table_size) for row in block.rows), default=0)
            for i in range(len(header))
        ],
        block.widths or (1.0,) * len(header),
        width,
    )
    table = Table(
        [header, *rows],
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
        spaceAfter=spec.paragraph_gap,
        renderCB=TableTagger(marker),
    )
    table.setStyle(_style(spec.table_size, block.zebra))
    out.append(table)
    return out


def column_widths(
    header_words: Sequence[float],
    body_words: Sequence[float],
    weights: Sequence[float],
    total: float,
) -> list[float]:
    """Share ``total`` by ``weights``, but give each column room for its longest word.

    A column too narrow for its longest word is fixed at that word's width and the rest is
    shared again among the others. If even the longest words cannot all fit, the columns
    are sized in proportion to them and reportlab breaks what it must.
    """
    needed = [max(h, b) + 2 * _PAD_X + 1 for h, b in zip(header_words, body_words, strict=True)]
    if sum(needed) >= total:
        return [total * n / sum(needed) for n in needed]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = total - sum(fixed.values())
        share = sum(weights[i] for i in free)
        widths = {i: room * weights[i] / share for i in free}
        too_narrow = {i: needed[i] for i, w in widths.items() if w < needed[i]}
        if not too_narrow:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(weights))]
        fixed.update(too_narrow)


def _longest_word(text: str, font: str, size: float) -> float:
    return max((stringWidth(word, font, size) for word in text.split()), default=0)


def _cell(text: str, node: Node, style: object) -> TextParagraph:
    paragraph = TextParagraph(paragraph_markup(text), style)
    paragraph.coop_node = node  # Read back by TableTagger when the cell is drawn.
    return paragraph


def _style(size: float, zebra: bool) -> list[tuple[object, ...]]:
    style: list[tuple[object, ...]] = [
        # Cell text is all paragraphs, but Table still selects its own font per cell; left
        # at the default that would put an unembedded Helvetica in the file.
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_BOTTOM),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 0.75, RULE),
    ]
    if zebra:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_FILL]))
    return style
