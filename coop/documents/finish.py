"""After reportlab: write the structure tree and the accessibility metadata with pikepdf.

reportlab has no tagging API, so the PDF it writes has marked content on its pages but no
structure tree. This module adds what PDF/UA asks of the file as a whole: the tree and its
parent tree, ``/MarkInfo``, ``/Lang``, the title shown by the viewer, XMP with the PDF/UA
identifier, and tab order following the structure.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from pikepdf.models.metadata import encode_pdf_date

from coop.documents.structure import Node

# page index -> MCID -> the structure element that owns it.
ParentMap = dict[int, dict[int, pikepdf.Object]]


@dataclass(frozen=True)
class Metadata:
    title: str
    lang: str
    created: dt.datetime


def finish(raw: bytes, root: Node, meta: Metadata) -> bytes:
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        _write_structure(pdf, root)
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.Lang = String(meta.lang)
        prefs = pdf.Root.get("/ViewerPreferences", Dictionary())
        prefs.DisplayDocTitle = True
        pdf.Root.ViewerPreferences = prefs
        _write_metadata(pdf, meta)
        out = io.BytesIO()
        # deterministic_id: the same document and date always give the same bytes.
        pdf.save(out, deterministic_id=True, min_version="1.7")
    return out.getvalue()


def _write_structure(pdf: pikepdf.Pdf, root: Node) -> None:
    pages = [page.obj for page in pdf.pages]
    struct_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    parents: ParentMap = defaultdict(dict)
    struct_root.K = _element(pdf, root, struct_root, pages, parents)

    nums = Array()
    for index, page in enumerate(pages):
        page.StructParents = index
        # Tab order follows the structure, which PDF/UA asks for on every page.
        page.Tabs = Name.S
        owners = parents.get(index, {})
        if sorted(owners) != list(range(len(owners))):
            raise RuntimeError(f"MCIDs on page {index + 1} are not numbered 0..n-1")
        nums.append(index)
        nums.append(pdf.make_indirect(Array([owners[m] for m in range(len(owners))])))
    struct_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    struct_root.ParentTreeNextKey = len(pages)
    pdf.Root.StructTreeRoot = struct_root


def _element(
    pdf: pikepdf.Pdf,
    node: Node,
    parent: pikepdf.Object,
    pages: list[pikepdf.Object],
    parents: ParentMap,
) -> pikepdf.Object:
    element = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent))
    if node.alt:
        element.Alt = String(node.alt)
    attributes = _attributes(node)
    if attributes:
        element.A = attributes[0] if len(attributes) == 1 else Array(attributes)

    refs = node.refs
    home = refs[0].page if refs else None
    if home is not None:
        element.Pg = pages[home]
    kids = Array()
    for child in node.children:
        if isinstance(child, Node):
            # An element that never reached the page (an empty table body) would be an
            # empty heading or cell to a screen reader: leave it out.
            if child.has_content():
                kids.append(_element(pdf, child, element, pages, parents))
            continue
        parents[child.page][child.mcid] = element
        if child.page == home:
            kids.append(child.mcid)
        else:
            # Content on another page than the element's /Pg needs a marked-content
            # reference naming its page (a paragraph continued over a page break).
            kids.append(Dictionary(Type=Name.MCR, Pg=pages[child.page], MCID=child.mcid))
    # A lone kid is written bare: it is the common form, and pdfua 0.1.3's empty-heading
    # check crashes on a heading whose /K is an array.
    element.K = kids[0] if len(kids) == 1 else kids
    return element


def _attributes(node: Node) -> list[Dictionary]:
    out = []
    if node.attributes:
        out.append(Dictionary({f"/{k}": Name("/" + v) for k, v in node.attributes.items()}))
    if node.bbox is not None:
        out.append(Dictionary(O=Name.Layout, BBox=Array([round(v, 2) for v in node.bbox])))
    return out


def _write_metadata(pdf: pikepdf.Pdf, meta: Metadata) -> None:
    stamp = encode_pdf_date(meta.created)
    pdf.docinfo[Name.Title] = String(meta.title)
    pdf.docinfo[Name.CreationDate] = String(stamp)
    pdf.docinfo[Name.ModDate] = String(stamp)
    # reportlab writes /Trapped, which has no XMP equivalent and only matters to printers.
    if Name.Trapped in pdf.docinfo:
        del pdf.docinfo[Name.Trapped]
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp.load_from_docinfo(pdf.docinfo)
        xmp["dc:title"] = meta.title
        xmp["dc:language"] = {meta.lang}
        xmp["pdfuaid:part"] = "1"
