"""The logical structure of a document, and the marked content that ties it to the page.

reportlab only draws; it knows nothing of headings or tables. So we keep our own tree of
structure ``Node``s (built before layout, in reading order) and, while reportlab draws,
``Marker`` wraps each piece of drawing in ``/Role <</MCID n>> BDC … EMC`` and records on the
node which page and MCID it drew. A paragraph that reportlab splits across pages is drawn
twice, so its node simply collects two ``ContentRef``s. After the build,
``coop.documents.finish`` turns the tree into the PDF's ``/StructTreeRoot``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class ContentRef:
    """One marked-content sequence: ``page`` is 0-based, ``mcid`` is unique on that page."""

    page: int
    mcid: int


@dataclass(eq=False)
class Node:
    """A structure element: ``role`` is a standard PDF structure type (H1, P, TD, …)."""

    role: str
    alt: str | None = None
    # Attribute dictionary entries, e.g. {"O": "Table", "Scope": "Column"} for a TH.
    attributes: dict[str, str] = field(default_factory=dict)
    children: list[Node | ContentRef] = field(default_factory=list)
    # Where a Figure was drawn (x0, y0, x1, y1 in points on its first page), for reflow.
    bbox: tuple[float, float, float, float] | None = None

    def add(self, role: str, *, alt: str | None = None, **attributes: str) -> Node:
        child = Node(role, alt=alt, attributes=attributes)
        self.children.append(child)
        return child

    @property
    def refs(self) -> list[ContentRef]:
        return [child for child in self.children if isinstance(child, ContentRef)]

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def has_content(self) -> bool:
        return any(node.refs for node in self.walk())


class Marker:
    """Hands out MCIDs per page and writes the marked-content operators around drawing.

    MCIDs must start at 0 on each page and run without gaps, because the parent tree maps
    them to elements by array index.
    """

    def __init__(self) -> None:
        self._next_mcid: dict[int, int] = {}

    def begin(self, canvas: Canvas, node: Node) -> ContentRef:
        page = canvas.getPageNumber() - 1
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        ref = ContentRef(page, mcid)
        node.children.append(ref)
        canvas.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")
        return ref

    @staticmethod
    def end(canvas: Canvas) -> None:
        canvas.addLiteral("EMC")

    @contextmanager
    def marked(self, canvas: Canvas, node: Node) -> Iterator[ContentRef]:
        ref = self.begin(canvas, node)
        yield ref
        self.end(canvas)

    @staticmethod
    def begin_artifact(canvas: Canvas, kind: str | None = None) -> None:
        """Start page furniture that a screen reader should skip (rules, fills, footers)."""
        if kind is None:
            canvas.addLiteral("/Artifact BMC")
        else:
            canvas.addLiteral(f"/Artifact <</Type /Pagination /Subtype /{kind}>> BDC")

    @contextmanager
    def artifact(self, canvas: Canvas, kind: str | None = None) -> Iterator[None]:
        self.begin_artifact(canvas, kind)
        yield
        self.end(canvas)
