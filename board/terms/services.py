"""Putting members on the board and taking them off: every change is audited."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from board.terms.models import BoardMembership
from board.terms.rules import co_chair_room_check, co_chairs_lock
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import CoopError
from members.models import Member

__all__ = ["term_add", "term_end", "term_papers_set"]


@transaction.atomic
def term_add(
    *,
    member: Member,
    role: str,
    starts_on: dt.date,
    actor: Actor,
    ends_on: dt.date | None = None,
    writes_papers: bool = False,
) -> BoardMembership:
    """Put a member on the board (a co-chair, a co-opted member, an observer…) for a term,
    writing the papers if the board names them to. Refused when they already have a term
    of any kind that overlaps it, or when it would make a third co-chair (TooManyCoChairs)."""
    if role not in BoardMembership.Role.values:
        raise CoopError("Please choose a role on the board.", code="bad_role")
    if member.status != Member.Status.ACTIVE:
        raise CoopError(f"{member.display_name} is not an active member.", code="not_active")
    if ends_on is not None and ends_on <= starts_on:
        raise CoopError("The term must end after it starts.", code="bad_dates")
    overlapping = BoardMembership.objects.filter(member=member).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lt=ends_on)
    if overlapping.exists():
        raise CoopError(
            f"{member.display_name} is already on the board then. End that term first.",
            code="overlap",
        )
    if role == BoardMembership.Role.CO_CHAIR:
        co_chairs_lock()
        co_chair_room_check(starts_on=starts_on, ends_on=ends_on)
    term = BoardMembership.objects.create(
        member=member,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        writes_papers=writes_papers,
        created_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="board.term_added",
        target=term,
        data={"role": role, "writes_papers": writes_papers},
    )
    return term


@transaction.atomic
def term_end(*, term: BoardMembership, ends_on: dt.date, actor: Actor) -> BoardMembership:
    """End a term on `ends_on`. Raises CoopError when that is not after it started, or when
    it has ended already."""
    term = BoardMembership.objects.select_for_update().get(pk=term.pk)
    if ends_on <= term.starts_on:
        raise CoopError("The term must end after it starts.", code="bad_dates")
    if term.ends_on is not None and term.ends_on <= ends_on:
        raise CoopError("This term has ended already.", code="ended")
    term.ends_on = ends_on
    term.save(update_fields=["ends_on"])
    audit(actor=actor, action="board.term_ended", target=term, data={"ends_on": str(ends_on)})
    return term


@transaction.atomic
def term_papers_set(*, term: BoardMembership, writes_papers: bool, actor: Actor) -> BoardMembership:
    """Name this term's holder to write the papers (they then edit meetings with the
    co-chairs), or stop them. Raises CoopError for a term that has ended."""
    term = BoardMembership.objects.select_for_update().get(pk=term.pk)
    if term.ends_on is not None and term.ends_on <= timezone.localdate():
        raise CoopError("This term has ended already.", code="ended")
    if term.writes_papers != writes_papers:
        term.writes_papers = writes_papers
        term.save(update_fields=["writes_papers"])
        audit(
            actor=actor,
            action="board.term_papers_set",
            target=term,
            data={"writes_papers": writes_papers},
        )
    return term
