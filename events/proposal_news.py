"""Telling a member the board's answer to their proposal, their way (email, text, letter
or a call, through the outbox), with a copy to supporters who asked for copies."""

from django.conf import settings

from events.models import BoardAnswer, Suggestion
from members.models import User
from members.outbox.services import Words, copy_of, tell

KIND = "proposal_answer"


def organiser_name(user: User | None) -> str:
    if user is None:
        return "an organiser"
    return user.first_name or user.get_full_name() or user.username


def answer_lines(suggestion: Suggestion, organiser: User | None) -> list[str]:
    """What the board said, one short sentence a line."""
    if suggestion.answer == BoardAnswer.NOT_NOW:
        return [
            "The board said not now.",
            f"This is why: {suggestion.reason}",
            "You can ask the board again another time.",
        ]
    lines = ["The board said yes."]
    if suggestion.answer == BoardAnswer.CHANGES:
        lines = ["The board said yes, with some changes.", f"The changes: {suggestion.changes}"]
    lines.append(f"This is why: {suggestion.reason}")
    who = organiser_name(organiser)
    if suggestion.wants_to_lead:
        lines.append(f"You will help to lead it with {who}.")
    lines.append(f"{who.capitalize() if organiser is None else who} will plan it with you.")
    return lines


def tell_answer(suggestion: Suggestion, organiser: User | None) -> None:
    """In the caller's transaction: nobody hears of an answer that was rolled back. Once
    per proposal (the outbox's key)."""
    member = suggestion.member
    lines = [
        f"Hello {member.called},",
        "",
        f"You asked the board about your idea: {suggestion.what}.",
        *answer_lines(suggestion, organiser),
        "",
        f"Need help? Call us on {settings.HELP_PHONE}.",
    ]
    words = Words(f"The board answered your idea: {suggestion.what}", lines)
    tell(
        member,
        KIND,
        words,
        key=f"{KIND}:suggestion:{suggestion.pk}",
        copy_words=lambda supporter: copy_of(words, supporter, member),
        data={"suggestion": suggestion.pk},
    )
