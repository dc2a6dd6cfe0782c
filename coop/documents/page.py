"""The page around the words: the canvas reportlab draws on, and the footer.

``PageCanvas`` holds every page back until the end, so each footer can say "Page N of M"
(building twice to learn M would double the render time). The footer is page furniture,
drawn as a pagination artifact so screen readers skip it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from coop.documents.fonts import REGULAR
from coop.documents.structure import Marker
from coop.documents.styles import INK, RULE, StyleSpec

FooterPainter = Callable[[Canvas, int, int], None]

_FOOTER_BASELINE = 1.2 * cm
_WIDEST_PAGE_LABEL = "Page 999 of 999"


class PageCanvas(Canvas):
    """See the module docstring."""

    def __init__(self, *args: Any, footer: FooterPainter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._footer = footer

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            self._footer(self, self._pageNumber, total)
            super().showPage()
        super().save()


class Footer:
    """The document title and "Page N of M", drawn as a pagination artifact."""

    def __init__(self, title: str, spec: StyleSpec, page_width: float) -> None:
        self.spec = spec
        self.left = spec.margin
        self.right = page_width - spec.margin
        width = self.right - self.left
        size = spec.footer_size
        label_room = stringWidth(_WIDEST_PAGE_LABEL, REGULAR, size) + size
        self.one_line = stringWidth(title, REGULAR, size) + label_room <= width
        self.title = _shorten(title, size, width if not self.one_line else width - label_room)
        self.leading = size * 1.3
        lines = 1 if self.one_line else 2
        self.rule_y = _FOOTER_BASELINE + size + (lines - 1) * self.leading
        # Where the body text must stop so it never runs into the footer.
        self.top = self.rule_y + spec.paragraph_gap

    def __call__(self, canvas: Canvas, page: int, total: int) -> None:
        size = self.spec.footer_size
        label = f"Page {page} of {total}"
        canvas.saveState()
        Marker.begin_artifact(canvas, "Footer")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.75)
        canvas.line(self.left, self.rule_y, self.right, self.rule_y)
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, size)
        if self.one_line:
            canvas.drawString(self.left, _FOOTER_BASELINE, self.title)
            canvas.drawRightString(self.right, _FOOTER_BASELINE, label)
        else:
            canvas.drawString(self.left, _FOOTER_BASELINE + self.leading, self.title)
            canvas.drawString(self.left, _FOOTER_BASELINE, label)
        Marker.end(canvas)
        canvas.restoreState()


def _shorten(text: str, size: float, width: float) -> str:
    if stringWidth(text, REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"
