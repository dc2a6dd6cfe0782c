"""Turning a picture source (path, bytes or vector Drawing) or a QR code into a flowable."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.graphics.barcode.qr import QrCode
from reportlab.graphics.shapes import Drawing, Group, String, mmult
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image

from coop.documents.blocks import ImageSource
from coop.documents.fonts import BOLD, REGULAR, drawable


def picture_flowable(source: ImageSource, width: float, max_height: float) -> Flowable:
    """Scale the picture to ``width`` (or less, to stay under ``max_height``), keeping shape."""
    if isinstance(source, Drawing):
        return _scaled_drawing(source, width, max_height)
    handle: str | io.BytesIO = (
        io.BytesIO(source) if isinstance(source, bytes) else str(Path(source))
    )
    pixel_w, pixel_h = ImageReader(handle).getSize()
    if isinstance(handle, io.BytesIO):
        handle.seek(0)
    scale = min(width / pixel_w, max_height / pixel_h)
    picture = Image(handle, width=pixel_w * scale, height=pixel_h * scale)
    picture.hAlign = "LEFT"
    return picture


def qr_flowable(data: str, size: float) -> Flowable:
    """A QR code drawn straight onto the page as vectors, so it stays sharp on any printer.

    reportlab's ``QrCode`` flowable shares ``QrCodeWidget``'s encoder but skips building a
    shape object per module, which makes it several times faster. Level M survives a crease
    or a smudge on a posted letter better than the default L; the 4-module quiet zone is
    the white border scanners need to find the code.
    """
    code = QrCode(data, width=size, height=size, qrLevel="M", qrBorder=4)
    code.hAlign = "LEFT"
    return code


def _scaled_drawing(source: Drawing, width: float, max_height: float) -> Drawing:
    # A fresh tree of primitives, so fixing its fonts never changes the caller's drawing.
    expanded = source.expandUserNodes()
    _use_document_fonts(expanded)
    scale = min(width / source.width, max_height / source.height)
    drawing = Drawing(source.width * scale, source.height * scale)
    group = Group(*expanded.contents)
    group.transform = mmult((scale, 0, 0, scale, 0, 0), expanded.transform)
    drawing.add(group)
    return _left_aligned_in_our_font(drawing)


def _left_aligned_in_our_font(drawing: Drawing) -> Drawing:
    drawing.hAlign = "LEFT"
    # The renderer sets this font at the start of every drawing, text or not; left at its
    # default that would be Helvetica, never embedded.
    drawing.initialFontName = REGULAR
    return drawing


def _use_document_fonts(node: object) -> None:
    """Point every text label at the embedded typeface, with only what it can draw.

    reportlab's shapes default to Helvetica, which would be an unembedded font in the PDF.
    """
    if isinstance(node, String):
        node.fontName = BOLD if "bold" in str(node.fontName).lower() else REGULAR
        node.text = drawable(node.text)
    elif isinstance(node, Group):
        for child in node.contents:
            _use_document_fonts(child)
