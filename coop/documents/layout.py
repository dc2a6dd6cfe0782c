"""Blocks in, tagged reportlab flowables out, with the structure tree grown alongside.

Structure nodes are created here, in the order the blocks are given, which is also the
order a screen reader reads them.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable, Spacer
from reportlab.platypus import PageBreak as RLPageBreak

from coop.documents import blocks as b
from coop.documents.bars import BarLineFlowable
from coop.documents.flowables import ListItem, Marked, PictureRow
from coop.documents.fonts import paragraph_markup, spoken
from coop.documents.images import picture_flowable, qr_flowable
from coop.documents.structure import Marker, Node
from coop.documents.styles import Typography
from coop.documents.tables import table_flowables
from coop.documents.text import TextParagraph

# A picture may be a little taller than wide, but not so tall it pushes its words apart.
_MAX_PICTURE_ASPECT = 1.25


def markup(para: b.Para) -> str:
    """reportlab paragraph markup for ``para``, with every character taken literally."""
    out = []
    for part in para.parts:
        text = part.text if isinstance(part, b.Strong) else part
        text = paragraph_markup(text)
        out.append(f"<b>{text}</b>" if isinstance(part, b.Strong) else text)
    return "".join(out)


class Layout:
    def __init__(self, typography: Typography, marker: Marker, root: Node, width: float) -> None:
        self.type = typography
        self.width = width  # of the text frame, in points
        self.spec = typography.spec
        self.marker = marker
        self.root = root
        self._heading_level = 0

    def flowables(self, blocks: Iterable[b.Block | str]) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self._one(b.Para(block) if isinstance(block, str) else block))
        return out

    def _one(self, block: b.Block) -> list[Flowable]:
        match block:
            case b.Heading():
                return [self._heading(block)]
            case b.Para():
                return [self._para(block, self.root)]
            case b.BarLine():
                return [self._bar_line(block)]
            case b.Picture():
                width = min(block.width or self.spec.picture_width, self.width)
                return [self._figure(block.image, block.alt, width, self.root)]
            case b.PictureRow():
                return [self._picture_row(block)]
            case b.BulletList():
                return self._list(block)
            case b.DataTable():
                return table_flowables(block, self.root, self.type, self.marker, self.width)
            case b.QRCode():
                return [self._qr(block)]
            case b.PageBreak():
                return [RLPageBreak()]
            case b.Gap():
                return [Spacer(1, block.height)]
        raise TypeError(f"Not a document block: {block!r}")

    def _heading(self, block: b.Heading) -> Flowable:
        # Someone moving by headings hears the outline; a skipped level (or a document
        # starting at level 2) reads as a missing section. PDF/UA asks for this too.
        if block.level > self._heading_level + 1:
            expected = "1" if not self._heading_level else f"at most {self._heading_level + 1}"
            raise ValueError(
                f"Heading {block.text!r} is level {block.level}; it should be {expected} "
                "(levels must not be skipped, and the first heading is level 1)."
            )
        self._heading_level = block.level
        node = self.root.add(f"H{block.level}")
        text = paragraph_markup(block.text)
        return Marked(TextParagraph(text, self.type.heading(block.level)), node, self.marker)

    def _para(self, para: b.Para, parent: Node) -> Flowable:
        node = parent.add("P")
        return Marked(TextParagraph(markup(para), self.type.body), node, self.marker)

    def _bar_line(self, line: b.BarLine) -> Flowable:
        return BarLineFlowable(
            self._para(line.words, self.root),
            line.share,
            bar_height=self.spec.body_size * 1.25,
            gap=self.spec.paragraph_gap / 3,
            space_after=self.spec.paragraph_gap,
            marker=self.marker,
        )

    def _line(self, line: b.Line) -> Flowable:
        return self._bar_line(line) if isinstance(line, b.BarLine) else self._para(line, self.root)

    def _figure(self, image: b.ImageSource, alt: str, width: float, parent: Node) -> Flowable:
        node = parent.add("Figure", alt=spoken(alt))
        picture = picture_flowable(image, width, width * _MAX_PICTURE_ASPECT)
        return Marked(picture, node, self.marker, space_after=self.spec.paragraph_gap)

    def _picture_row(self, block: b.PictureRow) -> Flowable:
        width = self.spec.picture_width
        picture = (
            self._figure(block.image, block.alt, width, self.root)
            if block.image is not None
            else None
        )
        paragraphs = [self._line(line) for line in block.paragraphs]
        return PictureRow(
            picture, paragraphs, width, self.spec.picture_gap, self.spec.paragraph_gap
        )

    def _qr(self, block: b.QRCode) -> Flowable:
        node = self.root.add("Figure", alt=spoken(block.alt))
        drawing = qr_flowable(block.data, block.size or self.spec.qr_size)
        # Space after, so the code is not crowded by the next line of words.
        return Marked(drawing, node, self.marker, space_after=self.spec.paragraph_gap)

    def _list(self, block: b.BulletList) -> list[Flowable]:
        numbering = "Decimal" if block.numbered else "Disc"
        list_node = self.root.add("L", O="List", ListNumbering=numbering)
        out: list[Flowable] = []
        for number, item in enumerate(block.items, start=1):
            li = list_node.add("LI")
            nodes = (li.add("Lbl"), li.add("LBody"))
            label = TextParagraph(f"{number}." if block.numbered else "\u2022", self.type.list_item)
            body = TextParagraph(markup(item), self.type.list_item)
            out.append(ListItem(label, body, self.spec.list_indent, nodes, self.marker))
        # Items sit close together; the list as a whole is spaced like a paragraph.
        out.append(Spacer(1, self.spec.paragraph_gap / 2))
        return out
