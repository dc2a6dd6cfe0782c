"""The fee's words (events.fee_words) for templates: {% load fee_words %}."""

from django import template

from events import fee_words

register = template.Library()


@register.filter
def booking_fee_lines(booking) -> list[str]:
    return fee_words.booking_fee_lines(booking)


@register.filter
def booking_state_line(booking, who="") -> str:
    return fee_words.booking_state_line(booking, who=who or "")


@register.simple_tag
def activity_fee_lines(activity, fee_pence=None, payment="") -> list[str]:
    return fee_words.activity_fee_lines(activity, fee_pence=fee_pence, payment=payment)


@register.simple_tag
def activity_money_lines(activity) -> list[str]:
    return fee_words.activity_money_lines(activity)
