"""The times that suit a member to come to activities (members.good_times)."""

from django.db import transaction

from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError, InvalidTransition
from members.good_times import GoodTime
from members.models import Member

__all__ = ["member_times_set"]


@transaction.atomic
def member_times_set(*, member: Member, actor: Actor, times: list[str]) -> Member:
    """Say which times suit the member (GoodTime codes; none is allowed: "not said").
    Kept in the grid's order. Saying the same again changes nothing. Raises CoopError for
    a time not in the grid, or when the member's data was erased."""
    unknown = sorted(set(times) - set(GoodTime.values))
    if unknown:
        raise CoopError("Please choose only from the times on the list.")
    chosen = [code for code in GoodTime.values if code in times]
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.erased_at is not None:
        raise InvalidTransition(
            "This member's personal data was erased on request. It stays erased."
        )
    if member.good_times == chosen:
        return member
    member.good_times = chosen
    member._history_user = actor
    member._change_reason = "Times that suit them changed"
    member.save(update_fields=["good_times"])
    # A supporter (or an organiser) saying it for the member is recorded as for them.
    helped = member.user if member.user_id != getattr(actor, "pk", None) else None
    audit(
        actor=actor,
        action="member.times_set",
        target=member,
        on_behalf_of=helped,
        data={"good_times": chosen},
    )
    return member
