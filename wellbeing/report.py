"""What the well-being answers show, for the board and funders: how many answered the
first time and later; for members who answered both, whether each answer got better,
stayed the same or got worse (paired, not two groups' totals); the later-only questions
as counts; and the same by branch where numbers allow.

No total drawn from fewer than SMALLEST people is shown: with so few, a reader could
work out one person's answers. Each total says how many people it comes from."""

from collections import Counter
from dataclasses import dataclass, field, replace

from wellbeing.models import Answer, Round
from wellbeing.questions import MANY, NOT_SAY, ONE, QUESTIONS, WORDS, Choice, Question

SMALLEST = 5

WHAT_IT_SHOWS = [
    "These numbers show what members told us about their own lives.",
    "We compare each member's first answers with their latest answers.",
    "So every change is the same person, at 2 times.",
    "The numbers cannot show that the co-operative made the change.",
    "Other things in people's lives change too.",
    "Not every member answered. People who answered may not be like everyone.",
    f"We do not show a total from fewer than {SMALLEST} people.",
    "This keeps each person's answers private.",
]


@dataclass(frozen=True)
class Change:
    """One question, for the members who answered it both times."""

    question: Question
    better: int = 0
    same: int = 0
    worse: int = 0
    # A branch's row held back although 5 or more: see _keep_back.
    kept_back: bool = False

    @property
    def people(self) -> int:
        return self.better + self.same + self.worse

    @property
    def shown(self) -> bool:
        return self.people >= SMALLEST and not self.kept_back

    def percent(self, part: int) -> int:
        return round(100 * part / self.people) if self.people else 0


@dataclass(frozen=True)
class Counts:
    """One later-only question: how many chose each answer (ticks: each tick counts)."""

    question: Question
    people: int
    counts: list[tuple[Choice, int]]

    @property
    def shown(self) -> bool:
        return self.people >= SMALLEST

    @property
    def shown_counts(self) -> list[tuple[Choice, int | None]]:
        """Each answer's count, or None where 1 to 4 people chose it. For a choose-one
        question, one count hidden alone is the people less the others: so the smallest
        other count is hidden with it."""
        small = {c.code for c, n in self.counts if 0 < n < SMALLEST or not self.shown}
        others = sorted((n, c.code) for c, n in self.counts if n >= SMALLEST)
        if self.question.kind == ONE and len(small) == 1 and others:
            small.add(others[0][1])
        return [(c, None if c.code in small else n) for c, n in self.counts]


@dataclass(frozen=True)
class BranchChange:
    name: str
    paired: int
    changes: list[Change]

    @property
    def shown(self) -> bool:
        return self.paired >= SMALLEST


@dataclass(frozen=True)
class Report:
    first: int
    later: int
    paired: int
    changes: list[Change]
    later_counts: list[Counts]
    own_words: int
    branches: list[BranchChange] = field(default_factory=list)

    @property
    def paired_shown(self) -> bool:
        return self.paired >= SMALLEST


def said(number: int) -> str:
    """A total as it is said: the number, or "Fewer than 5" when it is too small to show."""
    return str(number) if number >= SMALLEST else f"Fewer than {SMALLEST}"


def who_answered(found: "Report") -> list[str]:
    """How many answered, in sentences, for the page and the PDF."""
    return [
        f"{said(found.first)} members answered the first time.",
        f"{said(found.later)} members answered a later time.",
        f"{said(found.paired)} members answered both times. We compare their answers.",
    ]


def _sent_rounds() -> tuple[dict[int, Round], dict[int, Round]]:
    """Each member's first sent answers, and their latest sent later ones. A time sent
    with no answer at all is not counted: that member did not answer."""
    first, latest = {}, {}
    sent = Round.objects.filter(status=Round.Status.FINISHED, answers__isnull=False)
    for found in sent.distinct().select_related("member__branch"):
        if found.number == 1:
            first[found.member_id] = found
        elif found.member_id not in latest or found.number > latest[found.member_id].number:
            latest[found.member_id] = found
    return first, latest


def _answers(rounds: list[Round]) -> dict[int, dict[str, Answer]]:
    by_round: dict[int, dict[str, Answer]] = {r.pk: {} for r in rounds}
    for answer in Answer.objects.filter(round__in=[r.pk for r in rounds]):
        by_round[answer.round_id][answer.question] = answer
    return by_round


def _changes(pairs: list[tuple[dict[str, Answer], dict[str, Answer]]]) -> list[Change]:
    changes = []
    for question in QUESTIONS:
        if question.better is None:
            continue
        tally = Counter()
        for before, after in pairs:
            was = question.rank(before[question.key].choice) if question.key in before else None
            now = question.rank(after[question.key].choice) if question.key in after else None
            if was is None or now is None:
                continue
            tally["better" if now > was else "worse" if now < was else "same"] += 1
        changes.append(Change(question, tally["better"], tally["same"], tally["worse"]))
    return changes


def _later_counts(answers: list[dict[str, Answer]]) -> tuple[list[Counts], int]:
    counts, own_words = [], 0
    for question in QUESTIONS:
        if not question.later_only:
            continue
        given = [a[question.key] for a in answers if question.key in a]
        if question.kind == WORDS:
            own_words = sum(1 for a in given if a.words)
            continue
        tally = Counter()
        for answer in given:
            for code in answer.ticked if question.kind == MANY else [answer.choice]:
                tally[code] += 1
        assert question.kind in (ONE, MANY)
        choices = [*question.choices, NOT_SAY]
        counts.append(Counts(question, len(given), [(c, tally[c.code]) for c in choices]))
    return counts, own_words


def _keep_back(overall: list[Change], branches: list[BranchChange]) -> list[BranchChange]:
    """The whole's total less the branches shown must not leave 1 to 4 people: that would
    give away a small branch's answers. So, question by question, the smallest shown
    branch rows are held back too until what is hidden is none, or 5 or more people."""
    rows = [list(branch.changes) for branch in branches]
    for at, whole in enumerate(overall):
        shown = [r for r, branch in zip(rows, branches, strict=True) if branch.shown]
        shown = sorted((r for r in shown if r[at].shown), key=lambda r: r[at].people)
        left = whole.people - sum(r[at].people for r in shown)
        while 0 < left < SMALLEST and shown:
            row = shown.pop(0)
            row[at] = replace(row[at], kept_back=True)
            left += row[at].people
    return [replace(b, changes=r) for b, r in zip(branches, rows, strict=True)]


def build() -> Report:
    """The whole report, from the answers sent: four queries."""
    first, latest = _sent_rounds()
    answers = _answers([*first.values(), *latest.values()])
    paired_ids = sorted(set(first) & set(latest))
    pairs = {m: (answers[first[m].pk], answers[latest[m].pk]) for m in paired_ids}
    later_counts, own_words = _later_counts([answers[r.pk] for r in latest.values()])
    by_branch: dict[str, list[int]] = {}
    for member_id in paired_ids:
        by_branch.setdefault(first[member_id].member.branch.name, []).append(member_id)
    branches = [
        BranchChange(name, len(ids), _changes([pairs[m] for m in ids]))
        for name, ids in sorted(by_branch.items())
    ]
    changes = _changes(list(pairs.values()))
    return Report(
        first=len(first),
        later=len(latest),
        paired=len(paired_ids),
        changes=changes,
        later_counts=later_counts,
        own_words=own_words,
        branches=_keep_back(changes, branches),
    )
