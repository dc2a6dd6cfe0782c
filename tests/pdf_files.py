"""PDF files for upload tests, made in the test with pikepdf."""

import io
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, String


def _saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def plain_pdf() -> bytes:
    """A real one-page PDF with nothing in it that acts on its own."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    return _saved(pdf)


def scripted_pdf() -> bytes:
    """A PDF that runs a script when opened, starts a program when its page opens, has a
    link that runs a script beside an ordinary web link, and a document-level script."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert('opened')"))
    page = pdf.pages[0].obj
    page.AA = Dictionary(O=Dictionary(S=Name.Launch, F=String("calc.exe")))
    page.Annots = Array(
        [
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Link,
                Rect=[0, 0, 10, 10],
                A=Dictionary(S=Name.JavaScript, JS=String("app.alert('clicked')")),
            ),
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Link,
                Rect=[20, 0, 30, 10],
                A=Dictionary(S=Name.URI, URI=String("https://example.org/")),
            ),
        ]
    )
    script = Dictionary(S=Name.JavaScript, JS=String("app.alert('named')"))
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("a"), script])))
    return _saved(pdf)


# Starts like a PDF, but is a web page with a script.
HTML_PDF = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def _walk(obj, seen: set) -> list[Dictionary]:
    """Every dictionary reachable from ``obj``, direct or not."""
    if isinstance(obj, Dictionary | Array):
        if obj.is_indirect:
            if obj.objgen in seen:
                return []
            seen.add(obj.objgen)
        children = list(obj.values()) if isinstance(obj, Dictionary) else list(obj)
        found = [obj] if isinstance(obj, Dictionary) else []
        for child in children:
            found += _walk(child, seen)
        return found
    return []


def _dictionaries(data: bytes) -> Iterator[Dictionary]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        yield from _walk(pdf.trailer, set())


def actions_in(data: bytes) -> list[str]:
    """Every script or automatic action left in a PDF, found by opening it."""
    found = []
    for obj in _dictionaries(data):
        found += [str(k) for k in (Name.OpenAction, Name.AA, Name.JS, Name.JavaScript) if k in obj]
        if obj.get(Name.S) in (Name.JavaScript, Name.Launch):
            found.append(str(obj.S))
    return found


def links_in(data: bytes) -> list[str]:
    return [str(obj.URI) for obj in _dictionaries(data) if obj.get(Name.S) == Name.URI]
