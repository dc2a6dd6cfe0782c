"""The meeting pack (agenda and papers) and the minutes as tagged PDFs.

Three versions of the pack: easy-read (16pt and up, a picture left and the words right),
standard (12pt, the standard text of each paper) and large print (the standard text, 18pt
and up). A paper whose standard version is an uploaded PDF is named in the standard packs
with where to find it: another PDF's tags cannot be merged into ours faithfully.
"""

from django.conf import settings
from django.utils import timezone

from board.meetings.models import PAPER_PICTURES, Meeting, Paper
from board.meetings.papers.generated import GeneratedPaper
from board.meetings.papers.minutes import minutes_paper
from board.meetings.papers.text import blocks_of
from coop.dates import easy_date, easy_time
from coop.documents import BulletList, Document, Heading, Para, Strong, Style
from coop.errors import CoopError
from coop.pictures import picture_row

__all__ = ["VERSIONS", "minutes_pdf", "pack_blocks", "pack_pdf", "paper_pdf"]

VERSIONS = {
    "easy-read": Style.EASY_READ,
    "standard": Style.STANDARD,
    "large-print": Style.LARGE_PRINT,
}
VERSION_LABELS = {"easy-read": "Easy read", "standard": "Standard", "large-print": "Large print"}
# One word for one idea: an agenda item or a paper only the board sees is "private"
# everywhere (the meeting pages, the pack, the forms), never "confidential".
PRIVATE_MARK = " (private: only for the board)"
PRIVATE_NOTE = "Private: only the board sees this paper."


def check_version(version: str) -> Style:
    if version not in VERSIONS:
        raise CoopError(
            f"{version!r} is not a version of the papers. Choose easy-read, standard or "
            "large-print.",
            code="bad_version",
        )
    return VERSIONS[version]


def _words(text: str) -> list[str]:
    """The lines of an easy-read part beside its picture: list items keep a bullet."""
    lines: list[str] = []
    for block in blocks_of(text, headings=False):
        if block.kind == "list":
            lines += [f"• {item}" for item in block.text]
        else:
            lines.append(str(block.text))
    return lines


def easy_read_part_blocks(heading: str, words: str, picture: str, alt: str) -> list:
    """A part's words beside its picture (the services make sure there are words)."""
    lines: list = [Para(Strong(heading))] if heading else []
    return [picture_row(picture, alt, lines + _words(words))]


def _standard_blocks(text: str) -> list:
    blocks: list = []
    for block in blocks_of(text):
        if block.kind == "heading":
            blocks.append(Para(Strong(str(block.text))))
        elif block.kind == "list":
            blocks.append(BulletList(list(block.text)))
        else:
            blocks.append(Para(str(block.text)))
    return blocks


def _paper_blocks(paper: Paper, version: str, *, level: int = 3) -> list:
    """A paper under its own heading: level 3 in the pack, 1 when it stands alone."""
    title = paper.title + (PRIVATE_MARK if paper.confidential else "")
    blocks: list = [Heading(title, level)]
    if paper.confidential:
        blocks.append(Para(Strong(PRIVATE_NOTE)))
    if version == "easy-read":
        parts = list(paper.parts.all())
        for part in parts:
            blocks += easy_read_part_blocks(
                part.heading, part.words, part.picture, part.picture_alt
            )
        if not parts:
            blocks.append(Para("There is no easy-read version of this paper yet."))
    elif paper.standard_text.strip():
        blocks += _standard_blocks(paper.standard_text)
    elif paper.standard_pdf:
        blocks.append(
            Para(
                "This paper is a separate PDF file. Download it from the meeting page on "
                f"{settings.SITE_URL}."
            )
        )
    else:
        blocks.append(Para("There is no standard version of this paper yet."))
    return blocks


def pack_blocks(meeting: Meeting, version: str) -> list:
    """The agenda and every paper of the meeting, in agenda order. For the board only:
    confidential papers are in it, marked."""
    check_version(version)
    items = list(
        meeting.items.prefetch_related("papers__parts")
        .select_related("presenter")
        .order_by("position", "pk")
    )
    easy = version == "easy-read"
    where = meeting.place or "Online"
    blocks: list = [Heading(f"Board meeting pack: {meeting.title}")]
    if easy:
        blocks += easy_read_part_blocks(
            "When",
            f"{easy_date(meeting.starts_at, with_year=True)}.\n"
            f"We start at {easy_time(meeting.starts_at)}.",
            "coop/pictures/calendar.svg",
            "A calendar",
        )
        blocks += easy_read_part_blocks(
            "Where",
            where
            + (
                f".\nYou can join on a video call: {meeting.call_link}"
                if meeting.call_link
                else "."
            ),
            "board/pictures/house.svg",
            "A house",
        )
    else:
        blocks.append(
            Para(
                f"{meeting.starts_at:%A %d %B %Y} at {easy_time(meeting.starts_at)}. "
                f"Place: {where}."
                + (f" Video call: {meeting.call_link}" if meeting.call_link else "")
            )
        )
    blocks.append(Heading("What we will talk about" if easy else "Agenda", 2))
    if items:
        blocks.append(BulletList([item.title for item in items], numbered=True))
    else:
        blocks.append(Para("There is nothing on the agenda yet."))
    for number, item in enumerate(items, start=1):
        blocks.append(Heading(f"{number}. {item.title}", 2))
        summary = item.summary.strip() or "No summary yet."
        lines = [summary]
        if item.presenter_id:
            lines.append(f"{item.presenter.display_name} will talk about this.")
        if item.decision_needed:
            lines.append("We need to decide something." if easy else "Decision needed.")
        if easy:
            blocks += easy_read_part_blocks("", "\n\n".join(lines), "", "")
        else:
            blocks += [Para(line) for line in lines]
        for paper in item.papers.all():
            blocks += _paper_blocks(paper, version)
    return blocks


def pack_pdf(meeting: Meeting, version: str) -> bytes:
    style = check_version(version)
    return Document(
        f"Board meeting pack: {meeting.title} ({VERSION_LABELS[version]})",
        style=style,
        author=settings.SITE_NAME,
        subject=f"Agenda and papers for the board meeting on {meeting.starts_at:%d %B %Y}",
        created=timezone.now(),
    ).render(pack_blocks(meeting, version))


def paper_pdf(paper: Paper, version: str) -> tuple[bytes, str]:
    """One paper as a PDF and its file name. The standard version of a paper written as an
    uploaded PDF is that file."""
    style = check_version(version)
    if version != "easy-read" and not paper.standard_text.strip() and paper.standard_pdf:
        with paper.standard_pdf.open("rb") as handle:
            return handle.read(), f"paper-{paper.pk}-{version}.pdf"
    blocks = _paper_blocks(paper, version, level=1)
    pdf = Document(
        f"{paper.title} ({VERSION_LABELS[version]})",
        style=style,
        author=settings.SITE_NAME,
        created=timezone.now(),
    ).render(blocks)
    return pdf, f"paper-{paper.pk}-{version}.pdf"


def generated_blocks(paper: GeneratedPaper) -> list:
    blocks: list = []
    for part in paper.parts:
        alt = PAPER_PICTURES.get(part.picture, "")
        blocks += easy_read_part_blocks(part.heading, part.words, part.picture, alt)
    return blocks


def minutes_pdf(meeting: Meeting, *, for_members: bool) -> bytes:
    """The minutes in easy read, as members see them once approved (or as the board sees
    the draft)."""
    paper = minutes_paper(meeting, for_members=for_members)
    status = "" if meeting.status == Meeting.Status.MINUTES_APPROVED else " (draft)"
    return Document(
        f"{paper.title}{status}",
        style=Style.EASY_READ,
        author=settings.SITE_NAME,
        created=timezone.now(),
    ).render([Heading(paper.title + status), *generated_blocks(paper)])
