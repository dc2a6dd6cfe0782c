"""Getting there and back for templates: {% load transport_words %}."""

from django import template

from events import transport_words
from events.models import Booking, Transport, TransportAsk
from events.services.transport import transport_problems
from events.transport_room import riders, transport_of

register = template.Library()


@register.simple_tag
def transport_lines(activity) -> list[str]:
    return transport_words.transport_lines(activity)


@register.filter
def travel_line(booking, who="") -> str:
    return transport_words.travel_line(booking, who=who or "")


@register.inclusion_tag("events/_transport_organiser.html", takes_context=True)
def transport_organiser(context, activity) -> dict:
    """The organiser's part about transport: what is set, what is taken, and who could
    not get a seat or a wheelchair space."""
    transport = transport_of(activity)
    seats, spaces = riders(activity)
    asks = TransportAsk.objects.filter(activity=activity, dealt_with_at=None).select_related(
        "member"
    )
    riding = (
        activity.bookings.filter(status__in=Booking.HOLDING, travel_seats__gt=0)
        .select_related("member")
        .order_by("member__first_name", "id")
    )
    # The activity's times may have moved since the transport was set.
    fields = {name: getattr(transport, name, None) for name in Transport.EDITABLE_FIELDS}
    return {
        "riding": list(riding),
        "problems": [words for _, words in transport_problems(activity, fields)]
        if transport
        else [],
        "activity": activity,
        "transport": transport,
        "seats_taken": seats,
        "spaces_taken": spaces,
        "asks": list(asks),
        "csrf_token": context.get("csrf_token"),
    }
