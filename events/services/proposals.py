"""A member's proposal: an idea (a Suggestion) the member asks the board to agree, with
whether they want to help lead it. It goes on the next board meeting's agenda (the board
app puts it there: it registers `register_agenda` at start-up, as events sits below it).
The board answers yes, yes with changes, or not now, with a reason in easy words; a yes
becomes a draft activity, led by the member with an organiser when they asked to lead."""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.dates import day_at
from coop.errors import CoopError
from coop.states import check_transition
from events.models import Activity, ActivityLeader, BoardAnswer, Suggestion
from events.proposal_news import tell_answer
from events.services.activities import activity_create
from events.services.suggestions import suggestion_create
from members.models import Member, User
from members.permissions import is_organiser

__all__ = [
    "proposal_answer",
    "proposal_make",
    "proposal_meeting_times",
    "proposal_on_agenda",
    "register_agenda",
]

Status = Suggestion.Status
# A proposal's allowed moves. Back to OPEN when its meeting is cancelled before it is
# answered, so the next meeting takes it.
PROPOSAL_MOVES = {
    Status.OPEN: {Status.AGENDA},
    Status.AGENDA: {Status.PLANNED, Status.NOT_NOW, Status.OPEN},
    Status.PLANNED: set(),
    Status.NOT_NOW: set(),
    Status.DONE: set(),
}
ANSWER_STATUS = {
    BoardAnswer.YES: Status.PLANNED,
    BoardAnswer.CHANGES: Status.PLANNED,
    BoardAnswer.NOT_NOW: Status.NOT_NOW,
}
# A yes needs a day far enough ahead to open and close booking before it.
FIRST_DAY_AHEAD = 7
DRAFT_PLACES = 10
DRAFT_PICTURE = ("coop/pictures/people.svg", "A group of people together")

_put_on_agenda: Callable[[Suggestion, Actor], None] | None = None
_meeting_times: Callable[[list[int]], dict[int, dt.datetime]] | None = None


def register_agenda(
    put_on_agenda: Callable[[Suggestion, Actor], None],
    meeting_times: Callable[[list[int]], dict[int, dt.datetime]],
) -> None:
    """The board app tells events how to put a new proposal on the next agenda, and when
    the meeting is that will talk about each (by suggestion id)."""
    global _put_on_agenda, _meeting_times
    _put_on_agenda, _meeting_times = put_on_agenda, meeting_times


def proposal_meeting_times(suggestion_ids: list[int]) -> dict[int, dt.datetime]:
    """When the board meets about each proposal waiting on an agenda."""
    return _meeting_times(suggestion_ids) if _meeting_times and suggestion_ids else {}


def proposal_make(
    *,
    member: Member,
    actor: Actor,
    what: str,
    where: str = "",
    when: str = "",
    cost_guess_pence: int | None = None,
    wants_to_lead: bool = False,
) -> Suggestion:
    """A member proposes an activity to the board, and it goes on the next meeting's
    agenda (or waits for the next meeting to be planned). The same idea sent again while
    it waits gives the same one back. Raises CoopError without a "what" or with a cost
    below £0."""
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        same = Suggestion.objects.filter(
            member=locked,
            what__iexact=what.strip(),
            to_board=True,
            status__in=(Status.OPEN, Status.AGENDA),
        ).first()
        if same is not None:
            return same
        suggestion = suggestion_create(
            member=locked,
            actor=actor,
            what=what,
            where=where,
            when=when,
            cost_guess_pence=cost_guess_pence,
        )
        suggestion.to_board, suggestion.wants_to_lead = True, wants_to_lead
        suggestion.save(update_fields=["to_board", "wants_to_lead"])
        audit(
            actor=actor,
            action="suggestion.proposed",
            target=suggestion,
            data={"wants_to_lead": wants_to_lead},
        )
        if _put_on_agenda is not None:
            _put_on_agenda(suggestion, actor)
    suggestion.refresh_from_db()
    return suggestion


def _move(suggestion: Suggestion, new: str) -> None:
    check_transition(PROPOSAL_MOVES, suggestion.status, new, what="idea")
    suggestion.status = new


def proposal_on_agenda(*, suggestion: Suggestion, actor: Actor, back: bool = False) -> Suggestion:
    """The proposal is on a board meeting's agenda (or, with `back`, off it again: its
    meeting was cancelled). Called by the board app inside its own transaction; a second
    call changes nothing."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    new = Status.OPEN if back else Status.AGENDA
    if suggestion.status == new:
        return suggestion
    _move(suggestion, new)
    suggestion.save(update_fields=["status"])
    audit(actor=actor, action="suggestion.agenda", target=suggestion, data={"to": new})
    return suggestion


def _check_answer(answer: str, reason: str, changes: str) -> None:
    if answer not in ANSWER_STATUS:
        raise CoopError("Please choose yes, yes with changes, or not now.", code="bad_answer")
    if not reason:
        raise CoopError("Please tell the member why, in easy words.", code="reason_needed")
    if answer == BoardAnswer.CHANGES and not changes:
        raise CoopError("Please say what the changes are.", code="changes_needed")


def _check_plan(organiser: User | None, starts_on: dt.date | None) -> None:
    if organiser is None or not is_organiser(organiser):
        raise CoopError("Please choose the organiser who will plan it.", code="organiser_needed")
    if starts_on is None or starts_on < timezone.localdate() + dt.timedelta(FIRST_DAY_AHEAD):
        raise CoopError(
            f"Please choose a day at least {FIRST_DAY_AHEAD} days from now.", code="bad_day"
        )


def proposal_answer(
    *,
    suggestion: Suggestion,
    actor: Actor,
    answer: str,
    reason: str,
    changes: str = "",
    organiser: User | None = None,
    starts_on: dt.date | None = None,
) -> Suggestion:
    """The board's answer to a proposal on its agenda, with a reason in easy words (and the
    changes, for "yes, with changes"). A yes makes a draft activity on `starts_on`, planned
    by `organiser`, with the member as co-leader if they asked to lead. The member (and
    their supporters who want copies) are told their way. The same answer twice does it
    once; a different answer after one is given raises CoopError, as do a missing reason,
    changes, organiser or day."""
    reason, changes = reason.strip(), changes.strip()
    _check_answer(answer, reason, changes)
    if answer != BoardAnswer.NOT_NOW:
        _check_plan(organiser, starts_on)
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.answer:
            if suggestion.answer == answer:
                return suggestion
            raise CoopError("The board has answered this idea already.", code="answered")
        if not suggestion.to_board:
            raise CoopError("This idea was not sent to the board.", code="not_proposed")
        _move(suggestion, ANSWER_STATUS[answer])
        suggestion.answer, suggestion.reason = answer, reason
        suggestion.changes = changes if answer == BoardAnswer.CHANGES else ""
        suggestion.decided_by, suggestion.decided_at = saved_user(actor), timezone.now()
        if answer != BoardAnswer.NOT_NOW:
            suggestion.activity = _draft_activity(suggestion, actor, organiser, starts_on)
        suggestion.save()
        audit(
            actor=actor,
            action="suggestion.answered",
            target=suggestion,
            data={"answer": answer, "reason": reason, "changes": suggestion.changes},
        )
        tell_answer(suggestion, organiser)
    return suggestion


def _draft_activity(
    suggestion: Suggestion, actor: Actor, organiser: User, starts_on: dt.date
) -> Activity:
    """A draft the organiser finishes: the member's facts, the day the board chose."""
    starts_at = day_at(starts_on, 10)
    member = suggestion.member
    facts = [f"Where: {suggestion.where}" if suggestion.where else ""]
    facts += [f"When: {suggestion.when}" if suggestion.when else ""]
    facts += [f"Changes the board asked for: {suggestion.changes}" if suggestion.changes else ""]
    activity = activity_create(
        actor=actor,
        title=suggestion.what[:120],
        summary=f"An idea from {member.called}. The board said yes.",
        description="\n".join(line for line in facts if line),
        picture=DRAFT_PICTURE[0],
        picture_alt=DRAFT_PICTURE[1],
        branch=member.branch,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=6),
        meeting_point=(suggestion.where or "To be agreed")[:200],
        places=DRAFT_PLACES,
        cost_pence=suggestion.cost_guess_pence or 0,
        booking_opens_at=timezone.now(),
        booking_closes_at=starts_at - dt.timedelta(days=2),
        cancel_by=starts_at - dt.timedelta(days=3),
    )
    if suggestion.wants_to_lead:
        ActivityLeader.objects.create(
            activity=activity, member=member, organiser=organiser, created_by=saved_user(actor)
        )
        audit(
            actor=actor,
            action="activity.co_leader",
            target=activity,
            data={"member": member.pk, "organiser": organiser.pk},
        )
    return activity
