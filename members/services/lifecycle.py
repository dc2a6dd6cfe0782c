"""A member's status over time: applied, active, lapsed, resigned, suspended."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError, InvalidTransition
from coop.states import check_transition
from members.models import Member
from members.services.joining import member_account_ensure

MemberStatus = Member.Status
# Leaving the membership (for the register's "date ceased"): lapsing or resigning.
CEASED = {MemberStatus.LAPSED, MemberStatus.RESIGNED}

__all__ = [
    "MOVES",
    "TRANSITIONS",
    "Move",
    "moves_from",
    "member_approve",
    "member_lapse",
    "member_move",
    "member_reinstate",
    "member_resign",
    "member_suspend",
]
# MOVES, the table of moves (and TRANSITIONS made from it), is at the end: it names the
# services that make them.


def _move(
    *,
    member: Member,
    to: str,
    actor: Actor,
    action: str,
    reason: str = "",
    on: dt.date | None = None,
    refuse: dict[str, str] | None = None,
) -> Member:
    """Re-read the member under a lock, then move. `refuse` maps a current status to the
    message given instead of moving from it."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status == to:
        return member  # already done: calling twice is safe
    if refuse and member.status in refuse:
        raise InvalidTransition(refuse[member.status])
    labels = dict(MemberStatus.choices)
    check_transition(TRANSITIONS, member.status, to, what="membership")
    today = on or timezone.localdate()
    before = member.status
    member.status = to
    if to == MemberStatus.ACTIVE:
        if before == MemberStatus.APPLIED or member.admitted_on is None:
            member.admitted_on = today
        member.left_on = None
    elif to in CEASED:
        member.left_on = max(today, member.admitted_on) if member.admitted_on else None
    member._change_reason = reason or labels[to]
    member.save(update_fields=["status", "admitted_on", "left_on"])
    audit(
        actor=actor, action=action, target=member, data={"from": before, "to": to, "reason": reason}
    )
    return member


@transaction.atomic
def member_approve(*, member: Member, actor: Actor, on: dt.date | None = None) -> Member:
    """Admit an applicant: active from today, with an account to sign in (emailed a link
    when they have an email address). Raises CoopError unless applied."""
    refuse = {
        status: f"Only an application can be approved. This member is {status}."
        for status in (MemberStatus.LAPSED, MemberStatus.RESIGNED, MemberStatus.SUSPENDED)
    }
    member = _move(
        member=member,
        to=MemberStatus.ACTIVE,
        actor=actor,
        action="member.approved",
        on=on,
        refuse=refuse,
    )
    member_account_ensure(member=member, actor=actor)
    member.refresh_from_db()
    return member


@transaction.atomic
def member_lapse(*, member: Member, actor: Actor, reason: str = "") -> Member:
    """Membership lapsed (say, the subscription was not paid). Only from active."""
    return _move(
        member=member, to=MemberStatus.LAPSED, actor=actor, action="member.lapsed", reason=reason
    )


@transaction.atomic
def member_resign(*, member: Member, actor: Actor, reason: str = "") -> Member:
    """The member leaves (or an applicant withdraws)."""
    return _move(
        member=member,
        to=MemberStatus.RESIGNED,
        actor=actor,
        action="member.resigned",
        reason=reason,
    )


@transaction.atomic
def member_suspend(*, member: Member, actor: Actor, reason: str) -> Member:
    """Suspend an active member. A reason is required: the member is told it."""
    if not reason.strip():
        raise CoopError("Please say why the member is suspended.")
    return _move(
        member=member,
        to=MemberStatus.SUSPENDED,
        actor=actor,
        action="member.suspended",
        reason=reason.strip(),
    )


@transaction.atomic
def member_reinstate(*, member: Member, actor: Actor, reason: str = "") -> Member:
    """Make a lapsed, suspended or resigned member active again."""
    return _move(
        member=member,
        to=MemberStatus.ACTIVE,
        actor=actor,
        action="member.reinstated",
        reason=reason,
        refuse={MemberStatus.APPLIED: "This is an application. Approve it instead."},
    )


@dataclass(frozen=True)
class Move:
    """A move on the roll: the status it goes to, the statuses it starts from, the words
    on its button, and the service that makes it (which checks TRANSITIONS)."""

    to: str
    start: frozenset[str]
    words: str
    service: Callable[..., Member]


# The member state machine, one table: each move by name, in the order pages offer them.
# The roll's pages and the API ask it what to offer and make a move by name (member_move).
MOVES: dict[str, Move] = {
    "approve": Move(
        MemberStatus.ACTIVE,
        frozenset({MemberStatus.APPLIED}),
        "Approve the application",
        member_approve,
    ),
    "lapse": Move(
        MemberStatus.LAPSED,
        frozenset({MemberStatus.ACTIVE}),
        "Mark the membership as lapsed",
        member_lapse,
    ),
    "suspend": Move(
        MemberStatus.SUSPENDED,
        frozenset({MemberStatus.ACTIVE}),
        "Suspend the membership",
        member_suspend,
    ),
    "reinstate": Move(
        MemberStatus.ACTIVE,
        frozenset({MemberStatus.LAPSED, MemberStatus.SUSPENDED, MemberStatus.RESIGNED}),
        "Make them an active member again",
        member_reinstate,
    ),
    "resign": Move(
        MemberStatus.RESIGNED,
        frozenset(
            {MemberStatus.APPLIED, MemberStatus.ACTIVE, MemberStatus.LAPSED, MemberStatus.SUSPENDED}
        ),
        "Record that they resigned",
        member_resign,
    ),
}
# The same table as each status and the statuses it may become, for check_transition.
TRANSITIONS: dict[str, set[str]] = {
    status: {move.to for move in MOVES.values() if status in move.start} for status in MemberStatus
}


def member_move(*, move: str, member: Member, actor: Actor, reason: str = "") -> Member:
    """Make the move named `move` (a key of MOVES) by its service: approving takes no
    reason, the others keep it. Raises what that service raises."""
    if move == "approve":
        return member_approve(member=member, actor=actor)
    return MOVES[move].service(member=member, actor=actor, reason=reason)


def moves_from(status: str) -> list[str]:
    """The names of the moves a member with this status can make, in the order offered."""
    return [name for name, move in MOVES.items() if status in move.start]
