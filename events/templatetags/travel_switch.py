"""The small form that changes how a booked member gets there: {% load travel_switch %},
then {% travel_switch_form booking %} (or organiser=True on the bookings page)."""

from django import template

from events.services.travel_switch import can_switch_travel
from events.transport_room import transport_of

register = template.Library()


@register.inclusion_tag("events/_travel_switch.html", takes_context=True)
def travel_switch_form(context, booking, organiser=False) -> dict:
    if not can_switch_travel(booking):
        return {"show": False}
    user = context.get("user")
    who = booking.member.display_name if organiser else booking.member.named_for(user.pk)
    return {
        "show": True,
        "booking": booking,
        "who": who,
        "kind": transport_of(booking.activity).kind_words,
        "riding": bool(booking.travel_seats),
        "organiser": organiser,
        "csrf_token": context.get("csrf_token"),
    }
