"""Plurality: the candidates with the most first preferences fill the seats."""

from .election import CountError, Election
from .result import CountResult, Stage
from .ties import Lot


def count_plurality(election: Election, seats: int, lot: Lot) -> CountResult:
    names = election.candidates
    votes = [0] * len(names)
    valid = 0
    # A ranked ballot counts for its first choice among the candidates still standing.
    for ranking, weight in election.countable_ballots():
        votes[ranking[0]] += weight
        valid += weight
    if valid == 0:
        raise CountError("there are no valid ballot papers to count")

    # Most votes first; equal votes keep ballot-paper order, which only matters for display
    # unless the tie straddles the last seat, which goes to the lot below.
    ranked = sorted(election.standing, key=lambda c: -votes[c])
    elected = ranked[:seats]
    notes: list[str] = []
    if len(ranked) > seats and votes[ranked[seats]] == votes[ranked[seats - 1]]:
        cut = votes[ranked[seats - 1]]
        sure = [c for c in ranked if votes[c] > cut]
        tied = [c for c in ranked if votes[c] == cut]
        drawn: list[int] = []
        while len(sure) + len(drawn) < seats:
            chosen = lot.draw([c for c in tied if c not in drawn])
            drawn.append(chosen)
        elected = sure + drawn
        notes.append(
            f"tie for the last seat between {', '.join(names[c] for c in tied)} on {cut} votes;"
            f" {lot.describe()}: {', '.join(names[c] for c in drawn)}"
        )

    stage = Stage(
        number=1,
        action="first preferences",
        totals={names[c]: str(votes[c]) for c in election.standing},
        elected=[names[c] for c in elected],
        notes=notes,
    )
    return CountResult(
        method="plurality",
        seats=seats,
        quota=None,
        elected=list(stage.elected),
        excluded=[],
        stages=[stage],
        title=election.title,
        valid_votes=str(valid),
        seed=lot.seed,
        tie_breaks=notes,
    )
