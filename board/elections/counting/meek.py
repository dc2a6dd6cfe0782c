"""Meek STV (Hill, Wichmann & Woodall, Computer Journal 30(3), 1987, Algorithm 123).

Every ballot is passed down its ranking: each elected candidate keeps a fraction (the keep
factor) of what reaches them and passes on the rest; hopeful candidates keep all of it and
excluded ones none. Keep factors are adjusted (k <- k * quota / votes) until the elected
candidates' surpluses all but vanish, with the quota recalculated from the votes not exhausted.

Precision decides outcomes here (Voting matters 12: 9-decimal arithmetic elects a different
third candidate from exact arithmetic). Values are integers scaled by 10**27: 18 significant
decimals plus 9 guard digits, and two values closer than half a unit in the 18th decimal are
equal. That gives the same winners as exact rational arithmetic on every corpus case, where
``fractions.Fraction`` would grow without bound as keep factors are iterated.

A stage is one round: the keep factors are iterated until they settle, then either someone
new is over the quota (action "iteration") or the lowest hopeful is excluded and the ballots
passed on again ("exclusion of X"). Totals are as they stand at the end of the round.
"""

from .election import CountError, Election
from .fixed import format_scaled, parse_scaled
from .result import CountResult, Stage
from .ties import Lot

DIGITS = 27
ONE = 10**DIGITS
GUARD = 10**9 // 2  # half a unit in the 18th decimal: differences below it are noise
OMEGA = 10 ** (DIGITS - 9)  # iterate until the total surplus is at most 1e-9
SHOWN = 9  # decimals on the count sheet

HOPEFUL, ELECTED, EXCLUDED, WITHDRAWN = range(4)


def count_meek(election: Election, seats: int, lot: Lot) -> CountResult:
    return _MeekCount(election, seats, lot).run()


def _fmt(value: int) -> str:
    return format_scaled(value, DIGITS, SHOWN)


class _MeekCount:
    def __init__(self, election: Election, seats: int, lot: Lot) -> None:
        self.election = election
        self.names = election.candidates
        self.seats = seats
        self.lot = lot
        size = len(self.names)
        self.state = [WITHDRAWN if i in election.withdrawn else HOPEFUL for i in range(size)]
        self.keep = [0 if i in election.withdrawn else ONE for i in range(size)]
        self.ballots = election.countable_ballots()
        self.valid = sum(weight for _, weight in self.ballots)
        self.votes = [0] * size
        self.quota = 0
        self.exhausted = 0
        self.stages: list[Stage] = []
        self.elected: list[int] = []
        self.excluded: list[int] = []
        self.tie_notes: list[str] = []

    def run(self) -> CountResult:
        if self.valid == 0:
            raise CountError("there are no valid ballot papers to count")
        self._distribute()
        self._close_stage("first preferences")
        self._elect(self._over_quota())
        while not self._complete():
            if self._iterate():
                self._close_stage("iteration")
                self._elect(self._over_quota())
                continue
            loser = self._lowest()
            self.state[loser] = EXCLUDED
            self.keep[loser] = 0
            self.excluded.append(loser)
            self._distribute()
            self._close_stage(f"exclusion of {self.names[loser]}")
        hopeful = self._hopeful()
        if hopeful and len(self.elected) < self.seats:
            # As many hopefuls as seats left: all are elected, most votes first.
            self._elect(sorted(hopeful, key=lambda c: -self.votes[c]))
            self.stages[-1].notes.append("hopeful candidates equal the seats left: all elected")
        return CountResult(
            method="meek",
            seats=self.seats,
            quota=_fmt(self.quota),
            elected=[self.names[c] for c in self.elected],
            excluded=[self.names[c] for c in self.excluded],
            stages=self.stages,
            title=self.election.title,
            valid_votes=str(self.valid),
            seed=self.lot.seed,
            tie_breaks=self.tie_notes,
        )

    def _hopeful(self) -> list[int]:
        return [c for c, state in enumerate(self.state) if state == HOPEFUL]

    def _complete(self) -> bool:
        vacancies = self.seats - len(self.elected)
        return vacancies <= 0 or len(self._hopeful()) <= vacancies

    def _distribute(self) -> None:
        """Pass every ballot down its ranking under the current keep factors."""
        keep = self.keep
        votes = [0] * len(keep)
        for ranking, weight in self.ballots:
            passed = ONE
            for candidate in ranking:
                factor = keep[candidate]
                if factor == ONE:
                    votes[candidate] += passed * weight
                    break
                if factor:
                    votes[candidate] += passed * factor // ONE * weight
                    passed = passed * (ONE - factor) // ONE
                    if passed <= 0:
                        break
        self.votes = votes
        counted = sum(votes[c] for c, s in enumerate(self.state) if s in (HOPEFUL, ELECTED))
        # The quota moves with the votes still in the count (exhausted value leaves it).
        self.quota = counted // (self.seats + 1)

    def _over_quota(self) -> list[int]:
        over = [c for c in self._hopeful() if self.votes[c] - self.quota >= GUARD]
        return sorted(over, key=lambda c: -self.votes[c])

    def _elect(self, candidates: list[int]) -> None:
        for candidate in candidates:
            self.state[candidate] = ELECTED
            self.elected.append(candidate)
            self.stages[-1].elected.append(self.names[candidate])

    def _iterate(self) -> bool:
        """Adjust keep factors until someone new reaches the quota (True) or the surpluses
        are negligible or stop shrinking (False: time to exclude)."""
        last_surplus: int | None = None
        while True:
            if self._over_quota():
                return True
            elected = [c for c, state in enumerate(self.state) if state == ELECTED]
            surplus = sum(self.votes[c] - self.quota for c in elected)
            if surplus <= OMEGA:
                return False
            if last_surplus is not None and surplus >= last_surplus:
                # No longer converging at this precision; more rounds would change nothing.
                return False
            last_surplus = surplus
            for c in elected:
                self.keep[c] = self.keep[c] * self.quota // ONE * ONE // self.votes[c]
            self._distribute()

    def _lowest(self) -> int:
        hopeful = self._hopeful()
        lowest = min(self.votes[c] for c in hopeful)
        tied = [c for c in hopeful if self.votes[c] - lowest < GUARD]
        if len(tied) == 1:
            return tied[0]
        loser = self.lot.draw(tied)
        note = (
            f"exclusion tie between {', '.join(self.names[c] for c in tied)};"
            f" {self.lot.describe()}: {self.names[loser]}"
        )
        self.tie_notes.append(note)
        self.stages[-1].notes.append(note)
        return loser

    def _close_stage(self, action: str) -> None:
        standing = self.election.standing
        previous = self.stages[-1].totals if self.stages else None
        # Value no candidate holds: papers that ran out of preferences, and the dust of
        # rounding. Shown per stage, as the change since the last one.
        exhausted = self.valid * ONE - sum(self.votes[c] for c in standing)
        stage = Stage(
            number=len(self.stages) + 1,
            action=action,
            totals={self.names[c]: _fmt(self.votes[c]) for c in standing},
            non_transferable=_fmt(exhausted - self.exhausted),
            threshold=_fmt(self.quota),
        )
        self.exhausted = exhausted
        if previous is not None:
            # What each candidate gained or lost since the last stage, as shown.
            for name, total in stage.totals.items():
                change = parse_scaled(total, SHOWN) - parse_scaled(previous[name], SHOWN)
                if change != 0:
                    stage.transfers[name] = format_scaled(change, SHOWN)
        self.stages.append(stage)
