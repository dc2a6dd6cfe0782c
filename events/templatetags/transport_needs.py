"""A riding booking's wheelchair space against the member's needs now, for the
organiser's bookings page: {% load transport_needs %}."""

from django import template

from events import transport_needs

register = template.Library()


@register.filter
def wheelchair_need(booking) -> str:
    return transport_needs.wheelchair_need(booking)
