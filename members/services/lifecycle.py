"""A member's status over time: applied, active, lapsed, resigned, suspended."""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from coop.audit import audit
from coop.errors import CoopError, InvalidTransition
from coop.states import check_transition
from members.models import Member, User
from members.services.joining import member_account_ensure

S = Member.Status
TRANSITIONS: dict[str, set[str]] = {
    S.APPLIED: {S.ACTIVE, S.RESIGNED},
    S.ACTIVE: {S.LAPSED, S.RESIGNED, S.SUSPENDED},
    S.LAPSED: {S.ACTIVE, S.RESIGNED},
    S.SUSPENDED: {S.ACTIVE, S.RESIGNED},
    S.RESIGNED: {S.ACTIVE},
}
# Leaving the membership (for the register's "date ceased"): lapsing or resigning.
CEASED = {S.LAPSED, S.RESIGNED}

__all__ = [
    "MEMBER_MOVES",
    "TRANSITIONS",
    "member_approve",
    "member_lapse",
    "member_reinstate",
    "member_resign",
    "member_suspend",
]


def _move(
    *,
    member: Member,
    to: str,
    actor: User | None,
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
    labels = dict(S.choices)
    check_transition(TRANSITIONS, member.status, to, what="membership")
    today = on or timezone.localdate()
    before = member.status
    member.status = to
    if to == S.ACTIVE:
        if before == S.APPLIED or member.admitted_on is None:
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
def member_approve(*, member: Member, actor: User | None, on: dt.date | None = None) -> Member:
    """Admit an applicant: active from today, with an account to sign in (emailed a link
    when they have an email address). Raises CoopError unless applied."""
    refuse = {
        status: f"Only an application can be approved. This member is {status}."
        for status in (S.LAPSED, S.RESIGNED, S.SUSPENDED)
    }
    member = _move(
        member=member, to=S.ACTIVE, actor=actor, action="member.approved", on=on, refuse=refuse
    )
    member_account_ensure(member=member, actor=actor)
    member.refresh_from_db()
    return member


@transaction.atomic
def member_lapse(*, member: Member, actor: User | None, reason: str = "") -> Member:
    """Membership lapsed (say, the subscription was not paid). Only from active."""
    return _move(member=member, to=S.LAPSED, actor=actor, action="member.lapsed", reason=reason)


@transaction.atomic
def member_resign(*, member: Member, actor: User | None, reason: str = "") -> Member:
    """The member leaves (or an applicant withdraws)."""
    return _move(member=member, to=S.RESIGNED, actor=actor, action="member.resigned", reason=reason)


@transaction.atomic
def member_suspend(*, member: Member, actor: User | None, reason: str) -> Member:
    """Suspend an active member. A reason is required: the member is told it."""
    if not reason.strip():
        raise CoopError("Please say why the member is suspended.")
    return _move(
        member=member, to=S.SUSPENDED, actor=actor, action="member.suspended", reason=reason.strip()
    )


@transaction.atomic
def member_reinstate(*, member: Member, actor: User | None, reason: str = "") -> Member:
    """Make a lapsed, suspended or resigned member active again."""
    return _move(
        member=member,
        to=S.ACTIVE,
        actor=actor,
        action="member.reinstated",
        reason=reason,
        refuse={S.APPLIED: "This is an application. Approve it instead."},
    )


# Each move by the name the roll's pages and the API give it, and the service that makes
# it (which checks TRANSITIONS): approve takes no reason, the others do.
MEMBER_MOVES: dict[str, Callable[..., Member]] = {
    "approve": member_approve,
    "lapse": member_lapse,
    "resign": member_resign,
    "suspend": member_suspend,
    "reinstate": member_reinstate,
}
