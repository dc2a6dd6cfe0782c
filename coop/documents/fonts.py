"""The typefaces every coop PDF uses, embedded so no reader substitutes its own.

DejaVu Sans (``typeface/``, copied from Debian with its licence) draws far more of the
world's letters than reportlab's own Vera, so names from many places print as written.
In paragraphs, letters it lacks (Chinese, Japanese, Korean) are drawn in Droid Sans
Fallback instead (``paragraph_markup``). Arabic is shaped (joined letter forms) and
right-to-left runs are put in the order they are read on paper, since reportlab lays every
line out left to right. A character neither face can draw (most emoji) becomes U+FFFD
rather than stopping the document: one unusual name must never stop a register or a
round of letters.
Italic faces are deliberately mapped to the upright ones: easy-read guidance forbids
italics, and a stray ``<i>`` must not bring them back.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "CoopSans"
BOLD = "CoopSans-Bold"
# Droid Sans Fallback has one weight: bold text in it prints regular (still readable).
FALLBACK = "CoopFallback"
REPLACEMENT = "\ufffd"

_FONT_DIR = Path(__file__).parent / "typeface"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_FALLBACK_FILE = "DroidSansFallback.ttf"

# Marks that steer right-to-left text. reportlab lays text out left to right and does not
# read them, so they carry nothing onto paper; dropped, they cannot reorder anything.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f") | {
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
_KEPT_CONTROLS = frozenset("\n\t\r")


@cache
def register_fonts() -> None:
    """Register the regular and bold faces once per process (reportlab's registry is global)."""
    for name, filename in {**_FILES, FALLBACK: _FALLBACK_FILE}.items():
        pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / filename)))
    # Paragraph markup looks faces up through these mappings; italic points at upright on
    # purpose (see module docstring).
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FALLBACK, bold, italic, FALLBACK)
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
    """Characters DejaVu draws in both its faces."""
    register_fonts()
    faces = [pdfmetrics.getFont(name).face for name in _FILES]
    return frozenset.intersection(*(frozenset(face.charToGlyph) for face in faces))


@cache
def _fallback_covered() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(FALLBACK).face.charToGlyph)


def missing_glyphs(text: str) -> set[str]:
    """Characters the main typeface cannot draw: ``drawable`` replaces them."""
    covered = _covered()
    return {ch for ch in text if ord(ch) not in covered and ch not in _KEPT_CONTROLS}


def spoken(text: str) -> str:
    """``text`` composed and without invisible controls, in reading order.

    For words a screen reader reads (alt text, the title in the file's details), which
    need no font. Right-to-left marks and embeddings are dropped rather than obeyed: a
    name must not be able to turn the words around it backwards.
    """
    return "".join(
        ch
        for ch in unicodedata.normalize("NFC", text)
        if ch in _KEPT_CONTROLS
        or (
            ch not in _BIDI_CONTROLS
            and (unicodedata.category(ch) not in ("Cc", "Cf") or ord(ch) in _covered())
        )
    )


def _visual(text: str) -> str:
    """``spoken(text)`` with Arabic shaped and each line in the order it is drawn.

    reportlab lays every line out left to right, in a left-to-right document.
    """
    kept = spoken(text)
    if kept.isascii():
        return kept
    lines = kept.split("\n")
    return "\n".join(get_display(arabic_reshaper.reshape(line), base_dir="L") for line in lines)


def _face(ch: str, fallback: bool) -> str:
    """Which face draws ``ch``: REGULAR (the main one), FALLBACK, or "" (neither)."""
    if ch in _KEPT_CONTROLS or ord(ch) in _covered():
        return REGULAR
    if fallback and ord(ch) in _fallback_covered():
        return FALLBACK
    return ""


def drawable(text: str) -> str:
    """``text`` as the main typeface can draw it, in both faces, in drawing order.

    For a single-font line (a page header, a picture's words). Composed first (``e`` +
    combining acute becomes ``é``); right-to-left marks and other invisible controls the
    font lacks are dropped; Arabic is shaped and right-to-left runs reordered; any other
    character it cannot draw becomes U+FFFD, so the reader sees that something was there.
    """
    return "".join(ch if _face(ch, False) else REPLACEMENT for ch in _visual(text))


def paragraph_markup(text: str) -> str:
    """reportlab paragraph markup for ``text``, taken literally, line breaks kept.

    Like ``drawable``, but a character only the fallback face draws is put in a
    ``<font>`` run in that face instead of being replaced.
    """
    out = []
    for face, run in groupby(_visual(text), key=lambda ch: _face(ch, True)):
        chars = "".join(run)
        if face == FALLBACK:
            out.append(f'<font name="{FALLBACK}">{escape(chars)}</font>')
        else:
            out.append(escape(chars) if face else REPLACEMENT * len(chars))
    return "".join(out).replace("\n", "<br/>")
