"""What happened at a board meeting: the decisions, the actions people took on, and the
approval of the minutes at a later meeting. Every change is audited."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from board.meetings.models import Action, AgendaItem, Attendance, Decision, Meeting
from board.meetings.services.rules import EDITABLE, meeting_locked, meeting_move
from board.terms.people_selectors import voting_partner_seats_on
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import CoopError
from members.models import Member

__all__ = ["action_add", "action_done", "decision_record", "minutes_approve"]


def _held(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.HELD:
        raise CoopError(
            "Record who came first. Then you can add decisions and actions."
            if meeting.status in EDITABLE
            else f"This meeting is {meeting.get_status_display().lower()}. "
            "Its record cannot change.",
            code="meeting_not_held",
        )


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    wording: str,
    actor: Actor,
    item: AgendaItem | None = None,
    outcome: str = Decision.Outcome.AGREED,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
) -> Decision:
    """Record what the board decided at a held meeting: agreed by everyone, or a vote with
    its counts (no more votes than people who came, with any partner seat our rules give a
    vote). Raises CoopError otherwise."""
    meeting = meeting_locked(meeting)
    _held(meeting)
    if not (wording or "").strip():
        raise CoopError("Please write what the board decided.", code="no_wording")
    if item is not None and item.meeting_id != meeting.pk:
        raise CoopError("That item is on another meeting's agenda.")
    if outcome == Decision.Outcome.VOTE:
        counts = [votes_for, votes_against, abstentions]
        if any(c is None or c < 0 for c in counts):
            raise CoopError("Please say how many voted for, against, and did not vote.")
        present = meeting.attendance.filter(status=Attendance.Status.PRESENT).count()
        partners = voting_partner_seats_on(meeting.day)
        if sum(counts) > present + partners:
            seats = "partner seat" if partners == 1 else "partner seats"
            with_partners = f" and {partners} {seats} with a vote" if partners else ""
            raise CoopError(
                f"{sum(counts)} votes is more than the {present} people who came{with_partners}.",
                code="too_many_votes",
            )
    elif outcome == Decision.Outcome.AGREED:
        votes_for = votes_against = abstentions = None
    else:
        raise CoopError("Please say whether everyone agreed or there was a vote.")
    decision = Decision.objects.create(
        meeting=meeting,
        item=item,
        wording=wording.strip(),
        outcome=outcome,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        recorded_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="meeting.decision_recorded",
        target=decision,
        data={"meeting": meeting.pk, "outcome": outcome},
    )
    return decision


@transaction.atomic
def action_add(
    *,
    meeting: Meeting,
    what: str,
    owner: Member,
    due_on: dt.date,
    actor: Actor,
    item: AgendaItem | None = None,
) -> Action:
    """Record something a person agreed to do by a date, at a held meeting. Raises
    CoopError without words or a date, or for a date before the meeting."""
    meeting = meeting_locked(meeting)
    _held(meeting)
    if not (what or "").strip():
        raise CoopError("Please write what needs doing.", code="no_what")
    if due_on is None:
        raise CoopError("Please say by when.", code="no_date")
    if due_on < meeting.day:
        raise CoopError("The date is before the meeting. Please choose a later date.")
    if item is not None and item.meeting_id != meeting.pk:
        raise CoopError("That item is on another meeting's agenda.")
    action = Action.objects.create(
        meeting=meeting,
        item=item,
        what=what.strip(),
        owner=owner,
        due_on=due_on,
        recorded_by=saved_user(actor),
    )
    audit(actor=actor, action="meeting.action_added", target=action, data={"owner": owner.pk})
    return action


@transaction.atomic
def action_done(*, action: Action, actor: Actor, note: str = "") -> Action:
    """Mark an action done (safe to repeat: the first time stands)."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.done_at is None:
        action.done_at = timezone.now()
        action.done_note = (note or "").strip()
        action.save(update_fields=["done_at", "done_note"])
        audit(
            actor=actor,
            action="meeting.action_done",
            target=action,
            data={"note": action.done_note},
        )
    return action


@transaction.atomic
def minutes_approve(*, meeting: Meeting, at_meeting: Meeting, actor: Actor) -> Meeting:
    """The board approves a held meeting's minutes at a later meeting; members then see
    them. Safe to repeat."""
    meeting = meeting_locked(meeting)
    at_meeting = Meeting.objects.get(pk=at_meeting.pk)
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        return meeting
    if meeting.status != Meeting.Status.HELD:
        raise CoopError("Only the minutes of a meeting that was held can be approved.")
    if at_meeting.starts_at <= meeting.starts_at or at_meeting.pk == meeting.pk:
        raise CoopError("Minutes are approved at a later meeting.", code="not_later")
    if at_meeting.status != Meeting.Status.HELD:
        raise CoopError(
            f"Record who came to {at_meeting.title} first: the minutes are approved there.",
            code="meeting_not_held",
        )
    meeting_move(meeting, Meeting.Status.MINUTES_APPROVED)
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_at_meeting = at_meeting
    meeting.save(update_fields=["status", "minutes_approved_at", "minutes_approved_at_meeting"])
    Decision.objects.create(
        meeting=at_meeting,
        item=at_meeting.items.filter(source=AgendaItem.Source.MINUTES).first(),
        wording=f"The minutes of {meeting.title} are right.",
        recorded_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="meeting.minutes_approved",
        target=meeting,
        data={"at_meeting": at_meeting.pk},
    )
    # Its record is closed, so a member's idea it did not answer can no longer be answered
    # there: it goes to the next meeting, as a cancelled meeting's do. (Imported here:
    # proposals records its answers through this module.)
    from board.meetings.services.proposals import proposals_off_agenda

    proposals_off_agenda(meeting=meeting, actor=actor)
    return meeting
