"""One entry point for every counting method."""

import secrets
from collections.abc import Callable

from .election import CountError, Election
from .irv import count_irv
from .meek import count_meek
from .plurality import count_plurality
from .result import CountResult
from .scottish import count_scottish_stv
from .ties import Lot, SeededLot

Counter = Callable[[Election, int, Lot], CountResult]

COUNTERS: dict[str, Counter] = {
    "scottish-stv": count_scottish_stv,
    "meek": count_meek,
    "irv": count_irv,
    "plurality": count_plurality,
}
METHODS: tuple[str, ...] = tuple(COUNTERS)


def count(
    election: Election,
    method: str,
    *,
    seats: int | None = None,
    seed: int | None = None,
    lot: Lot | None = None,
) -> CountResult:
    """Count ``election`` by ``method`` (one of ``METHODS``).

    ``seats`` overrides the number in the election. Ties that no earlier stage settles go to
    ``lot``; by default a ``SeededLot`` on ``seed``, and when no seed is given a fresh one is
    chosen and recorded in the result, so any count can be repeated exactly.
    """
    counter = COUNTERS.get(method)
    if counter is None:
        raise CountError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    seats = election.seats if seats is None else seats
    if seats < 1:
        raise CountError("there must be at least one seat to fill")
    if lot is None:
        lot = SeededLot(secrets.randbelow(2**32) if seed is None else seed)
    return counter(election, seats, lot)
