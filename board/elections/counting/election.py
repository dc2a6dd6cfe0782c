"""What is being counted: candidates, seats and ranked ballots, independent of any file format."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple


class CountError(ValueError):
    """The count cannot go ahead as asked: no valid ballots, or a method that cannot do it."""


class Ballot(NamedTuple):
    """One ballot line: ``weight`` identical papers ranking candidates (0-based indices)."""

    weight: int
    ranking: tuple[int, ...]


@dataclass(frozen=True)
class Election:
    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[Ballot, ...]
    withdrawn: frozenset[int] = frozenset()
    title: str = ""

    def __post_init__(self) -> None:
        count = len(self.candidates)
        if count == 0:
            raise ValueError("an election needs at least one candidate")
        if any(not name.strip() for name in self.candidates):
            raise ValueError("candidate names must not be empty")
        seen: set[str] = set()
        for name in self.candidates:
            # Results are keyed by name, so two candidates may not share one.
            if name in seen:
                raise ValueError(f"candidate name {name!r} appears twice")
            seen.add(name)
        if self.seats < 1:
            raise ValueError("an election needs at least one seat")
        if any(not 0 <= index < count for index in self.withdrawn):
            raise ValueError("a withdrawn candidate is not on the candidate list")
        # Checked once per distinct ranking: large elections repeat the same few thousand.
        for ranking in {ballot.ranking for ballot in self.ballots}:
            if any(not 0 <= index < count for index in ranking):
                raise ValueError(f"ballot {self._number_of(ranking)} ranks an unknown candidate")
            if len(set(ranking)) != len(ranking):
                raise ValueError(f"ballot {self._number_of(ranking)} ranks a candidate twice")
        if self.ballots and min(ballot.weight for ballot in self.ballots) < 0:
            raise ValueError("a ballot has a negative weight")

    def _number_of(self, ranking: tuple[int, ...]) -> int:
        return next(n for n, b in enumerate(self.ballots, start=1) if b.ranking == ranking)

    @classmethod
    def from_rankings(
        cls,
        candidates: Sequence[str],
        seats: int,
        rankings: Iterable[Sequence[str]],
        *,
        title: str = "",
        withdrawn: Iterable[str] = (),
    ) -> "Election":
        """Build an election from ballots written as candidate names, most preferred first.

        Identical rankings are merged into one weighted ballot, so exporting coop's own
        ballots gives a compact BLT file.
        """
        index = {name: position for position, name in enumerate(candidates)}
        weights: dict[tuple[int, ...], int] = {}
        for ranking in rankings:
            try:
                key = tuple(index[name] for name in ranking)
            except KeyError as error:
                raise ValueError(f"ballot ranks {error.args[0]!r}, who is not standing") from None
            weights[key] = weights.get(key, 0) + 1
        return cls(
            candidates=tuple(candidates),
            seats=seats,
            ballots=tuple(Ballot(weight, ranking) for ranking, weight in weights.items()),
            withdrawn=frozenset(index[name] for name in withdrawn),
            title=title,
        )

    def countable_ballots(self) -> list[tuple[tuple[int, ...], int]]:
        """Rankings without withdrawn candidates, identical ones merged, empty ones dropped.

        Every method starts from this: merging turns ~200k papers into a few thousand
        distinct rankings, which is what makes a large count fast.
        """
        withdrawn = self.withdrawn
        weights: dict[tuple[int, ...], int] = {}
        for weight, ranking in self.ballots:
            if weight == 0:
                continue
            if withdrawn:
                ranking = tuple(index for index in ranking if index not in withdrawn)
            if ranking:
                weights[ranking] = weights.get(ranking, 0) + weight
        return list(weights.items())

    @property
    def standing(self) -> list[int]:
        """Indices of the candidates who have not withdrawn, in ballot-paper order."""
        return [i for i in range(len(self.candidates)) if i not in self.withdrawn]
