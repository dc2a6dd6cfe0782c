"""Uploaded PDFs, opened with a PDF library and kept only as clean copies.

The first bytes of a file prove little: ``%PDF-`` followed by a web page passes a check of
the first five bytes. So an upload is opened with pikepdf (qpdf) and refused when it is
not a readable PDF with at least one page, or is locked with a password. What can act on
its own when the file is opened or clicked is then taken out, and the cleaned copy is what
we keep: scripts (``/JS``, ``/JavaScript``), actions run on opening or on events
(``/OpenAction``, ``/AA``), actions that start programs, send form data or open other
files (``/Launch``, ``/SubmitForm``, ``/ImportData``, ``/GoToR``, ``/GoToE``, rich media),
embedded files and XFA forms. Ordinary links (``/URI``) and page jumps stay. A file with
nothing to take out is kept byte for byte, so a digitally signed receipt stays signed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO

import pikepdf
from django.core.files.base import ContentFile
from pikepdf import Array, Dictionary, Name

from coop.errors import CoopError

NOT_A_PDF = "This file is not a PDF we can open. Please choose a PDF file."
LOCKED_PDF = "This PDF is locked with a password. Please choose a copy without a password."

_RISKY_ACTIONS = {
    Name.JavaScript,
    Name.Launch,
    Name.SubmitForm,
    Name.ImportData,
    Name.GoToR,
    Name.GoToE,
    Name.RichMediaExecute,
    Name.Rendition,
    Name.Movie,
    Name.Sound,
}
# Keys that run something without the reader asking, wherever they appear.
_AUTOMATIC = (Name.OpenAction, Name.AA, Name.JS)


def _risky(action: object) -> bool:
    return isinstance(action, Dictionary) and action.get(Name.S) in _RISKY_ACTIONS


def _dictionaries(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    """Every dictionary in the file: each object, and the dictionaries written inside
    another object rather than as objects of their own."""

    def inside(obj: object) -> Iterator[Dictionary]:
        if isinstance(obj, Dictionary | Array):
            if isinstance(obj, Dictionary):
                yield obj
            children = obj.values() if isinstance(obj, Dictionary) else obj
            for child in children:
                if isinstance(child, Dictionary | Array) and not child.is_indirect:
                    yield from inside(child)

    for obj in pdf.objects:
        yield from inside(obj)


def _strip(pdf: pikepdf.Pdf) -> int:
    """Take every script and risky action out of ``pdf``; return how many were taken."""
    taken = 0
    for obj in list(_dictionaries(pdf)):
        for key in _AUTOMATIC:
            if key in obj:
                del obj[key]
                taken += 1
        # A link or a form field whose action is risky loses the action, keeping the rest.
        if Name.A in obj and _risky(obj[Name.A]):
            del obj[Name.A]
            taken += 1
        if Name.Next in obj and _risky(obj[Name.Next]):
            del obj[Name.Next]
            taken += 1
    names = pdf.Root.get(Name.Names)
    if isinstance(names, Dictionary):
        for key in (Name.JavaScript, Name.EmbeddedFiles):
            if key in names:
                del names[key]
                taken += 1
    form = pdf.Root.get(Name.AcroForm)
    if isinstance(form, Dictionary) and Name.XFA in form:
        del form[Name.XFA]
        taken += 1
    return taken


def pdf_cleaned(upload: IO[bytes], name: str = "") -> ContentFile:
    """A clean copy of the uploaded PDF, to keep in its place (the file itself when there
    was nothing to take out). Raises CoopError (in plain
    words) when it is not a PDF we can open or is locked with a password."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) == 0:
                raise CoopError(NOT_A_PDF, code="not_a_pdf")
            if _strip(pdf):
                out = io.BytesIO()
                pdf.save(out, deterministic_id=True)
                data = out.getvalue()
    except pikepdf.PasswordError:
        raise CoopError(LOCKED_PDF, code="locked_pdf") from None
    except (pikepdf.PdfError, RecursionError, ValueError):
        raise CoopError(NOT_A_PDF, code="not_a_pdf") from None
    return ContentFile(data, name=name or getattr(upload, "name", "") or "file.pdf")
