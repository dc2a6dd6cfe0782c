"""The one typeface every coop PDF uses, embedded so no reader substitutes its own.

DejaVu Sans (``typeface/``, copied from Debian with its licence) draws far more of the
world's letters than reportlab's own Vera, so names from many places print as written.
A character it still cannot draw (Chinese, most emoji) becomes U+FFFD rather than
stopping the document: one unusual name must never stop a register or a round of letters.
Italic faces are deliberately mapped to the upright ones: easy-read guidance forbids
italics, and a stray ``<i>`` must not bring them back.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "CoopSans"
BOLD = "CoopSans-Bold"
REPLACEMENT = "\ufffd"

_FONT_DIR = Path(__file__).parent / "typeface"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

# Marks that steer right-to-left text. reportlab lays text out left to right and does not
# read them, so they carry nothing onto paper; dropped, they cannot reorder anything.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f") | {
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
_KEPT_CONTROLS = frozenset("\n\t\r")


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
    """Characters the typeface cannot draw: ``drawable`` replaces them."""
    covered = _covered()
    return {ch for ch in text if ord(ch) not in covered and ch not in _KEPT_CONTROLS}


def drawable(text: str) -> str:
    """``text`` as the typeface can draw it, in both faces.

    Composed first (``e`` + combining acute becomes ``é``); right-to-left marks and other
    invisible controls the font lacks are dropped; any other character it cannot draw
    becomes U+FFFD, so the reader sees that something was there.
    """
    covered = _covered()
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _KEPT_CONTROLS or (ord(ch) in covered and ch not in _BIDI_CONTROLS):
            out.append(ch)
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        else:
            out.append(REPLACEMENT)
    return "".join(out)
