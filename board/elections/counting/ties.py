"""Breaking ties: first by looking back through earlier stages, then by lot.

The Scottish rules (49(2), 51(2)) look back to the most recent preceding stage at which the
tied candidates had unequal votes, and only then draw lots. The lot is an input so that a
count can be repeated exactly: a ``SeededLot`` is a ``random.Random(seed)`` whose seed is
recorded with the result.
"""

import random
from collections.abc import Sequence
from typing import Protocol


class Lot(Protocol):
    seed: int | None

    def draw(self, tied: Sequence[int]) -> int:
        """The candidate the lot falls on (to be excluded, or to go first)."""
        ...

    def describe(self) -> str: ...


class SeededLot:
    def __init__(self, seed: int) -> None:
        self.seed: int | None = seed
        self._random = random.Random(seed)

    def draw(self, tied: Sequence[int]) -> int:
        # Sorted so the draw depends only on the seed and who is tied, not on how they
        # happened to be listed by the caller.
        return self._random.choice(sorted(tied))

    def describe(self) -> str:
        return f"lot drawn with seed {self.seed}"


class ListedOrderLot:
    """The lot falls on the candidate listed first on the ballot paper.

    Not a lot at all: it is how Droop's reference reports settle such ties, so it lets a
    test reproduce them. Real counts use ``SeededLot``.
    """

    seed: int | None = None

    def draw(self, tied: Sequence[int]) -> int:
        return min(tied)

    def describe(self) -> str:
        return "lot taken as the first-listed candidate"


class TieBreaker:
    def __init__(self, names: Sequence[str], lot: Lot) -> None:
        self.names = names
        self.lot = lot

    def pick(
        self,
        tied: Sequence[int],
        history: Sequence[Sequence[int]],
        *,
        lowest: bool,
        purpose: str,
        by_lot: bool = True,
    ) -> tuple[int, str | None]:
        """Choose one of ``tied``: lowest (to exclude) or highest (to go first).

        ``history`` holds each stage's totals, oldest first. Returns the choice and a note
        for the count sheet, or None as the note when there was no tie. With ``by_lot``
        false a tie no stage settles goes to ballot-paper order, unnoted: for orderings that
        change nothing, which should not use up a draw.
        """
        if len(tied) == 1:
            return tied[0], None
        listed = ", ".join(self.names[c] for c in sorted(tied))
        remaining = sorted(tied)
        for stage in range(len(history), 0, -1):
            totals = history[stage - 1]
            values = [totals[c] for c in remaining]
            if len(set(values)) == 1:
                continue
            extreme = min(values) if lowest else max(values)
            # With three or more tied, an earlier stage may separate only some of them;
            # those still level carry on to the stages before it.
            remaining = [c for c in remaining if totals[c] == extreme]
            if len(remaining) == 1:
                chosen = remaining[0]
                return chosen, (
                    f"{purpose} tie between {listed} broken by the votes at stage {stage}:"
                    f" {self.names[chosen]}"
                )
        if not by_lot:
            return remaining[0], None
        chosen = self.lot.draw(remaining)
        return chosen, (
            f"{purpose} tie between {listed} not broken by any earlier stage;"
            f" {self.lot.describe()}: {self.names[chosen]}"
        )

    def order(
        self,
        candidates: Sequence[int],
        votes: Sequence[int],
        history: Sequence[Sequence[int]],
        *,
        purpose: str,
        by_lot: bool = True,
    ) -> tuple[list[int], list[str]]:
        """``candidates`` from most votes to fewest, equal votes ordered by ``pick``."""
        ordered: list[int] = []
        notes: list[str] = []
        for value in sorted({votes[c] for c in candidates}, reverse=True):
            level = [c for c in candidates if votes[c] == value]
            while level:
                chosen, note = self.pick(
                    level, history, lowest=False, purpose=purpose, by_lot=by_lot
                )
                ordered.append(chosen)
                level.remove(chosen)
                if note:
                    notes.append(note)
        return ordered, notes
