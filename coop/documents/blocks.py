"""The declarative building blocks a document is made of.

These are plain values: they check what can be checked at once (a picture has a text
alternative, a table row has one cell per column) and know nothing of reportlab. The layout
module turns them into tagged flowables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.shapes import Drawing

# A picture: a file path, the bytes of a PNG/JPEG/GIF, or a reportlab vector Drawing.
ImageSource = str | Path | bytes | Drawing


def _require_alt(alt: str, what: str) -> str:
    if not alt or not alt.strip():
        raise ValueError(
            f"{what} needs alt text: a picture with no text alternative is invisible to "
            "someone using a screen reader."
        )
    return alt.strip()


def _require_text(text: str, what: str) -> str:
    if not text or not text.strip():
        raise ValueError(f"{what} cannot be empty.")
    return text


@dataclass(frozen=True)
class Strong:
    """Bold words inside a paragraph: the only emphasis easy read allows."""

    text: str


Inline = str | Strong


@dataclass(frozen=True, init=False)
class Para:
    """A paragraph. ``Para("Bring ", Strong("£5"), ".")``; a newline starts a new line.

    Text is always taken literally (``<`` and ``&`` are shown, never read as markup), so a
    member's name or address can be passed straight in.
    """

    parts: tuple[Inline, ...]

    def __init__(self, *parts: Inline) -> None:
        if not parts or not "".join(_plain(p) for p in parts).strip():
            raise ValueError("A paragraph cannot be empty.")
        for part in parts:
            if not isinstance(part, str | Strong):
                raise TypeError(f"Para takes str or Strong, not {type(part).__name__}")
        object.__setattr__(self, "parts", tuple(parts))

    @property
    def text(self) -> str:
        return "".join(_plain(p) for p in self.parts)


def _plain(part: Inline) -> str:
    return part.text if isinstance(part, Strong) else part


def as_para(value: str | Para) -> Para:
    return value if isinstance(value, Para) else Para(value)


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the document's main heading, 2 and 3 are sections within it."""

    text: str
    level: int = 1

    def __post_init__(self) -> None:
        _require_text(self.text, "A heading")
        if self.level not in (1, 2, 3):
            raise ValueError(f"Heading level must be 1, 2 or 3, not {self.level}")


@dataclass(frozen=True)
class Picture:
    """A picture on its own line, ``width`` in points (default: the style's picture width)."""

    image: ImageSource
    alt: str
    width: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "alt", _require_alt(self.alt, "A picture"))


@dataclass(frozen=True, init=False)
class BarLine:
    """Words with a bar just under them, as long as ``value`` is of ``most`` (the longest
    bar it is read against). The bar only shows the size of the figure the words say, so it
    is drawn as an artifact a screen reader skips: the figure belongs in the words.
    """

    words: Para
    value: int
    most: int

    def __init__(self, words: str | Para, value: int, most: int) -> None:
        if not 0 <= value <= most:
            raise ValueError(
                f"A bar's value must be from 0 to the most it is read against, not {value} of "
                f"{most}."
            )
        object.__setattr__(self, "words", as_para(words))
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "most", most)

    @property
    def share(self) -> float:
        """How much of the full length the bar takes, from 0 to 1."""
        return self.value / self.most if self.most else 0.0


# What a picture row holds beside its picture.
Line = Para | BarLine


@dataclass(frozen=True, init=False)
class PictureRow:
    """The easy-read pattern: a picture on the left, its words on the right.

    ``image`` may be None for a row of words that lines up with the rows that have pictures;
    then ``alt`` is not needed. A line may be a ``BarLine``: words with their bar.
    """

    image: ImageSource | None
    alt: str
    paragraphs: tuple[Line, ...]

    def __init__(
        self,
        image: ImageSource | None,
        alt: str = "",
        paragraphs: Sequence[str | Line] = (),
    ) -> None:
        if isinstance(paragraphs, str | Para | BarLine):
            paragraphs = [paragraphs]
        if not paragraphs:
            raise ValueError("A picture row needs at least one paragraph of words.")
        if image is not None:
            alt = _require_alt(alt, "A picture row's picture")
        object.__setattr__(self, "image", image)
        object.__setattr__(self, "alt", alt)
        lines = tuple(p if isinstance(p, BarLine) else as_para(p) for p in paragraphs)
        object.__setattr__(self, "paragraphs", lines)


@dataclass(frozen=True, init=False)
class BulletList:
    """A list; ``numbered`` shows 1. 2. 3. instead of bullets (use it when order matters)."""

    items: tuple[Para, ...]
    numbered: bool

    def __init__(self, items: Sequence[str | Para], *, numbered: bool = False) -> None:
        if not items:
            raise ValueError("A list needs at least one item.")
        object.__setattr__(self, "items", tuple(as_para(i) for i in items))
        object.__setattr__(self, "numbered", numbered)


@dataclass(frozen=True, init=False)
class DataTable:
    """A table with one header row; it may run over many pages, repeating the header.

    ``widths`` are relative column widths (e.g. ``[3, 4, 2, 2]``); by default all equal.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None
    widths: tuple[float, ...] | None
    zebra: bool

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        caption: str | None = None,
        widths: Sequence[float] | None = None,
        zebra: bool = True,
    ) -> None:
        if not header:
            raise ValueError("A table needs a header row, so each column says what it holds.")
        for name in header:
            _require_text(name, "A table column heading")
        for number, row in enumerate(rows, start=1):
            if len(row) != len(header):
                raise ValueError(
                    f"Table row {number} has {len(row)} cells but there are {len(header)} columns"
                )
        if widths is not None and (len(widths) != len(header) or min(widths) <= 0):
            raise ValueError("widths needs one positive number per column")
        object.__setattr__(self, "header", tuple(header))
        object.__setattr__(self, "rows", tuple(tuple(str(c) for c in row) for row in rows))
        object.__setattr__(self, "caption", caption)
        object.__setattr__(self, "widths", tuple(widths) if widths is not None else None)
        object.__setattr__(self, "zebra", zebra)


@dataclass(frozen=True)
class QRCode:
    """A QR code for a phone to scan; ``alt`` says what it does, not what it looks like."""

    data: str
    alt: str
    size: float | None = None

    def __post_init__(self) -> None:
        _require_text(self.data, "A QR code's data")
        object.__setattr__(self, "alt", _require_alt(self.alt, "A QR code"))


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


@dataclass(frozen=True)
class Gap:
    """Extra vertical space, in points."""

    height: float


Block = (
    Heading
    | Para
    | BarLine
    | Picture
    | PictureRow
    | BulletList
    | DataTable
    | QRCode
    | PageBreak
    | Gap
)
