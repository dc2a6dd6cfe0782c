"""The one typeface every coop PDF uses, embedded so no reader substitutes its own.

Bitstream Vera Sans ships inside reportlab itself, so documents render the same on any
machine without a system font package. Italic faces are deliberately mapped to the upright
ones: easy-read guidance forbids italics, and a stray ``<i>`` must not bring them back.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "CoopSans"
BOLD = "CoopSans-Bold"

_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
_FILES = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf"}


@cache
def register_fonts() -> None:
    """Register the regular and bold faces once per process (reportlab's registry is global)."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / filename)))
    # Paragraph markup looks faces up through these mappings; italic points at upright on
    # purpose (see module docstring).
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    addMapping(BOLD, 0, 0, BOLD)
    addMapping(BOLD, 1, 0, BOLD)
    addMapping(BOLD, 0, 1, BOLD)
    addMapping(BOLD, 1, 1, BOLD)


@cache
def _covered() -> frozenset[int]:
    register_fonts()
    faces = [pdfmetrics.getFont(name).face for name in _FILES]
    return frozenset.intersection(*(frozenset(face.charToGlyph) for face in faces))


def missing_glyphs(text: str) -> set[str]:
    """Characters the typeface cannot draw: they would silently vanish from the page."""
    covered = _covered()
    return {ch for ch in text if ord(ch) not in covered and ch not in "\n\t\r"}


def check_glyphs(text: str) -> str:
    """Return ``text`` unchanged, or raise if any character would not be drawn."""
    missing = missing_glyphs(text)
    if missing:
        shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in sorted(missing))
        raise ValueError(f"The document font cannot draw {shown} in {text[:60]!r}")
    return text
