"""Members suggest activities; others say they would like to go; organisers or the board
say what happens, with an easy-read reason the member sees."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from coop.actors import Actor, user_id
from coop.audit import audit
from coop.errors import CoopError
from events.models import Suggestion, SuggestionInterest
from members.models import Member

__all__ = [
    "suggestion_create",
    "suggestion_decide",
    "suggestion_interest_add",
]

SuggestionStatus = Suggestion.Status
DECISIONS = (SuggestionStatus.PLANNED, SuggestionStatus.DONE, SuggestionStatus.NOT_NOW)


def suggestion_create(
    *,
    member: Member,
    actor: Actor,
    what: str,
    where: str = "",
    when: str = "",
    cost_guess_pence: int | None = None,
) -> Suggestion:
    """A new idea. Sending the same idea again (a double press) gives the same one back."""
    what = what.strip()
    if not what:
        raise CoopError("Please say what you would like to do.", code="what_needed")
    if cost_guess_pence is not None and cost_guess_pence < 0:
        raise CoopError("The cost cannot be less than £0.", code="bad_cost")
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        same = Suggestion.objects.filter(
            member=member, what__iexact=what, status=SuggestionStatus.OPEN
        ).first()
        if same is not None:
            return same
        suggestion = Suggestion.objects.create(
            member=member,
            what=what,
            where=where.strip(),
            when=when.strip(),
            cost_guess_pence=cost_guess_pence,
            created_by=actor,
        )
        audit(
            actor=actor,
            action="suggestion.made",
            target=suggestion,
            on_behalf_of=member.user if member.user_id != user_id(actor) else None,
        )
    return suggestion


def suggestion_interest_add(
    *, suggestion: Suggestion, member: Member, actor: Actor
) -> SuggestionInterest:
    """The member would like to go. Pressing twice counts once (the database makes sure)."""
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.member_id == member.pk:
            raise CoopError("This is your own idea. We know you want to go.", code="own_idea")
        if suggestion.status not in (
            SuggestionStatus.OPEN,
            SuggestionStatus.AGENDA,
            SuggestionStatus.PLANNED,
        ):
            raise CoopError(
                "This idea is closed. You cannot add your name now.", code="suggestion_closed"
            )
        existing = SuggestionInterest.objects.filter(suggestion=suggestion, member=member).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                interest = SuggestionInterest.objects.create(suggestion=suggestion, member=member)
        except IntegrityError:
            return SuggestionInterest.objects.get(suggestion=suggestion, member=member)
        audit(
            actor=actor,
            action="suggestion.interest",
            target=suggestion,
            data={"member": member.pk},
        )
    return interest


def suggestion_decide(
    *, suggestion: Suggestion, actor: Actor, status: str, reason: str
) -> Suggestion:
    """Planned, done or not now, with a reason in easy words that the member sees."""
    reason = reason.strip()
    if status not in DECISIONS:
        raise CoopError("Please choose planned, done or not now.", code="bad_decision")
    if not reason:
        raise CoopError("Please tell the member why, in easy words.", code="reason_needed")
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.to_board and not suggestion.answer:
            raise CoopError("The board answers this idea at its meeting.", code="for_board")
        if (suggestion.status, suggestion.reason) == (status, reason):
            return suggestion
        before = suggestion.status
        suggestion.status, suggestion.reason = status, reason
        suggestion.decided_by, suggestion.decided_at = actor, timezone.now()
        suggestion.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        audit(
            actor=actor,
            action="suggestion.decided",
            target=suggestion,
            data={"from": before, "to": status, "reason": reason},
        )
    return suggestion
