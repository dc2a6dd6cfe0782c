"""The optional yearly subscription per branch, and the board's waivers."""

from django.db import transaction

from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError
from members.models import Branch, Member, Subscription, SubscriptionWaiver
from members.services.own_fee import check_not_own_fee

__all__ = ["subscription_set", "subscription_waive"]


@transaction.atomic
def subscription_set(*, branch: Branch, year: int, amount_pence: int, actor: Actor) -> Subscription:
    """Set a branch's subscription for a year (0 means none). Setting the same amount
    again changes nothing."""
    if not isinstance(amount_pence, int) or amount_pence < 0:
        raise CoopError("The amount must be £0 or more.")
    subscription = Subscription.objects.select_for_update().filter(branch=branch, year=year).first()
    if subscription is None:
        subscription = Subscription.objects.create(
            branch=branch, year=year, amount_pence=amount_pence, set_by=actor
        )
    elif subscription.amount_pence != amount_pence:
        subscription.amount_pence = amount_pence
        subscription.set_by = actor
        subscription.save(update_fields=["amount_pence", "set_by", "set_at"])
    else:
        return subscription
    audit(
        actor=actor,
        action="subscription.set",
        target=subscription,
        data={"year": year, "amount_pence": amount_pence},
    )
    return subscription


@transaction.atomic
def subscription_waive(
    *, member: Member, year: int, reason: str, actor: Actor
) -> SubscriptionWaiver:
    """The board waives a member's subscription for a year, but not their own. Needs a
    reason. Waiving twice keeps the first decision."""
    check_not_own_fee(member, actor, ask="board member")
    if not reason.strip():
        raise CoopError("Please give the reason for the waiver.")
    waiver, created = SubscriptionWaiver.objects.get_or_create(
        member=member, year=year, defaults={"reason": reason.strip(), "decided_by": actor}
    )
    if created:
        audit(
            actor=actor,
            action="subscription.waived",
            target=member,
            data={"year": year, "reason": reason.strip()},
        )
    return waiver
