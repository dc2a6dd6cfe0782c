"""``Document``: lays the blocks out on A4 pages, then tags and finishes the PDF."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from coop.documents.blocks import Block
from coop.documents.finish import Metadata, finish
from coop.documents.fonts import REGULAR, drawable, register_fonts, spoken
from coop.documents.layout import Layout
from coop.documents.page import Footer, PageCanvas
from coop.documents.structure import Marker, Node
from coop.documents.styles import Style, StyleSpec, Typography


class Document:
    """An accessible A4 PDF: see the package docstring for the blocks it takes."""

    def __init__(
        self,
        title: str,
        *,
        style: Style | StyleSpec = Style.STANDARD,
        author: str = "coop",
        subject: str = "",
        lang: str = "en-GB",
        created: dt.datetime | None = None,
    ) -> None:
        if not title or not title.strip():
            raise ValueError("A document needs a title: screen readers announce it first.")
        self.title = spoken(title.strip())
        self.spec = style.spec if isinstance(style, Style) else style
        self.author = author
        self.subject = subject
        self.lang = lang
        self.created = created or dt.datetime.now(dt.UTC)

    def render(self, blocks: Iterable[Block | str]) -> bytes:
        """Lay out ``blocks`` (a plain string is a paragraph) and return the PDF's bytes."""
        register_fonts()
        spec = self.spec
        root = Node("Document")
        marker = Marker()
        page_width, page_height = A4
        text_width = page_width - 2 * spec.margin
        flowables = Layout(Typography(spec), marker, root, text_width).flowables(blocks)
        if not flowables:
            raise ValueError("A document needs at least one block.")

        footer = Footer(drawable(self.title), spec, page_width)
        frame = Frame(
            spec.margin,
            footer.top,
            text_width,
            page_height - spec.margin - footer.top,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        buffer = io.BytesIO()
        template = BaseDocTemplate(
            buffer,
            pagesize=A4,
            pageTemplates=[PageTemplate(id="page", frames=[frame])],
            title=self.title,
            author=self.author,
            subject=self.subject,
            creator="coop",
            lang=self.lang,
            displayDocTitle=True,
            # Without these the canvas starts every page in Helvetica, which is never embedded.
            initialFontName=REGULAR,
            initialFontSize=spec.body_size,
            # reportlab's own dates and IDs are replaced in finish(); keep them fixed here.
            invariant=1,
        )
        template.build(flowables, canvasmaker=partial(PageCanvas, footer=footer))
        meta = Metadata(title=self.title, lang=self.lang, created=self.created)
        return finish(buffer.getvalue(), root, meta)
