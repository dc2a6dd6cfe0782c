"""Accessible (tagged, PDF/UA-minded) PDFs for every document coop makes.

No Django here: it depends only on reportlab and pikepdf, so any part of coop (or a test
with no database) can use it.

Usage::

    from coop.documents import (
        BulletList, DataTable, Document, Heading, Para, PictureRow, QRCode, Strong, Style,
    )

    pdf: bytes = Document("Your sign-in letter", style=Style.EASY_READ).render([
        Heading("Sign in to coop"),
        PictureRow(image=key_png, alt="A key", paragraphs=[
            "Scan the square with your phone.",
            "It signs you in.",
        ]),
        QRCode("https://coop.example/s/abc", alt="QR code that opens your sign-in link"),
        Para("The link works ", Strong("once"), "."),
        DataTable(header=["Name", "Address"], rows=[["Maya Okafor", "1 High Street"]],
                  caption="Members"),
    ])

``Document(title, *, style=Style.STANDARD, author="coop", subject="", lang="en-GB",
created=None)`` — ``render(blocks) -> bytes``. ``created`` (a timezone-aware datetime)
fixes the dates in the file; with it, the same blocks always give the same bytes.

Styles: ``Style.EASY_READ`` (16pt body, nothing under 14pt, 1.5 line spacing),
``Style.STANDARD`` (12pt body), ``Style.LARGE_PRINT`` (nothing under 18pt); or a custom
``StyleSpec``. All are A4, left-aligned, in one embedded sans-serif typeface (DejaVu Sans,
in ``typeface/``; what it cannot draw prints as U+FFFD), with a footer of the title and
"Page N of M".

Blocks (a plain ``str`` in the list is taken as a ``Para``):

- ``Heading(text, level=1)`` — levels 1 to 3, tagged H1–H3. The first heading must be
  level 1 and levels must not be skipped (``render`` raises ``ValueError``).
- ``Para(*parts)`` — parts are ``str`` or ``Strong(str)`` (bold, the only emphasis); text is
  literal (never markup); ``"\\n"`` starts a new line. Tagged P.
- ``Picture(image, alt, width=None)`` — tagged Figure with /Alt.
- ``PictureRow(image, alt, paragraphs)`` — picture left, words right (the easy-read
  pattern); ``image=None`` keeps the words in the same column with no picture.
- ``BarLine(words, value, most)`` — a paragraph with a bar just under it, as long as
  ``value`` is of ``most``; alone or as a line of a ``PictureRow``. The bar is an artifact:
  the words say the figure, so it is said once.
- ``BulletList(items, numbered=False)`` — tagged L › LI › Lbl + LBody.
- ``DataTable(header, rows, caption=None, widths=None, zebra=True)`` — tagged Table ›
  Caption, THead › TR › TH (/Scope /Column), TBody › TR › TD; splits over pages repeating
  its header (the repeat is an artifact: the header is in the structure once). Columns
  are widened where needed so no word is broken. A single row must fit on one page.
- ``QRCode(data, alt, size=None)`` — drawn as vectors, tagged Figure with /Alt.
- ``PageBreak()``, ``Gap(points)``.

An image is a path, the bytes of a PNG/JPEG/GIF, or a reportlab ``Drawing``. Empty alt
text raises ``ValueError`` when the block is made (a picture with no text alternative is a
bug), as does text with a character the typeface cannot draw (it would vanish silently).

Pictures containing words (a ``Drawing`` with ``String``s) are drawn as they are: keep any
words in them at the style's smallest size or more, and say them in the alt text.

How tagging works: ``structure`` (marked content and the tree), ``flowables`` (flowables
that tag what they draw), ``tables`` (TH/TD through ``Table(renderCB=...)``), ``page``
(footer as an artifact, "Page N of M", explicit spaces at line ends) and ``finish`` (the
structure tree, parent tree and metadata, written with pikepdf after reportlab is done).
"""

from coop.documents.blocks import (
    BarLine,
    Block,
    BulletList,
    DataTable,
    Gap,
    Heading,
    ImageSource,
    PageBreak,
    Para,
    Picture,
    PictureRow,
    QRCode,
    Strong,
)
from coop.documents.document import Document
from coop.documents.fonts import drawable, missing_glyphs, paragraph_markup
from coop.documents.styles import Style, StyleSpec

__all__ = [
    "BarLine",
    "Block",
    "BulletList",
    "DataTable",
    "Document",
    "Gap",
    "Heading",
    "ImageSource",
    "PageBreak",
    "Para",
    "Picture",
    "PictureRow",
    "QRCode",
    "Strong",
    "Style",
    "StyleSpec",
    "drawable",
    "missing_glyphs",
    "paragraph_markup",
]
