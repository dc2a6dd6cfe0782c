"""Standing for election: a member nominates themself, the returning officer accepts or
rejects, and a candidate may withdraw until voting opens."""

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from board.elections.models import Candidate, Election
from board.elections.pictures import CANDIDATE_PICTURES, photo_check, photo_extension
from board.elections.selectors import taking_nominations
from board.elections.services.elections import election_locked, when
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.easyread import easy_read_problems
from coop.errors import CoopError, InvalidTransition, NotAllowed
from coop.states import check_transition
from members.models import Member

__all__ = [
    "STATEMENT_MAX_CHARS",
    "candidate_accept",
    "candidate_nominate",
    "candidate_reject",
    "candidate_withdraw",
]

STATEMENT_MAX_CHARS = 2000


def _check_nominations_open(election: Election, now: dt.datetime) -> None:
    if taking_nominations(election, now):
        return
    if election.status != Election.Status.NOMINATIONS:
        raise CoopError("This election is not taking nominations.")
    raise CoopError(
        f"Nominations closed on {when(election.nominations_close_at)}."
        if now >= election.nominations_close_at
        else f"Nominations open on {when(election.nominations_open_at)}."
    )


@transaction.atomic
def candidate_nominate(
    *,
    election: Election,
    member: Member,
    actor: Actor,
    statement: str,
    picture: str = "",
    photo: UploadedFile | None = None,
    seconder: Member | None = None,
    now: dt.datetime | None = None,
) -> Candidate:
    """A member stands: their easy-read statement, a photo or a picture they chose, and an
    optional seconder. Standing again after withdrawing is allowed. Raises CoopError when
    nominations are closed, the member is not active, or a detail is missing."""
    now = now or timezone.now()
    election = election_locked(election)
    _check_nominations_open(election, now)
    statement, picture = _nomination_checked(member, statement, picture, photo, seconder)
    candidate = _candidate_to_nominate(election, member)
    candidate.statement = statement
    candidate.picture = picture
    candidate.seconder = seconder
    candidate.status = Candidate.Status.NOMINATED
    candidate.nominated_at = now
    candidate.withdrawn_at = None
    candidate.decided_by, candidate.decided_at = None, None
    if photo is not None:
        candidate.photo.save(f"candidate.{photo_extension(photo.name or '')}", photo, save=False)
    else:
        candidate.photo = ""
    candidate.save()
    audit(
        actor=actor,
        action="candidate.nominated",
        target=candidate,
        on_behalf_of=member.user if member.user_id and member.user != actor else None,
        data={
            "election": election.pk,
            "seconder": seconder.pk if seconder else None,
            "easy_read_problems": len(easy_read_problems(statement)),
        },
    )
    return candidate


def _nomination_checked(
    member: Member,
    statement: str,
    picture: str,
    photo: UploadedFile | None,
    seconder: Member | None,
) -> tuple[str, str]:
    """The statement stripped and the picture to keep ("" with a photo). Raises NotAllowed
    when the member is not active, CoopError when a detail is missing or wrong."""
    if member.status != Member.Status.ACTIVE:
        raise NotAllowed("Only active members can stand for the board.")
    statement = statement.strip()
    if not statement:
        raise CoopError("Please write a few sentences about yourself.")
    if len(statement) > STATEMENT_MAX_CHARS:
        raise CoopError(
            f"Your statement is too long. Please use {STATEMENT_MAX_CHARS} letters or fewer."
        )
    if photo is not None:
        photo_check(photo)
        picture = ""
    elif picture not in CANDIDATE_PICTURES:
        raise CoopError("Please choose a photo or a picture.")
    if seconder is not None:
        if seconder.pk == member.pk:
            raise CoopError("Your seconder must be another member, not you.")
        if seconder.status != Member.Status.ACTIVE:
            raise CoopError("Your seconder must be an active member.")
    return statement, picture


def _candidate_to_nominate(election: Election, member: Member) -> Candidate:
    """The member's candidate row, locked, or a new one: standing again is allowed only
    after withdrawing. Raises CoopError when already standing or rejected."""
    candidate = Candidate.objects.select_for_update().filter(election=election, member=member)
    candidate = candidate.first()
    if candidate is not None and candidate.status != Candidate.Status.WITHDRAWN:
        raise CoopError(
            "The returning officer did not accept your nomination. Please talk to them."
            if candidate.status == Candidate.Status.REJECTED
            else "You are already standing in this election."
        )
    if candidate is None:
        return Candidate(election=election, member=member)
    check_transition(
        Candidate.TRANSITIONS, candidate.status, Candidate.Status.NOMINATED, what="nomination"
    )
    return candidate


def _decide(
    candidate: Candidate, to: str, *, actor: Actor, action: str, reason: str = ""
) -> Candidate:
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status == to:
        return candidate  # already done: calling twice is safe
    election = election_locked(candidate.election)
    if election.status != Election.Status.NOMINATIONS:
        raise InvalidTransition("Nominations can be decided only before voting opens.")
    check_transition(Candidate.TRANSITIONS, candidate.status, to, what="nomination")
    candidate.status = to
    candidate.decided_by = saved_user(actor)
    candidate.decided_at = timezone.now()
    candidate.rejected_reason = reason
    candidate.save(update_fields=["status", "decided_by", "decided_at", "rejected_reason"])
    audit(actor=actor, action=action, target=candidate, data={"reason": reason} if reason else {})
    return candidate


@transaction.atomic
def candidate_accept(*, candidate: Candidate, actor: Actor) -> Candidate:
    """The returning officer accepts a nomination: the candidate is on the ballot."""
    return _decide(candidate, Candidate.Status.ACCEPTED, actor=actor, action="candidate.accepted")


@transaction.atomic
def candidate_reject(*, candidate: Candidate, actor: Actor, reason: str) -> Candidate:
    """The returning officer rejects a nomination, saying why (the member is told)."""
    if not reason.strip():
        raise CoopError("Please say why the nomination is not accepted.")
    return _decide(
        candidate,
        Candidate.Status.REJECTED,
        actor=actor,
        action="candidate.rejected",
        reason=reason.strip(),
    )


@transaction.atomic
def candidate_withdraw(*, candidate: Candidate, actor: Actor) -> Candidate:
    """A candidate stops standing. Only before voting opens. Safe to repeat."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status == Candidate.Status.WITHDRAWN:
        return candidate
    election = election_locked(candidate.election)
    if election.status not in {Election.Status.DRAFT, Election.Status.NOMINATIONS}:
        raise InvalidTransition("Voting has started. It is too late to withdraw.")
    check_transition(
        Candidate.TRANSITIONS, candidate.status, Candidate.Status.WITHDRAWN, what="nomination"
    )
    candidate.status = Candidate.Status.WITHDRAWN
    candidate.withdrawn_at = timezone.now()
    candidate.save(update_fields=["status", "withdrawn_at"])
    audit(actor=actor, action="candidate.withdrawn", target=candidate)
    return candidate
