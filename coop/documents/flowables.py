"""reportlab flowables that tag what they draw.

Each one draws inside marked content bound to a structure ``Node``. When reportlab splits a
flowable across pages, every part keeps the same node, so the node collects the marked
content from each page it lands on.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

from coop.documents.structure import Marker, Node


class Marked(Flowable):
    """Draws ``inner`` inside one marked-content sequence for ``node``."""

    def __init__(
        self, inner: Flowable, node: Node, marker: Marker, space_after: float | None = None
    ) -> None:
        super().__init__()
        self.inner = inner
        # Some flowables (vector drawings) refuse a spaceAfter attribute, so it can live here.
        self.space_after = space_after
        self.node = node
        self.marker = marker
        # The frame reads these from the outer flowable, so copy them up.
        self.keepWithNext = inner.getKeepWithNext()
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self.inner.splitOn(self.canv, availWidth, availHeight)
        return [Marked(part, self.node, self.marker, self.space_after) for part in parts]

    def getSpaceBefore(self) -> float:
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.inner.getSpaceAfter() if self.space_after is None else self.space_after

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self.node.role == "Figure" and self.node.bbox is None:
            left = self.inner._hAlignAdjust(x, _sW)
            self.node.bbox = _page_box(canvas, left, y, left + self.width, y + self.height)
        with self.marker.marked(canvas, self.node):
            self.inner.drawOn(canvas, x, y, _sW)

    def identity(self, maxLen: int | None = None) -> str:
        return f"Marked[{self.node.role}]({self.inner.identity(maxLen)})"


def _page_box(
    canvas: Canvas, x0: float, y0: float, x1: float, y1: float
) -> tuple[float, float, float, float]:
    """A box in the current drawing space, in page coordinates.

    A picture inside a picture row is drawn in the row's translated space; the BBox a
    reflowing reader needs is on the page.
    """
    a, b, c, d, e, f = canvas._currentMatrix
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return (min(xs), min(ys), max(xs), max(ys))


class ListItem(Flowable):
    """A list item: its label (bullet or number) tagged Lbl, its words tagged LBody.

    The label is drawn as a paragraph in the same style as the words, so both share a
    first baseline. When the words run onto the next page, only the first part has a label.
    """

    def __init__(
        self,
        label: Paragraph | None,
        body: Flowable,
        indent: float,
        nodes: tuple[Node, Node],
        marker: Marker,
    ) -> None:
        super().__init__()
        self.label = label
        self.body = body
        self.indent = indent
        self.nodes = nodes  # (Lbl, LBody)
        self.marker = marker

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, self.height = self.body.wrap(availWidth - self.indent, availHeight)
        if self.label is not None:
            _, self._label_height = self.label.wrap(self.indent, availHeight)
        self.width = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self.body.splitOn(self.canv, availWidth - self.indent, availHeight)
        if not parts:
            return []
        first = ListItem(self.label, parts[0], self.indent, self.nodes, self.marker)
        rest = [ListItem(None, p, self.indent, self.nodes, self.marker) for p in parts[1:]]
        return [first, *rest]

    def getSpaceBefore(self) -> float:
        return self.body.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.body.getSpaceAfter()

    def draw(self) -> None:
        label_node, body_node = self.nodes
        if self.label is not None:
            with self.marker.marked(self.canv, label_node):
                self.label.drawOn(self.canv, 0, self.height - self._label_height)
        with self.marker.marked(self.canv, body_node):
            self.body.drawOn(self.canv, self.indent, 0)


class PictureRow(Flowable):
    """A picture in a left column, paragraphs in a right column, tops aligned.

    ``picture`` and the paragraphs are already ``Marked``, so this only places them. If the
    words do not fit on the page, the row splits between paragraphs (or inside one, if even
    the first does not fit); the words that move on keep their column, with no picture.
    """

    def __init__(
        self,
        picture: Flowable | None,
        paragraphs: list[Flowable],
        picture_width: float,
        gap: float,
        space_after: float,
    ) -> None:
        super().__init__()
        self.picture = picture
        self.paragraphs = paragraphs
        self.picture_width = picture_width
        self.gap = gap
        self.space_after = space_after

    def _text_width(self, availWidth: float) -> float:
        return availWidth - self.picture_width - self.gap

    def _layout(self, availWidth: float, availHeight: float) -> tuple[float, list[float]]:
        """Height of the picture and the height of each paragraph in the text column."""
        picture_height = (
            self.picture.wrap(self.picture_width, availHeight)[1] if self.picture else 0
        )
        text_width = self._text_width(availWidth)
        heights = [p.wrap(text_width, availHeight)[1] for p in self.paragraphs]
        return picture_height, heights

    def _text_height(self, heights: list[float]) -> float:
        gaps = sum(p.getSpaceAfter() for p in self.paragraphs[:-1])
        return sum(heights) + gaps

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._picture_height, self._heights = self._layout(availWidth, availHeight)
        self.width = availWidth
        self.height = max(self._picture_height, self._text_height(self._heights))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        picture_height, heights = self._layout(availWidth, availHeight)
        if picture_height > availHeight:
            return []
        used = 0.0
        fitting = 0
        for paragraph, height in zip(self.paragraphs, heights, strict=True):
            if used + height > availHeight:
                break
            used += height + paragraph.getSpaceAfter()
            fitting += 1
        if fitting == len(self.paragraphs):
            return []  # Everything fits, so wrap() did not ask for a split: never loop.
        if fitting:
            head, tail = self.paragraphs[:fitting], self.paragraphs[fitting:]
        else:
            pieces = self.paragraphs[0].splitOn(
                self.canv, self._text_width(availWidth), availHeight
            )
            if len(pieces) < 2:
                return []
            head, tail = pieces[:1], [*pieces[1:], *self.paragraphs[1:]]
        return [
            self._with(self.picture, head),
            self._with(None, tail),
        ]

    def _with(self, picture: Flowable | None, paragraphs: list[Flowable]) -> PictureRow:
        return PictureRow(picture, paragraphs, self.picture_width, self.gap, self.space_after)

    def getSpaceAfter(self) -> float:
        return self.space_after

    def draw(self) -> None:
        if self.picture is not None:
            self.picture.drawOn(self.canv, 0, self.height - self._picture_height)
        top = self.height
        left = self.picture_width + self.gap
        for paragraph, height in zip(self.paragraphs, self._heights, strict=True):
            top -= height
            paragraph.drawOn(self.canv, left, top)
            top -= paragraph.getSpaceAfter()


class TableTagger:
    """``Table(renderCB=...)`` callback: tags each cell TH/TD and its fills and lines as artifacts.

    Cells are found through the ``coop_node`` attribute put on each cell's paragraph. A
    table split over pages repeats its header row on each new page; the repeat is page
    furniture (the header is already in the structure once), so it is drawn as an artifact.
    """

    def __init__(self, marker: Marker) -> None:
        self.marker = marker

    def __call__(self, table: Table, event: str, *args: Any) -> None:
        canvas: Canvas = table.canv
        if event in ("startBG", "startLines"):
            self.marker.begin_artifact(canvas)
        elif event in ("endBG", "endLines", "endCell"):
            self.marker.end(canvas)
        elif event == "startCell":
            cell = args[2]
            first = cell[0] if isinstance(cell, list | tuple) and cell else cell
            node: Node | None = getattr(first, "coop_node", None)
            if node is None or (node.role == "TH" and node.refs):
                self.marker.begin_artifact(canvas)
            else:
                self.marker.begin(canvas, node)
