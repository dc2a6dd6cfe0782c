"""Planning a board meeting and its agenda. Every change is audited; each service checks
its rule and raises CoopError in plain words, and a refused change changes nothing."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from board.meetings.models import AgendaItem, Meeting
from board.meetings.services.proposals import proposals_off_agenda, proposals_waiting_to_agenda
from board.meetings.services.rules import check_editable, meeting_locked, meeting_move
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.dates import HELD, check_in_range
from coop.errors import CoopError
from members.models import Member

__all__ = ["item_add", "item_update", "meeting_cancel", "meeting_create", "meeting_update"]

# Agenda items every meeting starts with, in this order; the board adds its own after.
STANDARD_ITEMS = [
    (
        AgendaItem.Source.MINUTES,
        "Minutes of the last meeting",
        "We check the notes of the last meeting are right.",
        True,
    ),
    (
        AgendaItem.Source.ACTIONS,
        "Actions from last time",
        "We check the things people said they would do.",
        False,
    ),
    (
        AgendaItem.Source.ACTIVITIES,
        "How our activities went",
        "We hear how the trips and meetings went. We read what organisers wrote.",
        False,
    ),
    (AgendaItem.Source.MONEY, "Money", "We look at the money we got and spent.", False),
]


def _check_details(*, title: str, starts_at: dt.datetime, place: str, call_link: str) -> str:
    title = (title or "").strip()
    if not title:
        raise CoopError("Please give the meeting a name.", code="no_title")
    if not (place or "").strip() and not (call_link or "").strip():
        raise CoopError(
            "Please say where the meeting is, or give a video call link.", code="no_place"
        )
    if starts_at is None:
        raise CoopError("Please say when the meeting is.", code="no_time")
    return title


@transaction.atomic
def meeting_create(
    *,
    title: str,
    starts_at: dt.datetime,
    place: str = "",
    call_link: str = "",
    pack_days_before: int = 7,
    actor: Actor,
) -> Meeting:
    """A planned meeting with the standard agenda items; coop writes their papers."""
    title = _check_details(title=title, starts_at=starts_at, place=place, call_link=call_link)
    check_in_range(starts_at, HELD)
    meeting = Meeting.objects.create(
        title=title,
        starts_at=starts_at,
        place=place.strip(),
        call_link=call_link.strip(),
        pack_days_before=pack_days_before,
        created_by=saved_user(actor),
    )
    for position, (source, item_title, summary, decision) in enumerate(STANDARD_ITEMS, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=item_title,
            summary=summary,
            decision_needed=decision,
            source=source,
        )
    audit(actor=actor, action="meeting.created", target=meeting, data={"starts_at": str(starts_at)})
    proposals_waiting_to_agenda(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: Actor, **fields: Any) -> Meeting:
    """Change a meeting's details before it is held. Raises CoopError when its agenda can
    no longer change or a detail is missing."""
    meeting = meeting_locked(meeting)
    check_editable(meeting)
    allowed = {"title", "starts_at", "place", "call_link", "pack_days_before"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))}")
    merged = {
        k: fields.get(k, getattr(meeting, k)) for k in ("title", "starts_at", "place", "call_link")
    }
    fields["title"] = _check_details(**merged)
    if "starts_at" in fields and fields["starts_at"] != meeting.starts_at:
        check_in_range(fields["starts_at"], HELD)
    changed = {k: str(v) for k, v in fields.items() if getattr(meeting, k) != v}
    for key, value in fields.items():
        setattr(meeting, key, value.strip() if isinstance(value, str) else value)
    meeting.save()
    if changed:
        audit(actor=actor, action="meeting.changed", target=meeting, data=changed)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: Actor, reason: str) -> Meeting:
    """Cancel a meeting that has not been held, saying why. Raises CoopError without a
    reason, or when the meeting cannot be cancelled now."""
    meeting = meeting_locked(meeting)
    if not (reason or "").strip():
        raise CoopError("Please say why the meeting is cancelled.", code="no_reason")
    meeting_move(meeting, Meeting.Status.CANCELLED)
    meeting.save(update_fields=["status"])
    audit(actor=actor, action="meeting.cancelled", target=meeting, data={"reason": reason.strip()})
    proposals_off_agenda(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    title: str,
    summary: str,
    actor: Actor,
    presenter: Member | None = None,
    decision_needed: bool = False,
    confidential: bool = False,
) -> AgendaItem:
    """Add an item at the end of the agenda. Raises CoopError without a title and an
    easy-read summary, or when the agenda can no longer change."""
    meeting = meeting_locked(meeting)
    check_editable(meeting)
    if not (title or "").strip() or not (summary or "").strip():
        raise CoopError("Please give the item a title and say in easy read what it is about.")
    position = (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title.strip(),
        summary=summary.strip(),
        presenter=presenter,
        decision_needed=decision_needed,
        confidential=confidential,
    )
    audit(actor=actor, action="meeting.item_added", target=item, data={"meeting": meeting.pk})
    return item


@transaction.atomic
def item_update(*, item: AgendaItem, actor: Actor, **fields: Any) -> AgendaItem:
    """Change an item. Before the meeting: title, summary, presenter, decision, confidential,
    position. At and after it: the notes for the minutes, until the minutes are approved."""
    meeting = meeting_locked(item.meeting)
    before_meeting = {
        "title",
        "summary",
        "presenter",
        "decision_needed",
        "confidential",
        "position",
    }
    if set(fields) - {"notes"}:
        check_editable(meeting)
    if "notes" in fields and meeting.status in (
        Meeting.Status.MINUTES_APPROVED,
        Meeting.Status.CANCELLED,
    ):
        raise CoopError("The minutes of this meeting are approved. The notes cannot change now.")
    unknown = set(fields) - before_meeting - {"notes"}
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))}")
    if "title" in fields and not (fields["title"] or "").strip():
        raise CoopError("Please give the item a title.")
    if item.source != AgendaItem.Source.WRITTEN and "title" in fields:
        fields.pop("title")
    changed = {}
    for key, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(item, key) != value:
            changed[key] = str(value)
            setattr(item, key, value)
    item.save()
    if changed:
        audit(actor=actor, action="meeting.item_changed", target=item, data=changed)
    return item
