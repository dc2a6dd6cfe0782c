"""Paragraphs whose wrapped lines end in a real space character.

reportlab drops the space where it wraps a line. On paper nothing is lost, but the tagged
text a screen reader reads then runs the last word of one line into the first word of the
next ("a" + "long" is read as "along"). Tagged PDF expects word breaks to be real space
characters, so each line that ends between two words gets one back. A line that ends
inside a word (reportlab splits a word too long for its column, such as a long web
address) gets none, so the word still reads as one.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph


class _SpacedText(PDFTextObject):
    """A text object told, line by line, whether each line ends between two words."""

    def __init__(self, *args: Any, line_ends: list[bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._line_ends = line_ends
        self._line = 0

    def _textOut(self, text: str, TStar: int = 0) -> None:
        # TStar is set on the last piece of text of each line: the line ends here.
        if TStar:
            index, self._line = self._line, self._line + 1
            between_words = self._line_ends[index] if index < len(self._line_ends) else True
            # An empty piece still gets the space: a line ending in a forced break or a bold
            # word is drawn with an empty last piece.
            if between_words and not text.endswith(" "):
                text += " "
        super()._textOut(text, TStar)


class TextParagraph(Paragraph):
    """A ``Paragraph`` drawn through ``_SpacedText``; use it for all wrapped text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The text as written, forced line breaks as newlines: at each point where a line
        # was wrapped it says what lies there, whitespace or the middle of a word. Parts
        # made by split() have no plain text of their own; split() hands theirs down.
        self._source: str | None = _plain_text(self.frags)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and self._source is not None:
            first, rest = parts
            _, used = match_lines(self._source, [_line_text(x) for x in first.blPara.lines])
            first._source, rest._source = self._source, self._source[used:]
        return parts

    def beginText(self, x: float, y: float) -> PDFTextObject:
        blpara = getattr(self, "blPara", None)
        lines = [_line_text(line) for line in blpara.lines] if blpara else []
        ends, _ = match_lines(self._source or "", lines)
        return _SpacedText(self.canv, x, y, line_ends=ends)


def _plain_text(frags: list[Any]) -> str | None:
    if not all(hasattr(f, "text") for f in frags):
        return None
    return "".join("\n" if getattr(f, "lineBreak", False) else f.text for f in frags)


def _line_text(line: Any) -> str:
    if isinstance(line, tuple):  # single-style lines: (extra space, words)
        return " ".join(line[1])
    text = "".join(getattr(word, "text", "") for word in line.words)
    return text + "\n" if getattr(line, "lineBreak", False) else text


def match_lines(source: str, lines: list[str]) -> tuple[list[bool], int]:
    """For each wrapped line of ``source``, whether it ends between two words; and how much
    of ``source`` the lines cover.

    Lines are matched to the source by their visible characters only, since wrapping
    removes or adds spaces. Where they do not match, lines keep their spaces, to be safe.
    """
    position = 0
    ends = []
    for text in lines:
        for char in text:
            if char.isspace():
                continue
            found = source.find(char, position)
            if found < 0:
                return ends + [True] * (len(lines) - len(ends)), len(source)
            position = found + 1
        ends.append(position >= len(source) or source[position].isspace() or text.endswith("\n"))
    return ends, position
