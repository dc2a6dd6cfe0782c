"""Members' proposals on the board's agenda, and the board's answer at the meeting.

The trigger is the member's own proposal: it goes straight on the next meeting whose
agenda can still change (planned, or its papers sent), with no one in between, because
members run the co-operative and the board checks and plans at its meeting. When there
is no such meeting, proposals wait and the next meeting planned takes them; when a
meeting is cancelled, its unanswered proposals move to the next one."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from board.meetings.models import AgendaItem, Meeting
from board.meetings.services.record import decision_record
from board.meetings.services.rules import EDITABLE, meeting_locked
from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError
from coop.money import format_pence
from events.models import BoardAnswer, Suggestion
from events.services.proposals import proposal_answer, proposal_on_agenda
from members.models import User

__all__ = [
    "next_meeting_for_proposals",
    "proposal_decide",
    "proposal_meeting_times",
    "proposal_to_agenda",
    "proposals_off_agenda",
    "proposals_waiting_to_agenda",
]

WORDING = {
    BoardAnswer.YES: "Yes to {what}, an idea from {name}.",
    BoardAnswer.CHANGES: "Yes to {what}, an idea from {name}, with changes: {changes}",
    BoardAnswer.NOT_NOW: "Not now to {what}, an idea from {name}.",
}


def proposal_meeting_times(suggestion_ids: list[int]) -> dict[int, dt.datetime]:
    """When the meeting is that talks about each proposal, by suggestion id (a read for
    the member's "your ideas" page, registered with events)."""
    items = (
        AgendaItem.objects.filter(suggestion_id__in=suggestion_ids)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .values_list("suggestion_id", "meeting__starts_at")
    )
    return dict(items)


def next_meeting_for_proposals() -> Meeting | None:
    """The next meeting whose agenda can still change."""
    return (
        Meeting.objects.filter(status__in=EDITABLE, starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )


def proposal_summary(suggestion: Suggestion) -> str:
    """The proposal's facts in easy read, as the agenda and the papers say them."""
    name = suggestion.member.called
    facts = [f"{name} asks the board to agree this activity."]
    if suggestion.where:
        facts.append(f"Where: {suggestion.where}.")
    if suggestion.when:
        facts.append(f"When: {suggestion.when}.")
    if suggestion.cost_guess_pence is not None:
        facts.append(f"{name} thinks it costs about {format_pence(suggestion.cost_guess_pence)}.")
    lead = "wants to help lead it" if suggestion.wants_to_lead else "does not want to lead it"
    return " ".join([*facts, f"{name} {lead}.", "We need to decide."])


def _add_item(meeting: Meeting, suggestion: Suggestion, actor: Actor) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, suggestion=suggestion).first()
    if item is not None:
        return item
    name = suggestion.member.called
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=(meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1,
        title=f"An idea from {name}: {suggestion.what}"[:200],
        summary=proposal_summary(suggestion),
        decision_needed=True,
        suggestion=suggestion,
    )
    audit(actor=actor, action="meeting.item_added", target=item, data={"meeting": meeting.pk})
    proposal_on_agenda(suggestion=suggestion, actor=actor)
    return item


def proposal_to_agenda(suggestion: Suggestion, actor: Actor) -> AgendaItem | None:
    """Put a new proposal on the next meeting's agenda; None when no meeting is planned
    (it waits for one). Registered with events (board/apps.py); runs in its transaction."""
    meeting = next_meeting_for_proposals()
    if meeting is None:
        return None
    meeting = meeting_locked(meeting)
    if meeting.status not in EDITABLE:
        return None
    # The co-operative's rule puts it there, not the member: audited as the system's act
    # (the member's own proposal is audited as theirs in events).
    return _add_item(meeting, suggestion, None)


def proposals_waiting_to_agenda(*, meeting: Meeting, actor: Actor) -> list[AgendaItem]:
    """Proposals waiting for a meeting go on this one's agenda (a new meeting calls it)."""
    if meeting.status not in EDITABLE or meeting.starts_at <= timezone.now():
        return []
    waiting = Suggestion.objects.filter(to_board=True, status=Suggestion.Status.OPEN)
    return [
        _add_item(meeting, suggestion, actor)
        for suggestion in waiting.select_related("member").order_by("created_at", "pk")
    ]


def proposals_off_agenda(*, meeting: Meeting, actor: Actor) -> None:
    """A cancelled meeting's unanswered proposals go back to waiting, then onto the next
    meeting if one is planned."""
    for item in meeting.items.filter(suggestion__status=Suggestion.Status.AGENDA).select_related(
        "suggestion__member"
    ):
        proposal_on_agenda(suggestion=item.suggestion, actor=actor, back=True)
        proposal_to_agenda(item.suggestion, actor)


@transaction.atomic
def proposal_decide(
    *,
    item: AgendaItem,
    actor: Actor,
    answer: str,
    reason: str,
    changes: str = "",
    organiser: User | None = None,
    starts_on: dt.date | None = None,
) -> Suggestion:
    """Record the board's answer to a member's proposal at a held meeting, as a decision
    in its minutes (events.services.proposals.proposal_answer makes the move, the draft
    activity and the message). The same answer twice records it once. Raises CoopError
    when the item is not a proposal, the meeting is not held, or the answer is refused."""
    meeting = meeting_locked(item.meeting)
    if item.suggestion_id is None:
        raise CoopError("This item is not a member's idea.", code="not_proposal")
    if meeting.status != Meeting.Status.HELD:
        raise CoopError(
            "Record who came to the meeting first. Then you can record the answer.",
            code="meeting_not_held",
        )
    answered_before = Suggestion.objects.get(pk=item.suggestion_id).answer
    suggestion = proposal_answer(
        suggestion=item.suggestion,
        actor=actor,
        answer=answer,
        reason=reason,
        changes=changes,
        organiser=organiser,
        starts_on=starts_on,
    )
    if not answered_before:
        wording = WORDING[answer].format(
            what=suggestion.what, name=suggestion.member.called, changes=suggestion.changes
        )
        decision_record(
            meeting=meeting, wording=f"{wording} {suggestion.reason}", actor=actor, item=item
        )
    return suggestion
