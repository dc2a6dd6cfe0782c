"""Counting an election with the same code anyone can run on the published BLT file
(board/elections/counting), keeping the result, and giving the people elected their board terms."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from board.elections import counting
from board.elections.models import BallotBox, Candidate, Election, ElectionResult
from board.elections.selectors import ballots_counted, candidate_labels, candidates_on_ballot
from board.elections.services.elections import _move, election_locked
from board.elections.services.notices import RESULTS, election_notices_send
from board.terms.models import BoardMembership
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import CoopError, InvalidTransition
from members.models import Role
from members.services import role_grant

__all__ = ["CountFailed", "board_terms_from_result", "election_count", "election_for_counting"]


class CountFailed(CoopError):
    """The votes cannot be counted as they stand (nobody voted, say)."""


def election_for_counting(election: Election) -> tuple[counting.Election, dict[str, Candidate]]:
    """The stored ballots as the counting engine's Election, and each name's candidate.

    Plurality ("choose up to N") ballots become one single-choice paper per person chosen,
    so every plurality counter reading the BLT file gives each choice 1 vote.
    """
    candidates = candidates_on_ballot(election)
    labels = candidate_labels(candidates)
    by_label = {labels[c.pk]: c for c in candidates}
    rankings: list[list[str]] = []
    for ranking in ballots_counted(election).values_list("ranking", flat=True):
        names = [labels[pk] for pk in ranking if pk in labels]
        if election.method == Election.Method.PLURALITY:
            rankings.extend([name] for name in names)
        else:
            rankings.append(names)
    title = election.title.replace('"', "'").replace("\n", " ")
    return (
        counting.Election.from_rankings(
            [labels[c.pk] for c in candidates], election.seats, rankings, title=title
        ),
        by_label,
    )


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def board_terms_from_result(
    *, election: Election, elected: list[Candidate], actor: Actor, starts_on: dt.date
) -> list[BoardMembership]:
    """A term on the board for each person elected, and the board role to sign in with.
    Safe to repeat: one term per person per election."""
    terms = []
    for candidate in elected:
        term, created = BoardMembership.objects.get_or_create(
            member=candidate.member,
            election=election,
            defaults={
                "role": BoardMembership.Role.MEMBER,
                "starts_on": starts_on,
                "ends_on": _years_later(starts_on, election.term_years),
                "created_by": saved_user(actor),
            },
        )
        if created:
            audit(
                actor=actor,
                action="board_term.started",
                target=term,
                data={"election": election.pk, "ends_on": term.ends_on.isoformat()},
            )
        if candidate.member.user_id is not None:
            role_grant(user=candidate.member.user, role=Role.BOARD, actor=actor)
        terms.append(term)
    return terms


@transaction.atomic
def election_count(
    *, election: Election, actor: Actor, now: dt.datetime | None = None
) -> ElectionResult:
    """Count a closed election by its method with its recorded seed; keep the result, the
    count sheet and the ballots as BLT; start the board terms of those elected; tell every
    elector the results. Counting
    twice returns the first result. The ballot box must be open (ballot_box_open). Raises
    CountFailed when there is nothing to count."""
    now = now or timezone.now()
    election = election_locked(election)
    if election.status == Election.Status.COUNTED:
        return election.result
    if election.status != Election.Status.CLOSED:
        raise InvalidTransition("Voting must close before the votes are counted.")
    if not BallotBox.objects.filter(election=election, opened_at__isnull=False).exists():
        raise InvalidTransition("Open the ballot box with its key before the votes are counted.")
    to_count, by_label = election_for_counting(election)
    try:
        result = counting.count(to_count, election.method, seed=election.seed)
    except counting.CountError as error:
        if not to_count.ballots:
            raise CountFailed("Nobody voted, so there is nothing to count.") from None
        raise CountFailed(f"The votes cannot be counted: {error}.") from None
    elected = [by_label[name] for name in result.elected]
    stored = ElectionResult.objects.create(
        election=election,
        result={
            **result.to_dict(),
            "title": result.title,
            "valid_votes": result.valid_votes,
            "seed": result.seed,
            "tie_breaks": result.tie_breaks,
            "candidates": [{"id": c.pk, "name": name} for name, c in by_label.items()],
            "ballots": ballots_counted(election).count(),
        },
        sheet=counting.render_sheet(result),
        blt=counting.write_blt(to_count),
        seed=election.seed,
        elected=[c.pk for c in elected],
        counted_by=saved_user(actor),
    )
    _move(
        election,
        Election.Status.COUNTED,
        actor=actor,
        action="election.counted",
        elected=[c.pk for c in elected],
        seed=election.seed,
    )
    board_terms_from_result(
        election=election, elected=elected, actor=actor, starts_on=timezone.localdate(now)
    )
    election_notices_send(election, RESULTS, now=now)
    return stored
