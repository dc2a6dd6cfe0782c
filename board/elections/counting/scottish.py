"""Scottish STV: the Scottish Local Government Elections Order 2007 (SSI 2007/42), rules 45-52.

Votes are integers scaled by 10**5. Rule 48(3) makes every paper's transfer value
surplus x (value of the paper) / (votes credited to the candidate), "to five decimal places
(any remainder being ignored)": the truncation is per paper, before multiplying by the number
of papers, and the official sheets only agree when it is done that way.

Rule 48(1) re-sorts all "the ballot papers received by that candidate" when a surplus is
transferred, whether they came as first preferences or by transfer; that is what reproduces
the councils' published stage sheets.
"""

from collections.abc import Callable

from .election import CountError, Election
from .fixed import format_scaled, truncating_muldiv
from .result import CountResult, Stage
from .ties import Lot, TieBreaker

DIGITS = 5
ONE = 10**DIGITS

CONTINUING, ELECTED, EXCLUDED, WITHDRAWN = range(4)

# A bundle of identical papers sitting with one candidate: the ranking, the position in it
# of the candidate holding them, how many papers, and each paper's value (scaled).
Parcel = tuple[tuple[int, ...], int, int, int]


def count_scottish_stv(election: Election, seats: int, lot: Lot) -> CountResult:
    return _ScottishCount(election, seats, lot).run()


def _fmt(value: int) -> str:
    return format_scaled(value, DIGITS)


class _ScottishCount:
    def __init__(self, election: Election, seats: int, lot: Lot) -> None:
        self.election = election
        self.names = election.candidates
        self.seats = seats
        self.lot = lot
        self.ties = TieBreaker(self.names, lot)
        size = len(self.names)
        self.state = [WITHDRAWN if i in election.withdrawn else CONTINUING for i in range(size)]
        self.piles: list[list[Parcel]] = [[] for _ in range(size)]
        self.votes = [0] * size
        self.history: list[list[int]] = []
        self.stages: list[Stage] = []
        self.elected: list[int] = []
        self.excluded: list[int] = []
        self.pending: list[int] = []  # elected, with a surplus not yet transferred
        self.elected_at: dict[int, int] = {}
        self.tie_notes: list[str] = []
        self.quota = 0

    def run(self) -> CountResult:
        valid = self._first_preferences()
        if valid == 0:
            raise CountError("there are no valid ballot papers to count")
        # Rule 46: the quota is fixed once, from the valid first-preference papers.
        self.quota = (valid // (self.seats + 1) + 1) * ONE
        self._close_stage("first preferences", {}, None)
        while True:
            self._elect_reaching_quota()
            vacancies = self.seats - len(self.elected)
            if vacancies <= 0:
                break
            continuing = self._continuing()
            if len(continuing) <= vacancies:
                self._fill_last_vacancies(continuing)
                break
            if self.pending:
                self._transfer_surplus(self._largest_surplus())
            else:
                self._exclude(self._lowest(continuing))
        return CountResult(
            method="scottish-stv",
            seats=self.seats,
            quota=_fmt(self.quota),
            elected=[self.names[c] for c in self.elected],
            excluded=[self.names[c] for c in self.excluded],
            stages=self.stages,
            title=self.election.title,
            valid_votes=str(valid),
            seed=self.lot.seed,
            tie_breaks=self.tie_notes,
        )

    # Rule 45: sort the papers by first preference.
    def _first_preferences(self) -> int:
        valid = 0
        for ranking, weight in self.election.countable_ballots():
            first = ranking[0]
            self.piles[first].append((ranking, 0, weight, ONE))
            self.votes[first] += weight * ONE
            valid += weight
        return valid

    def _continuing(self) -> list[int]:
        return [c for c, state in enumerate(self.state) if state == CONTINUING]

    # Rule 47: reaching the quota at the end of a stage elects.
    def _elect_reaching_quota(self) -> None:
        reached = [c for c in self._continuing() if self.votes[c] >= self.quota]
        # Equal votes here mean equal surpluses, so rule 49 settles who is first now; the
        # surpluses are later taken in this order (see _largest_surplus).
        ordered, notes = self.ties.order(reached, self.votes, self.history, purpose="surplus")
        self._note(notes)
        for candidate in ordered:
            self._mark_elected(candidate)
            if self.votes[candidate] > self.quota:
                # Exactly on quota: elected, but there is nothing to transfer and no stage.
                self.pending.append(candidate)

    # Rule 52: as many continuing candidates as vacancies are all elected, with no more
    # transfers, even if they are below the quota.
    def _fill_last_vacancies(self, continuing: list[int]) -> None:
        # Elected together with no transfers to follow: the order is only for the record,
        # so an unsettled tie keeps ballot-paper order rather than using up a lot.
        ordered, notes = self.ties.order(
            continuing, self.votes, self.history, purpose="order of election", by_lot=False
        )
        self._note(notes)
        for candidate in ordered:
            self._mark_elected(candidate)
        if ordered:
            self.stages[-1].notes.append(
                "rule 52: continuing candidates equal the vacancies left, so all are elected"
            )

    def _mark_elected(self, candidate: int) -> None:
        self.state[candidate] = ELECTED
        self.elected.append(candidate)
        self.stages[-1].elected.append(self.names[candidate])
        self.elected_at[candidate] = len(self.stages)

    # Rule 49: the largest surplus goes first; equal ones by earlier stages, then lot.
    def _largest_surplus(self) -> int:
        largest = max(self.votes[c] for c in self.pending)
        tied = [c for c in self.pending if self.votes[c] == largest]
        if len({self.elected_at[c] for c in tied}) == 1:
            # Elected at the same stage with equal votes: rule 49 already put them in order
            # when they were elected, and a second lot could contradict the first.
            chosen = min(tied, key=self.elected.index)
        else:
            chosen, note = self.ties.pick(tied, self.history, lowest=False, purpose="surplus")
            self._note([note] if note else [])
        self.pending.remove(chosen)
        return chosen

    # Rules 50-51: the lowest is excluded; equal ones by earlier stages, then lot.
    def _lowest(self, continuing: list[int]) -> int:
        lowest = min(self.votes[c] for c in continuing)
        tied = [c for c in continuing if self.votes[c] == lowest]
        chosen, note = self.ties.pick(tied, self.history, lowest=True, purpose="exclusion")
        self._note([note] if note else [])
        return chosen

    # Rule 48.
    def _transfer_surplus(self, candidate: int) -> None:
        total = self.votes[candidate]
        surplus = total - self.quota
        received = self._move(candidate, lambda value: truncating_muldiv(surplus, value, total))
        moved = sum(received.values())
        self.votes[candidate] = self.quota
        transfers = {candidate: -surplus, **received}
        self._close_stage(f"surplus of {self.names[candidate]}", transfers, surplus - moved)

    # Rule 50: every paper moves on at the value it had when the candidate received it.
    def _exclude(self, candidate: int) -> None:
        self.state[candidate] = EXCLUDED
        self.excluded.append(candidate)
        total = self.votes[candidate]
        received = self._move(candidate, lambda value: value)
        moved = sum(received.values())
        self.votes[candidate] = 0
        transfers = {candidate: -total, **received}
        self._close_stage(f"exclusion of {self.names[candidate]}", transfers, total - moved)

    def _move(self, source: int, revalue: Callable[[int], int]) -> dict[int, int]:
        """Pass ``source``'s papers to each one's next continuing preference; returns the
        value each candidate received. Papers with no further preference are set aside."""
        received: dict[int, int] = {}
        state = self.state
        for ranking, position, papers, value in self.piles[source]:
            new_value = revalue(value)
            for next_position in range(position + 1, len(ranking)):
                target = ranking[next_position]
                if state[target] == CONTINUING:
                    self.piles[target].append((ranking, next_position, papers, new_value))
                    amount = papers * new_value
                    self.votes[target] += amount
                    received[target] = received.get(target, 0) + amount
                    break
        self.piles[source] = []
        return received

    def _close_stage(
        self,
        action: str,
        transfers: dict[int, int],
        non_transferable: int | None,
    ) -> None:
        self.history.append(list(self.votes))
        standing = self.election.standing
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                action=action,
                totals={self.names[c]: _fmt(self.votes[c]) for c in standing},
                transfers={self.names[c]: _fmt(amount) for c, amount in transfers.items()},
                non_transferable=None if non_transferable is None else _fmt(non_transferable),
            )
        )

    def _note(self, notes: list[str]) -> None:
        # A tie is settled before the stage it leads to, so it is noted on the stage whose
        # totals were tied.
        self.tie_notes.extend(notes)
        if self.stages:
            self.stages[-1].notes.extend(notes)
