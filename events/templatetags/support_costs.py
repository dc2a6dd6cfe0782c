"""The activity pages' parts about support workers and costs: the organiser's panel
(support missing, publishing without it, costs and share) and the members' easy-read
words (who pays for the support workers, each person's share)."""

from django import template

from coop.money import format_pence
from events.cost_share import member_cost_lines, share_for
from events.models import Activity
from events.services.support import real_cost_pence, support_short

register = template.Library()


@register.inclusion_tag("events/_support_costs_organiser.html")
def support_costs_organiser(activity: Activity) -> dict:
    needed, booked = support_short(activity)
    return {
        "activity": activity,
        "needed": needed,
        "booked": booked,
        "short": max(needed - booked, 0),
        "share": share_for(activity),
    }


@register.simple_tag
def support_costs_member_lines(activity: Activity) -> list[str]:
    """Easy-read lines for the activity page's "Money" part."""
    return member_cost_lines(activity)


@register.simple_tag
def paid_cost_words(activity: Activity) -> str:
    """For the evaluation: once costs are paid, the real cost is what was paid."""
    paid = real_cost_pence(activity)
    if paid is None:
        return ""
    return (
        f"{format_pence(paid)} was paid for its costs and support workers. "
        "That is its real cost, whatever is typed below."
    )
