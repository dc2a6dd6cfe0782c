"""The fee's words (events.fee_words) for templates: {% load fee_words %}."""

from django import template

from events import fee_words

register = template.Library()


@register.filter
def booking_fee_lines(booking, who="") -> list[str]:
    """{{ booking|booking_fee_lines }} for the member; booking_fee_lines:who for whoever
    reads it for them ("May gets it back when May comes")."""
    return fee_words.booking_fee_lines(booking, who=who or "")


@register.filter
def booking_state_line(booking, who="") -> str:
    return fee_words.booking_state_line(booking, who=who or "")


@register.filter
def booking_status_words(booking) -> str:
    """{{ b|booking_status_words }}: the status an organiser reads, true once a card hold
    has run out."""
    return fee_words.booking_status_words(booking)


@register.simple_tag
def activity_fee_lines(activity, fee_pence=None, payment="", who="") -> list[str]:
    return fee_words.activity_fee_lines(
        activity, fee_pence=fee_pence, payment=payment, who=who or ""
    )


@register.simple_tag
def activity_money_lines(activity) -> list[str]:
    return fee_words.activity_money_lines(activity)
