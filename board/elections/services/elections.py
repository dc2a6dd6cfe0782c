"""Calling an election and moving it through its stages: nominations, voting, closed.

Every service takes `now` only so the demo and tests can set the clock; pages and the API
never pass it.
"""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from board.elections import ballot_box
from board.elections.models import BallotBox, Candidate, Election, Elector
from board.elections.selectors import members_active_on
from board.elections.services.notices import NOMINATIONS, VOTING, election_notices_send
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.dates import easy_date, easy_time
from coop.errors import CoopError, InvalidTransition
from coop.states import check_transition
from members.models import Role, User

__all__ = [
    "ElectionInvalid",
    "election_call",
    "election_cancel",
    "election_close",
    "election_electorate_freeze",
    "election_nominations_open",
    "election_voting_open",
    "election_locked",
    "when",
]


class ElectionInvalid(CoopError):
    """The details of an election do not fit together. `field` names the detail at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def when(moment: dt.datetime) -> str:
    """ "Saturday 14 March at 2pm"."""
    return f"{easy_date(moment)} at {easy_time(moment)}"


def election_locked(election: Election) -> Election:
    """Re-read the election with a row lock, inside the caller's transaction."""
    return Election.objects.select_for_update().get(pk=election.pk)


def _move(election: Election, to: str, *, actor: Actor, action: str, **data) -> Election:
    before = election.status
    check_transition(Election.TRANSITIONS, before, to, what="election")
    election.status = to
    election.save(update_fields=["status"])
    audit(actor=actor, action=action, target=election, data={"from": before, "to": to, **data})
    return election


def _check_details(
    *,
    title: str,
    seats: int,
    method: str,
    electorate_date: dt.date,
    nominations_open_at: dt.datetime,
    nominations_close_at: dt.datetime,
    voting_open_at: dt.datetime,
    voting_close_at: dt.datetime,
    returning_officer: User,
    term_years: int,
    now: dt.datetime,
) -> None:
    if not title.strip():
        raise ElectionInvalid("Please give the election a title.", field="title")
    if seats < 1:
        raise ElectionInvalid("There must be at least 1 seat.", field="seats")
    if method not in Election.Method.values:
        raise ElectionInvalid("Please choose a way to count the votes.", field="method")
    if method == Election.Method.IRV and seats != 1:
        raise ElectionInvalid(
            "Instant run-off fills 1 seat. For more seats, choose another way to count.",
            field="method",
        )
    if not 1 <= term_years <= 10:
        raise ElectionInvalid("A term on the board is from 1 to 10 years.", field="term_years")
    if nominations_close_at <= nominations_open_at:
        raise ElectionInvalid(
            "Nominations must close after they open.", field="nominations_close_at"
        )
    if nominations_close_at <= now:
        raise ElectionInvalid("Nominations must close in the future.", field="nominations_close_at")
    if voting_open_at < nominations_close_at:
        raise ElectionInvalid("Voting must open after nominations close.", field="voting_open_at")
    if voting_close_at <= voting_open_at:
        raise ElectionInvalid("Voting must close after it opens.", field="voting_close_at")
    if electorate_date > timezone.localdate(voting_open_at):
        raise ElectionInvalid(
            "The electorate date must be on or before the day voting opens.",
            field="electorate_date",
        )
    if not returning_officer.role_assignments.filter(role=Role.RETURNING_OFFICER).exists():
        raise ElectionInvalid(
            f"{returning_officer} is not a returning officer. Give them that role first.",
            field="returning_officer",
        )


@transaction.atomic
def election_call(
    *,
    actor: Actor,
    title: str,
    seats: int,
    method: str = Election.Method.SCOTTISH_STV,
    electorate_date: dt.date,
    nominations_open_at: dt.datetime,
    nominations_close_at: dt.datetime,
    voting_open_at: dt.datetime,
    voting_close_at: dt.datetime,
    returning_officer: User,
    term_years: int = 2,
    now: dt.datetime | None = None,
) -> Election:
    """Call an election. Its seed for any lot is fixed now. When the electorate date has
    come, the electorate is frozen at once. Raises ElectionInvalid when details clash."""
    now = now or timezone.now()
    details = {
        "title": title.strip(),
        "seats": seats,
        "method": method,
        "electorate_date": electorate_date,
        "nominations_open_at": nominations_open_at,
        "nominations_close_at": nominations_close_at,
        "voting_open_at": voting_open_at,
        "voting_close_at": voting_close_at,
        "returning_officer": returning_officer,
        "term_years": term_years,
    }
    _check_details(**details, now=now)
    election = Election.objects.create(
        **details,
        called_by=saved_user(actor),
        seed=secrets.randbelow(2**31),
        status=Election.Status.DRAFT,
    )
    audit(
        actor=actor,
        action="election.called",
        target=election,
        data={
            "seats": seats,
            "method": method,
            "electorate_date": electorate_date.isoformat(),
            "returning_officer": returning_officer.pk,
            "seed": election.seed,
        },
    )
    if electorate_date <= timezone.localdate(now):
        election_electorate_freeze(election=election, actor=actor, now=now)
    if nominations_open_at <= now:
        election_nominations_open(election=election, actor=actor, now=now)
    election.refresh_from_db()
    return election


@transaction.atomic
def election_electorate_freeze(
    *, election: Election, actor: Actor, now: dt.datetime | None = None
) -> int:
    """Fix who can vote: the active members on the electorate date, in one insert. Safe to
    repeat: once frozen, the list never changes. Returns how many can vote. Raises
    CoopError when the electorate date has not come yet."""
    now = now or timezone.now()
    election = election_locked(election)
    if election.electorate_frozen_at is not None:
        return election.electors.count()
    today = timezone.localdate(now)
    if election.electorate_date > today:
        raise CoopError(
            f"The list of voters is fixed on {easy_date(election.electorate_date)}. "
            "That day has not come yet."
        )
    member_ids = members_active_on(election.electorate_date, today=today).values_list(
        "pk", flat=True
    )
    Elector.objects.bulk_create(
        [Elector(election=election, member_id=pk) for pk in member_ids], batch_size=500
    )
    election.electorate_frozen_at = now
    election.save(update_fields=["electorate_frozen_at"])
    count = election.electors.count()
    audit(
        actor=actor, action="election.electorate_frozen", target=election, data={"electors": count}
    )
    return count


@transaction.atomic
def election_nominations_open(
    *, election: Election, actor: Actor, now: dt.datetime | None = None
) -> Election:
    """Open nominations and tell every elector (or, before the list of voters is fixed,
    every active member). Safe to repeat. Raises CoopError before the nomination window."""
    now = now or timezone.now()
    election = election_locked(election)
    if election.status == Election.Status.NOMINATIONS:
        return election
    check_transition(
        Election.TRANSITIONS, election.status, Election.Status.NOMINATIONS, what="election"
    )
    if now < election.nominations_open_at:
        raise CoopError(f"Nominations open on {when(election.nominations_open_at)}.")
    if election.electorate_date <= timezone.localdate(now):
        election_electorate_freeze(election=election, actor=actor, now=now)
    election = _move(
        election, Election.Status.NOMINATIONS, actor=actor, action="election.nominations_opened"
    )
    election_notices_send(election, NOMINATIONS, now=now)
    return election


@transaction.atomic
def election_voting_open(
    *, election: Election, actor: Actor, now: dt.datetime | None = None
) -> Election:
    """Open voting. The ballot box must be made (ballot_box_make), every nomination
    decided and at least 1 person standing; the electorate is frozen if it was not
    already. Every elector is told. Safe to repeat."""
    now = now or timezone.now()
    election = election_locked(election)
    if election.status == Election.Status.VOTING:
        return election
    check_transition(Election.TRANSITIONS, election.status, Election.Status.VOTING, what="election")
    if now < election.voting_open_at:
        raise CoopError(f"Voting opens on {when(election.voting_open_at)}.")
    undecided = election.candidates.filter(status=Candidate.Status.NOMINATED).count()
    if undecided:
        raise CoopError(f"{undecided} nomination(s) are waiting. Accept or reject each one first.")
    standing = list(
        election.candidates.filter(status=Candidate.Status.ACCEPTED).values_list("pk", flat=True)
    )
    if not standing:
        raise CoopError("Nobody is standing yet. Accept at least 1 nomination first.")
    box = BallotBox.objects.select_for_update().filter(election=election).first()
    if box is None:
        raise CoopError(
            "Make the ballot box and write down its opening key first. "
            "Without the key nobody can open the box."
        )
    electors = election_electorate_freeze(election=election, actor=actor, now=now)
    if electors == 0:
        raise CoopError("Nobody is on the list of voters. Check the electorate date.")
    box.padded_size = ballot_box.padded_size_for(standing)
    box.save(update_fields=["padded_size"])
    election = _move(election, Election.Status.VOTING, actor=actor, action="election.voting_opened")
    election_notices_send(election, VOTING, now=now)
    return election


@transaction.atomic
def election_close(*, election: Election, actor: Actor, now: dt.datetime | None = None) -> Election:
    """Close voting: no more votes online or envelopes on paper. Then the paper ballots
    are typed in, and the box is opened with its key (ballot_box_open) and counted. Safe
    to repeat. Raises CoopError before the voting window ends."""
    now = now or timezone.now()
    election = election_locked(election)
    if election.status in {Election.Status.CLOSED, Election.Status.COUNTED}:
        return election
    check_transition(Election.TRANSITIONS, election.status, Election.Status.CLOSED, what="election")
    if now < election.voting_close_at:
        raise CoopError(
            f"Voting is open until {when(election.voting_close_at)}. It cannot close before then."
        )
    return _move(election, Election.Status.CLOSED, actor=actor, action="election.closed")


@transaction.atomic
def election_cancel(*, election: Election, actor: Actor, reason: str) -> Election:
    """Cancel an election that has not been counted. A reason is needed: members see it.
    Votes in its ballot box are destroyed unopened."""
    from board.elections.services.box import ballot_box_destroy  # box.py builds on this module

    election = election_locked(election)
    if election.status == Election.Status.CANCELLED:
        return election
    if not reason.strip():
        raise CoopError("Please say why the election is cancelled.")
    if election.status == Election.Status.COUNTED:
        raise InvalidTransition("This election has been counted. It cannot be cancelled.")
    election.cancelled_reason = reason.strip()
    election.save(update_fields=["cancelled_reason"])
    ballot_box_destroy(election)
    return _move(
        election,
        Election.Status.CANCELLED,
        actor=actor,
        action="election.cancelled",
        reason=reason.strip(),
    )
