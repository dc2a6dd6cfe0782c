"""Instant-runoff voting for one seat: exclude the lowest, one at a time, until a majority.

A candidate wins with more than half the votes still in the count (exhausted papers do not
count towards the majority), or as the last one standing. A tie for lowest is settled by the
most recent earlier round at which the tied candidates differed, then by lot.
"""

from .election import CountError, Election
from .result import CountResult, Stage
from .ties import Lot, TieBreaker

# The papers held by one candidate: (ranking, position of the holder in it, papers).
Parcel = tuple[tuple[int, ...], int, int]


def count_irv(election: Election, seats: int, lot: Lot) -> CountResult:
    if seats != 1:
        raise CountError(f"IRV fills one seat, not {seats}; use scottish-stv or meek for more")
    names = election.candidates
    continuing = set(election.standing)
    piles, votes = _first_preferences(election)
    valid = sum(votes)
    if valid == 0:
        raise CountError("there are no valid ballot papers to count")

    ties = TieBreaker(names, lot)
    history: list[list[int]] = []
    stages: list[Stage] = []
    excluded: list[int] = []
    tie_notes: list[str] = []
    action = "first preferences"
    transfers: dict[int, int] = {}
    exhausted: int | None = None  # nothing can exhaust before the first exclusion
    while True:
        active = sum(votes[c] for c in continuing)
        history.append(list(votes))
        stage = Stage(
            number=len(stages) + 1,
            action=action,
            totals={names[c]: str(votes[c]) for c in election.standing},
            transfers={names[c]: str(amount) for c, amount in transfers.items()},
            non_transferable=None if exhausted is None else str(exhausted),
            threshold=str(active // 2 + 1),
        )
        stages.append(stage)
        leader = max(continuing, key=lambda c: votes[c])
        if 2 * votes[leader] > active or len(continuing) == 1:
            stage.elected.append(names[leader])
            break
        lowest = min(votes[c] for c in continuing)
        tied = [c for c in continuing if votes[c] == lowest]
        loser, note = ties.pick(tied, history, lowest=True, purpose="exclusion")
        if note:
            stage.notes.append(note)
            tie_notes.append(note)
        continuing.remove(loser)
        excluded.append(loser)
        transfers, exhausted = _transfer(loser, piles, votes, continuing)
        action = f"exclusion of {names[loser]}"

    return CountResult(
        method="irv",
        seats=1,
        quota=None,
        elected=list(stages[-1].elected),
        excluded=[names[c] for c in excluded],
        stages=stages,
        title=election.title,
        valid_votes=str(valid),
        seed=lot.seed,
        tie_breaks=tie_notes,
    )


def _first_preferences(election: Election) -> tuple[list[list[Parcel]], list[int]]:
    """Each candidate's pile of papers for them as first choice, and its size."""
    piles: list[list[Parcel]] = [[] for _ in election.candidates]
    votes = [0] * len(election.candidates)
    for ranking, weight in election.countable_ballots():
        piles[ranking[0]].append((ranking, 0, weight))
        votes[ranking[0]] += weight
    return piles, votes


def _transfer(
    loser: int, piles: list[list[Parcel]], votes: list[int], continuing: set[int]
) -> tuple[dict[int, int], int]:
    """Move the loser's papers on; returns what each candidate gained and what exhausted."""
    gained: dict[int, int] = {loser: -votes[loser]}
    exhausted = 0
    for ranking, position, papers in piles[loser]:
        for next_position in range(position + 1, len(ranking)):
            target = ranking[next_position]
            if target in continuing:
                piles[target].append((ranking, next_position, papers))
                votes[target] += papers
                gained[target] = gained.get(target, 0) + papers
                break
        else:
            exhausted += papers
    piles[loser] = []
    votes[loser] = 0
    return gained, exhausted
