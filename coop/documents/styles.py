"""The three house styles: sizes, spacing and the reportlab paragraph styles built from them.

Every number here is a reading-access decision, not decoration: easy read never goes under
14pt and uses 1.5 line spacing, large print never goes under 18pt. Text is always
left-aligned (ragged right), because justified text opens uneven gaps between words that
make lines harder to follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

from coop.documents.fonts import BOLD, REGULAR

INK = colors.black
# Page furniture and table fills: light enough that black text on them keeps a contrast
# well above 4.5:1, dark enough to be seen on a cheap printer.
RULE = colors.HexColor("#6f6f6f")
HEADER_FILL = colors.HexColor("#d9d9d9")
ZEBRA_FILL = colors.HexColor("#f0f0f0")


@dataclass(frozen=True)
class StyleSpec:
    """Sizes in points (1/72 inch) unless a name says otherwise."""

    name: str
    body_size: float
    line_spacing: float
    heading_sizes: tuple[float, float, float]
    table_size: float
    footer_size: float
    paragraph_gap: float
    margin: float
    picture_width: float
    picture_gap: float
    qr_size: float
    list_indent: float

    @property
    def smallest_size(self) -> float:
        """The smallest type anywhere in a document of this style (tests hold us to it)."""
        return min(self.body_size, self.table_size, self.footer_size, *self.heading_sizes)


class Style(Enum):
    """Pick one per document; ``Document`` accepts a member or a custom ``StyleSpec``."""

    EASY_READ = StyleSpec(
        name="easy read",
        body_size=16,
        line_spacing=1.5,
        heading_sizes=(26, 21, 18),
        table_size=14,
        footer_size=14,
        paragraph_gap=14,
        margin=2 * cm,
        picture_width=3.5 * cm,
        picture_gap=0.8 * cm,
        qr_size=5 * cm,
        list_indent=0.9 * cm,
    )
    STANDARD = StyleSpec(
        name="standard",
        body_size=12,
        line_spacing=1.35,
        heading_sizes=(20, 15.5, 13),
        table_size=10.5,
        footer_size=10,
        paragraph_gap=8,
        margin=2 * cm,
        picture_width=2.5 * cm,
        picture_gap=0.6 * cm,
        qr_size=4 * cm,
        list_indent=0.7 * cm,
    )
    LARGE_PRINT = StyleSpec(
        name="large print",
        body_size=18,
        line_spacing=1.5,
        heading_sizes=(28, 23, 20),
        table_size=18,
        footer_size=18,
        paragraph_gap=14,
        margin=2 * cm,
        picture_width=4 * cm,
        picture_gap=0.8 * cm,
        qr_size=5 * cm,
        list_indent=1.1 * cm,
    )

    @property
    def spec(self) -> StyleSpec:
        return self.value


class Typography:
    """reportlab ``ParagraphStyle`` objects for one ``StyleSpec``, built once per render."""

    def __init__(self, spec: StyleSpec) -> None:
        self.spec = spec

    def _style(
        self, name: str, size: float, *, bold: bool = False, ratio: float | None = None
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=BOLD if bold else REGULAR,
            fontSize=size,
            leading=size * (ratio or self.spec.line_spacing),
            alignment=TA_LEFT,
            textColor=INK,
            spaceBefore=0,
            spaceAfter=self.spec.paragraph_gap,
            # The bullet font matters even unused: reportlab falls back to Helvetica.
            bulletFontName=REGULAR,
            allowWidows=0,
            allowOrphans=0,
        )

    @cached_property
    def body(self) -> ParagraphStyle:
        return self._style("body", self.spec.body_size)

    def heading(self, level: int) -> ParagraphStyle:
        size = self.spec.heading_sizes[min(level, 3) - 1]
        style = self._style(f"h{level}", size, bold=True, ratio=1.25)
        # Space above separates sections; keepWithNext stops a heading ending a page.
        style.spaceBefore = self.spec.paragraph_gap * (1.5 if level == 1 else 1.0)
        style.spaceAfter = self.spec.paragraph_gap * 0.75
        style.keepWithNext = 1
        return style

    @cached_property
    def cell(self) -> ParagraphStyle:
        style = self._style("cell", self.spec.table_size, ratio=min(self.spec.line_spacing, 1.3))
        style.spaceAfter = 0
        return style

    @cached_property
    def header_cell(self) -> ParagraphStyle:
        style = self._style("th", self.spec.table_size, bold=True, ratio=1.25)
        style.spaceAfter = 0
        return style

    @cached_property
    def caption(self) -> ParagraphStyle:
        style = self._style("caption", max(self.spec.table_size, self.spec.body_size), bold=True)
        style.spaceAfter = self.spec.paragraph_gap / 2
        style.keepWithNext = 1
        return style

    @cached_property
    def list_item(self) -> ParagraphStyle:
        style = self._style("li", self.spec.body_size)
        style.spaceAfter = self.spec.paragraph_gap / 2
        return style
