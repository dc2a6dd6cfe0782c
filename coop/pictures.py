"""The pictures beside easy-read words in a PDF: the static SVGs (coop/pictures/ and each
app's), drawn as vectors, so the pack, the minutes and the quarterly report share one way."""

from collections.abc import Sequence
from functools import cache

from django.contrib.staticfiles import finders
from reportlab.graphics.shapes import Drawing
from svglib.svglib import svg2rlg

from coop.documents import BarLine, Para, PictureRow


@cache
def static_picture(static_path: str) -> Drawing | None:
    """The SVG named as the static tag names it (``coop/pictures/money.svg``), or None when
    there is no such file."""
    found = finders.find(static_path)
    return svg2rlg(str(found)) if found else None


def picture_row(static_path: str, alt: str, lines: Sequence[str | Para | BarLine]) -> PictureRow:
    """Lines of words beside a static picture; with no picture (none named, or the file is
    gone) the words keep their column, so they line up with the rows that have one."""
    image = static_picture(static_path) if static_path else None
    return PictureRow(image, alt if image is not None else "", lines)
