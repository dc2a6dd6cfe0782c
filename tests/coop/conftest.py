"""Sample documents for the document-engine tests: no database, no Django."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from PIL import Image as PILImage
from reportlab.graphics.shapes import Circle, Drawing, Rect

from coop.documents import (
    Block,
    BulletList,
    DataTable,
    Document,
    Heading,
    Para,
    PictureRow,
    QRCode,
    Strong,
    Style,
)

CREATED = dt.datetime(2025, 3, 14, 10, 0, tzinfo=dt.UTC)
LONG_SENTENCE = "We meet on Saturday 14 March at the hall on the High Street. "


class Samples:
    """Sample material, handed to tests as the ``samples`` fixture (test modules cannot
    import this conftest under pytest's importlib import mode)."""

    created = CREATED

    @staticmethod
    def key_drawing() -> Drawing:
        return key_drawing()

    @staticmethod
    def png(width: int = 120, height: int = 90) -> bytes:
        return png(width, height)

    @staticmethod
    def register_rows(count: int) -> list[list[str]]:
        return register_rows(count)

    @staticmethod
    def letter_blocks() -> list[Block]:
        return letter_blocks()


@pytest.fixture(scope="session")
def samples() -> type[Samples]:
    return Samples


def key_drawing() -> Drawing:
    """A simple vector picture with no text in it."""
    drawing = Drawing(100, 60)
    drawing.add(Circle(22, 30, 16, fillColor=None, strokeWidth=6))
    drawing.add(Rect(40, 26, 55, 8))
    return drawing


def png(width: int = 120, height: int = 90) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 110, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def register_rows(count: int) -> list[list[str]]:
    return [
        [
            f"Member {n:03d}",
            f"{n} High Street, Northfield, NF{n % 9} 2AB",
            "Saturday 14 March 2024",
            "" if n % 5 else "Friday 3 January 2025",
        ]
        for n in range(1, count + 1)
    ]


def letter_blocks() -> list[Block]:
    """An easy-read sign-in letter using every kind of block, long enough for two pages."""
    return [
        Heading("Sign in to coop"),
        PictureRow(
            image=key_drawing(),
            alt="A key",
            paragraphs=["Scan the square with your phone.", "It signs you in."],
        ),
        QRCode("https://coop.example/s/abc123", alt="QR code that opens your sign-in link"),
        Para("The link works ", Strong("once"), ". Joining costs £5."),
        Heading("What to bring", level=2),
        BulletList(["This letter", "£5 for the trip", "A friend, if you like"]),
        Para(LONG_SENTENCE * 30),
        DataTable(
            header=["Name", "Address", "Date admitted", "Date ceased"],
            rows=register_rows(12),
            caption="Who is on the register",
            widths=[3, 4, 2.5, 2.5],
        ),
    ]


@pytest.fixture(scope="session")
def render() -> Callable[..., bytes]:
    def _render(blocks: list[Block], style: Style = Style.EASY_READ, title: str = "") -> bytes:
        return Document(title or "Your sign-in letter", style=style, created=CREATED).render(blocks)

    return _render


@pytest.fixture(scope="session")
def letters(render: Callable[..., bytes]) -> dict[Style, bytes]:
    """The sample letter in each style, rendered once for the whole session."""
    return {style: render(letter_blocks(), style) for style in Style}


@pytest.fixture(scope="session")
def register_pdf(render: Callable[..., bytes]) -> bytes:
    """A membership register long enough to run over several pages."""
    table = DataTable(
        header=["Name", "Address", "Date admitted", "Date ceased"],
        rows=register_rows(150),
        caption="Membership register",
        widths=[3, 4, 2.5, 2.5],
    )
    return render([Heading("Membership register"), table], Style.STANDARD, "Membership register")
