"""The checks every easy-read PDF passes, in one place: the same ones the what's-on letter,
the reminders and the quarterly report are held to (PDF/UA by pdfua, tagged, its language
and title, every font embedded and none Helvetica or Times, every figure with words, and
nothing under 14pt with the words at 16pt)."""

import io
import tempfile
from pathlib import Path

import pdfplumber
import pdfua
import pikepdf
from pikepdf import Dictionary, Name

from coop.documents import BarLine, Heading, Para, PictureRow
from tests.coop.test_documents import struct_elements


def pdf_text(data: bytes) -> str:
    """Every page's words, each run of spaces and line ends made one space."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def _pdfua_problems(data: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        report = pdfua.validate(str(path))
    return [f"{f.rule_id}: {f.message}" for f in report.findings] + [
        f"skipped {o.rule_id}: {o.skipped_reason}" for o in report.skipped
    ]


def _structure_problems(data: bytes, title: str) -> list[str]:
    problems = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root or not pdf.Root.MarkInfo.Marked:
            problems.append("not tagged")
        if str(pdf.Root.get("/Lang")) != "en-GB":
            problems.append("no language")
        if str(pdf.open_metadata().get("dc:title")) != title:
            problems.append("wrong title")
        for element in struct_elements(pdf):
            if element.get("/S") == "/Figure" and not str(element.get("/Alt", "")).strip():
                problems.append("a figure with no alt text")
        for font in pdf.objects:
            if not isinstance(font, Dictionary) or font.get("/Type") != Name.Font:
                continue
            name = str(font.BaseFont)
            if "Helvetica" in name or "Times" in name:
                problems.append(f"font {name}")
            if "/FontDescriptor" in font and "/FontFile2" not in font.FontDescriptor:
                problems.append(f"font {name} not embedded")
    return problems


def _size_problems(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sizes = {round(char["size"]) for page in pdf.pages for char in page.chars}
    if not sizes or min(sizes) < 14 or 16 not in sizes:
        return [f"text sizes {sorted(sizes)}: easy read is 16pt, nothing under 14pt"]
    return []


def accessible_pdf_problems(data: bytes, *, title: str) -> list[str]:
    """What is wrong with any PDF we make (PDF/UA, tags, language, title, fonts)."""
    return _pdfua_problems(data) + _structure_problems(data, title)


def easy_read_pdf_problems(data: bytes, *, title: str) -> list[str]:
    """Everything wrong with an easy-read PDF; an empty list when it passes."""
    return accessible_pdf_problems(data, title=title) + _size_problems(data)


def figure_alts(data: bytes) -> list[str]:
    """Each figure's alt text, in reading order."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [str(e.Alt) for e in struct_elements(pdf) if e.get("/S") == "/Figure"]


def _sentence(words: str) -> str:
    return words if words.endswith((".", "?", "!", ":")) else words + "."


def block_words(blocks: list) -> str:
    """The words of a document's headings, paragraphs and picture rows, each line a
    sentence, for the easy-read checker (tables and pictures are not sentences)."""
    lines = []
    for block in blocks:
        if isinstance(block, str | Para | Heading):
            lines.append(block if isinstance(block, str) else block.text)
        elif isinstance(block, PictureRow):
            lines += [
                line.words.text if isinstance(line, BarLine) else line.text
                for line in block.paragraphs
            ]
    return "\n".join(_sentence(line) for line in lines)
