"""The text format board papers are written in, kept small on purpose so that what is
written is what prints: a blank line starts a new paragraph, a line starting "- " is a list
item, and (in the standard version) a line starting "# " is a heading.

    blocks_of("# Money\nWe spent £300.\n\n- Trips\n- Food")
    [Block("heading", "Money"), Block("para", "We spent £300."),
     Block("list", ("Trips", "Food"))]
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

__all__ = ["Block", "blocks_html", "blocks_of", "plain_sentences"]


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "para" or "list"
    text: str | tuple[str, ...]


def blocks_of(text: str, *, headings: bool = True) -> list[Block]:
    """The paragraphs, lists and (with headings=True) headings of a text, in order."""
    blocks: list[Block] = []
    para: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()
        if items:
            blocks.append(Block("list", tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- ") or line == "-":
            if para:
                flush()
            if line[2:].strip():
                items.append(line[2:].strip())
        elif headings and line.startswith("# "):
            flush()
            blocks.append(Block("heading", line[2:].strip()))
        else:
            if items:
                flush()
            para.append(line)
    flush()
    return blocks


def blocks_html(blocks: list[Block]) -> SafeString:
    """The blocks as HTML, each piece of text escaped: a heading is an h4 (under a paper's
    h3), a list a ul. Written in Python, not a template: a pack has one a paper and part.
    Escaped with html.escape, as Django's escape() does, without that function's wrapper
    for lazy text (which cost more than the escaping, once a line)."""
    html = []
    for block in blocks:
        if block.kind == "heading":
            html.append(f"<h4>{escape(block.text)}</h4>")
        elif block.kind == "list":
            lines = "".join(f"<li>{escape(line)}</li>" for line in block.text)
            html.append(f"<ul>{lines}</ul>")
        else:
            html.append(f"<p>{escape(block.text)}</p>")
    return mark_safe("".join(html))  # noqa: S308 - every piece of text is escaped above


def plain_sentences(text: str) -> str:
    """The words of a text with list items as their own lines, for the easy-read checker:
    each list item is judged as a sentence of its own."""
    lines: list[str] = []
    for block in blocks_of(text):
        if block.kind == "list":
            lines += list(block.text)
        else:
            lines.append(str(block.text))
    return "\n".join(lines)
