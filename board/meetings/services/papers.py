"""Board papers: written by the board (a standard version and an easy-read version in
parts), or made by coop from its records until the papers go out. Every change is
audited."""

from typing import Any

from django.db import transaction
from django.db.models import Max

from board.meetings.models import PAPER_PICTURES, AgendaItem, Meeting, Paper, PaperPart
from board.meetings.pack_cache import forget_packs
from board.meetings.papers.content import build_papers
from board.meetings.papers.text import blocks_of
from board.meetings.services.rules import check_editable, meeting_locked
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import CoopError
from coop.pdfs import pdf_cleaned

__all__ = ["paper_add", "paper_update", "papers_refresh", "part_delete", "part_save"]


def _paper_editable(paper: Paper) -> None:
    check_editable(paper.item.meeting)
    if paper.source != AgendaItem.Source.WRITTEN:
        raise CoopError(
            "The website writes this paper from our records. Change the records, not the paper.",
            code="paper_automatic",
        )


@transaction.atomic
def paper_add(
    *,
    item: AgendaItem,
    title: str,
    actor: Actor,
    confidential: bool = False,
    standard_text: str = "",
    standard_pdf=None,
) -> Paper:
    """Add a paper to an agenda item while the agenda may change. Raises CoopError without a
    title, or once the meeting is held."""
    meeting_locked(item.meeting)
    check_editable(item.meeting)
    if not (title or "").strip():
        raise CoopError("Please give the paper a title.")
    if standard_pdf:
        standard_pdf = pdf_cleaned(standard_pdf)  # the form cleaned it too: this is cheap
    paper = Paper.objects.create(
        item=item,
        title=title.strip(),
        confidential=confidential,
        standard_text=standard_text.strip(),
        standard_pdf=standard_pdf or "",
        created_by=saved_user(actor),
    )
    audit(actor=actor, action="paper.added", target=paper, data={"item": item.pk})
    return paper


@transaction.atomic
def paper_update(*, paper: Paper, actor: Actor, **fields: Any) -> Paper:
    """Change a paper the board wrote (title, confidential, standard text or PDF). Raises
    CoopError for coop's own papers, a blank title, or once the meeting is held."""
    meeting_locked(paper.item.meeting)
    _paper_editable(paper)
    unknown = set(fields) - {"title", "confidential", "standard_text", "standard_pdf"}
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))}")
    if "title" in fields and not (fields["title"] or "").strip():
        raise CoopError("Please give the paper a title.")
    changed = {}
    for key, value in fields.items():
        if key == "standard_pdf":
            if not value:
                continue
            value = pdf_cleaned(value)
        value = value.strip() if isinstance(value, str) else value
        if getattr(paper, key) != value:
            changed[key] = str(value)[:200]
            setattr(paper, key, value)
    paper.save()
    if changed:
        audit(actor=actor, action="paper.changed", target=paper, data=changed)
    return paper


@transaction.atomic
def part_save(
    *,
    paper: Paper,
    actor: Actor,
    words: str,
    heading: str = "",
    picture: str = "",
    picture_alt: str = "",
    part: PaperPart | None = None,
) -> PaperPart:
    """Add a part to a paper's easy-read version, or change one. The easy-read checker
    gives advice; it never refuses."""
    meeting_locked(paper.item.meeting)
    _paper_editable(paper)
    if not blocks_of(words or "", headings=False):
        raise CoopError("Please write some words for this part.", code="no_words")
    if picture and picture not in PAPER_PICTURES:
        raise CoopError("Please choose one of the pictures shown.", code="bad_picture")
    alt = (picture_alt or "").strip() or PAPER_PICTURES.get(picture, "")
    if part is None:
        position = (paper.parts.aggregate(top=Max("position"))["top"] or 0) + 1
        part = PaperPart(paper=paper, position=position)
        action = "paper.part_added"
    else:
        if part.paper_id != paper.pk:
            raise CoopError("That part belongs to another paper.")
        action = "paper.part_changed"
    part.heading, part.words = heading.strip(), words.strip()
    part.picture, part.picture_alt = picture, alt if picture else ""
    part.save()
    paper.save(update_fields=["updated_at"])
    audit(actor=actor, action=action, target=paper, data={"part": part.pk})
    return part


@transaction.atomic
def part_delete(*, part: PaperPart, actor: Actor) -> None:
    """Take a part out of a paper's easy-read version (its words stay in the audit log).
    Raises CoopError for coop's own papers, or once the meeting is held."""
    paper = part.paper
    meeting_locked(paper.item.meeting)
    _paper_editable(paper)
    audit(
        actor=actor,
        action="paper.part_removed",
        target=paper,
        data={"heading": part.heading, "words": part.words},
    )
    part.delete()


def _write_generated(item: AgendaItem, papers) -> None:
    # Only coop's own papers are replaced: nothing a person wrote is touched.
    item.papers.filter(source=item.source).delete()
    for generated in papers:
        paper = Paper.objects.create(
            item=item,
            title=generated.title,
            source=item.source,
            confidential=generated.confidential,
            standard_text=generated.standard_text,
        )
        PaperPart.objects.bulk_create(
            PaperPart(
                paper=paper,
                position=position,
                heading=part.heading,
                words=part.words,
                picture=part.picture,
                picture_alt=PAPER_PICTURES.get(part.picture, "") if part.picture else "",
            )
            for position, part in enumerate(generated.parts, start=1)
        )
    # bulk_create sends no signal: the packs kept in the cache are made again.
    forget_packs()


@transaction.atomic
def papers_refresh(*, meeting: Meeting, actor: Actor) -> list[str]:
    """Make coop's own papers again from the records (minutes, actions, activities,
    money). Refused once the papers have gone out: the board read what was sent.
    Returns the titles of the items refreshed."""
    meeting = meeting_locked(meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise CoopError(
            "The papers have gone out. They stay as they were sent.", code="papers_sent"
        )
    items = list(meeting.items.exclude(source=AgendaItem.Source.WRITTEN))
    papers = build_papers(meeting, {item.source for item in items})
    for item in items:
        _write_generated(item, papers[item.source])
    refreshed = [item.title for item in items]
    audit(actor=actor, action="meeting.papers_refreshed", target=meeting, data={"items": refreshed})
    return refreshed
