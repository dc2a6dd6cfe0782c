"""One person's answers read back in words, each with its pictures: for the member (and a
supporter helping them) on their own page, for the evaluation lead, and in the member's
own data. Totals for everyone else are in wellbeing.report."""

from dataclasses import dataclass

from django.db.models import Prefetch

from members.models import Member
from wellbeing.models import Answer, Round
from wellbeing.questions import BY_KEY, WORDS, Question, for_round


@dataclass(frozen=True)
class Said:
    """One answer as the member chose it: the words, and each choice (its words and its
    picture; several when they ticked more than one)."""

    words: str
    chosen: tuple[tuple[str, str], ...] = ()
    own_words: bool = False


@dataclass(frozen=True)
class Row:
    """A question with the first and the latest answer to it (None: not answered)."""

    question: Question
    first: Said | None
    latest: Said | None


def said(answer: Answer) -> Said:
    question = BY_KEY.get(answer.question)
    if question is None:
        return Said(answer.words or answer.choice)
    codes = answer.ticked or ([answer.choice] if answer.choice else [])
    choices = [found for code in codes if (found := question.choice(code)) is not None]
    if choices:
        return Said(
            ", ".join(c.words for c in choices), tuple((c.words, c.picture_path) for c in choices)
        )
    return Said(answer.words or answer.choice, own_words=question.kind == WORDS)


def answer_words(answer: Answer) -> str:
    return said(answer).words


def _sent():
    """Times answers were sent that still have answers (stopping answering deletes them)."""
    kept = Answer.objects.values("round_id")
    return Round.objects.filter(status=Round.Status.FINISHED, pk__in=kept).order_by("number")


def sent_rounds(member: Member) -> list[Round]:
    """The times the member sent their answers, first first, each with its answers."""
    return list(_sent().filter(member=member).prefetch_related("answers"))


def round_said(round_: Round) -> list[tuple[Question, Said]]:
    """Each question answered that time, in the order it was asked."""
    given = {a.question: a for a in round_.answers.all()}
    return [(q, said(given[q.key])) for q in for_round(round_.number) if q.key in given]


def side_by_side(first: Round, latest: Round | None) -> list[Row]:
    """Every question asked either time, with the first and the latest answer beside each
    other; questions nobody answered either time are left out."""
    then = dict(round_said(first))
    now = dict(round_said(latest)) if latest is not None else {}
    asked = for_round(latest.number if latest is not None else first.number)
    return [Row(q, then.get(q), now.get(q)) for q in asked if q in then or q in now]


def helped(round_: Round) -> bool:
    """Someone helped the member answer on the website (a paper entry is on_paper)."""
    return not round_.on_paper and any(a.helped_by_id for a in round_.answers.all())


def answered_count() -> int:
    return Member.objects.filter(wellbeing_rounds__in=_sent()).distinct().count()


def who_answered():
    """Every member who sent answers at least once (and kept them), by name, with the
    times they sent prefetched (`sent`): a query, so the page can take a page of it."""
    sent = _sent()
    return (
        Member.objects.filter(wellbeing_rounds__in=sent)
        .distinct()
        .select_related("branch")
        .prefetch_related(
            Prefetch(
                "wellbeing_rounds",
                queryset=sent.prefetch_related(
                    Prefetch("answers", queryset=Answer.objects.only("round_id", "helped_by_id"))
                ),
                to_attr="sent",
            )
        )
        .order_by("last_name", "first_name", "pk")
    )


def answered_rows(members) -> list[dict]:
    """For the evaluation lead: each member's name, branch, which times, and whether
    someone helped or it was on paper."""
    return [
        {
            "member": member,
            "times": member.sent,
            "helped": any(helped(r) for r in member.sent),
            "on_paper": any(r.on_paper for r in member.sent),
        }
        for member in members
    ]
