"""A line of words with its bar just under it, for figures easy read shows as a bar.

The words and the bar are one flowable, so a bar never lands on a page without the words
that say its figure. The bar runs the width of the column; a pale track behind it shows
the full length, so a short bar (or none, for nothing) still reads against the others.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from coop.documents.structure import Marker

# A dark blue over a pale track edged in grey: the bar stands out at more than 3:1 from
# both the track and the page, in colour or printed in grey.
BAR = colors.HexColor("#1d4f91")
TRACK = colors.HexColor("#e8f0fb")
EDGE = colors.HexColor("#6f6f6f")
# Even the smallest figure that is not nothing gets a bar that can be seen.
SHORTEST = 3.0


class BarLineFlowable(Flowable):
    """``words`` (already ``Marked``) with a bar ``share`` of the column long under them."""

    def __init__(
        self,
        words: Flowable,
        share: float,
        *,
        bar_height: float,
        gap: float,
        space_after: float,
        marker: Marker,
    ) -> None:
        super().__init__()
        self.words = words
        self.share = share
        self.bar_height = bar_height
        self.gap = gap
        self.space_after = space_after
        self.marker = marker

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, self._words_height = self.words.wrap(availWidth, availHeight)
        self.width = availWidth
        self.height = self._words_height + self.gap + self.bar_height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # The words and their bar move on together.

    def getSpaceAfter(self) -> float:
        return self.space_after

    def draw(self) -> None:
        self.words.drawOn(self.canv, 0, self.bar_height + self.gap)
        length = self.width * self.share
        if self.share > 0:
            length = max(length, SHORTEST)
        with self.marker.artifact(self.canv):
            self.canv.setLineWidth(0.75)
            self.canv.setStrokeColor(EDGE)
            self.canv.setFillColor(TRACK)
            self.canv.rect(0, 0, self.width, self.bar_height, stroke=1, fill=1)
            if length:
                self.canv.setFillColor(BAR)
                self.canv.rect(0, 0, length, self.bar_height, stroke=0, fill=1)
