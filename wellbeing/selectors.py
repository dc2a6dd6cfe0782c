"""Reads for the well-being pages."""

from members.models import Member
from wellbeing.models import Answer, Consent, Round
from wellbeing.questions import Question, for_round


def consent_of(member: Member) -> Consent | None:
    return Consent.objects.filter(member=member).first()


def open_rounds(member: Member) -> list[Round]:
    """The times the member was asked and has not sent their answers yet, latest first."""
    return list(
        Round.objects.filter(member=member)
        .exclude(status=Round.Status.FINISHED)
        .order_by("-number")
    )


def answers_of(round_: Round) -> dict[str, Answer]:
    return {a.question: a for a in Answer.objects.filter(round=round_)}


def first_unanswered(round_: Round) -> int:
    """The number (from 1) of the first question not answered yet; one past the last when
    every question has an answer."""
    answered = set(Answer.objects.filter(round=round_).values_list("question", flat=True))
    questions = for_round(round_.number)
    for number, question in enumerate(questions, start=1):
        if question.key not in answered:
            return number
    return len(questions) + 1


def question_at(round_: Round, number: int) -> Question | None:
    questions = for_round(round_.number)
    return questions[number - 1] if 1 <= number <= len(questions) else None
