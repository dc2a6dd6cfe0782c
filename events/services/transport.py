"""Getting there and back. An organiser sets an activity's transport; a booking that
travels with us takes seats on it, and a wheelchair user's booking takes a wheelchair
space too. Seats and spaces are counted under the activity's row lock, by the same
callers that count places (booking_create, offer_next), so a race cannot overfill them.

When someone wants to travel and there is no room, the booking is not made: the member
is told in plain words and a TransportAsk puts it in front of the organisers, who decide
(book them with their own way there, or add a space if the vehicle has one)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from coop.actors import Actor, saved_user
from coop.audit import audit
from events.errors import BookingError
from events.models import Activity, Booking, Transport, TransportAsk
from events.services.waiting import offer_next_later
from events.transport_room import is_wheelchair_user, riders, room_on, transport_of
from members.models import Member

__all__ = [
    "transport_ask_close",
    "transport_ask_record",
    "transport_follow",
    "transport_problems",
    "transport_set",
]


# More than any coach: a bigger number is a slip of the keyboard (and would not fit).
MOST_SEATS = 100


class NoRoomToTravel(BookingError):
    """Someone wants to travel with us and the transport has no room for them."""


def travel_for(activity: Activity, member: Member, guests: list[dict], travel: bool | None) -> dict:
    """The booking's travel fields. With transport, travelling is the default; everyone
    in the booking rides (a carer or support worker goes where the member goes)."""
    if travel is False or transport_of(activity) is None:
        return {"travel_seats": 0, "wheelchair_space": False}
    return {"travel_seats": 1 + len(guests), "wheelchair_space": is_wheelchair_user(member)}


def check_room(activity: Activity, booking: Booking, taken: tuple[int, int] | None = None) -> None:
    """Raise NoRoomToTravel when the booking travels and the transport cannot take it.
    The caller holds the activity's lock (`taken`: the riders it counted under it)."""
    room = room_on(activity, taken) if booking.travel_seats else None
    if room is None or room.fits(booking):
        return
    if booking.wheelchair_space and room.spaces < 1:
        raise NoRoomToTravel(
            (
                f"There is no wheelchair space left on the {room.kind}. "
                if room.has_spaces
                else f"The {room.kind} has no space for a wheelchair. "
            )
            + "We have told the organiser. They will get in touch with you.",
            code="no_wheelchair_space",
        )
    raise NoRoomToTravel(
        f"There are not enough seats left on the {room.kind}. We have told the organiser. "
        "You can still book and make your own way there.",
        code="no_seat",
    )


def transport_ask_record(
    *, activity: Activity, member: Member, actor: Actor, error: NoRoomToTravel
) -> TransportAsk:
    """Put the refused ride in front of the organisers, once while it is open."""
    need = TransportAsk.Need.WHEELCHAIR if error.code == "no_wheelchair_space" else "seat"
    with transaction.atomic():
        ask, made = TransportAsk.objects.get_or_create(
            activity=activity,
            member=member,
            dealt_with_at=None,
            defaults={"need": need, "asked_by": saved_user(actor)},
        )
        if made:
            audit(actor=actor, action="transport.no_room", target=ask, data={"need": need})
    return ask


def transport_ask_close(*, ask: TransportAsk, actor: Actor) -> TransportAsk:
    """An organiser has dealt with it (or the member has booked). Twice is safe."""
    with transaction.atomic():
        ask = TransportAsk.objects.select_for_update().get(pk=ask.pk)
        if ask.dealt_with_at is None:
            ask.dealt_with_at = timezone.now()
            ask.dealt_with_by = saved_user(actor)
            ask.save(update_fields=["dealt_with_at", "dealt_with_by"])
            audit(actor=actor, action="transport.ask_dealt_with", target=ask)
    return ask


def close_asks_on_booking(booking: Booking, actor: Actor) -> None:
    """The member is booked now: their open ask for this activity is dealt with."""
    for ask in TransportAsk.objects.filter(
        activity_id=booking.activity_id, member_id=booking.member_id, dealt_with_at=None
    ):
        transport_ask_close(ask=ask, actor=actor)


def transport_problems(activity: Activity, fields: dict) -> list[tuple[str, str]]:
    """What is wrong with these transport details, as (field, words) pairs."""
    problems = []
    seats, spaces = fields.get("seats") or 0, fields.get("wheelchair_spaces") or 0
    pickup, back = fields.get("pickup_at"), fields.get("return_at")
    if seats < 1:
        problems.append(("seats", "The transport needs at least 1 seat."))
    if seats > MOST_SEATS:
        problems.append(("seats", f"Please give at most {MOST_SEATS} seats."))
    if spaces > seats:
        problems.append(("wheelchair_spaces", "There cannot be more wheelchair spaces than seats."))
    if spaces and fields.get("kind") not in Transport.ACCESSIBLE:
        problems.append(
            (
                "wheelchair_spaces",
                "Only an accessible minibus or taxi has wheelchair spaces. Choose one, or put 0.",
            )
        )
    if pickup and pickup >= activity.starts_at:
        problems.append(("pickup_at", "The pick-up must be before the activity starts."))
    if pickup and pickup < activity.starts_at - dt.timedelta(hours=12):
        problems.append(("pickup_at", "The pick-up must be at most 12 hours before the start."))
    if pickup and back and back <= pickup:
        problems.append(("return_at", "The drop-off must be after the pick-up."))
    if back and back < activity.ends_at:
        problems.append(("return_at", "The drop-off must be after the activity ends."))
    return problems


def transport_follow(
    activity: Activity, *, start_moved: dt.timedelta, end_moved: dt.timedelta, actor: Actor
) -> None:
    """The activity's start or end has moved (it is locked and holds its new times): its
    transport's pick-up moves by as much as the start, and its drop-off by as much as the
    end, so nobody is told to be picked up at the old time. Each keeps its distance from
    the start or end it follows, so transport that kept the time rules keeps them. Raises
    BookingError ("bad_transport") with the problem in words when the moved times break
    one (transport saved before those rules): the change is then refused."""
    if not (start_moved or end_moved):
        return
    transport = transport_of(activity)
    if transport is None:
        return
    fields = {name: getattr(transport, name) for name in Transport.EDITABLE_FIELDS}
    fields["pickup_at"] += start_moved
    fields["return_at"] += end_moved
    times = ("pickup_at", "return_at")
    problems = [p for p in transport_problems(activity, fields) if p[0] in times]
    if problems:
        raise BookingError(
            f"The transport does not fit the new times. {problems[0][1]}"
            " Please change the transport first.",
            code="bad_transport",
        )
    transport.pickup_at, transport.return_at = fields["pickup_at"], fields["return_at"]
    transport.updated_by = saved_user(actor)
    transport.save(update_fields=["pickup_at", "return_at", "updated_by", "updated_at"])
    audit(
        actor=actor,
        action="activity.transport_moved",
        target=activity,
        data={"pickup_at": str(transport.pickup_at), "return_at": str(transport.return_at)},
    )


def transport_set(*, activity: Activity, actor: Actor, **fields) -> Transport:
    """Give the activity transport, or change it. Raises BookingError (code
    "bad_transport") with the first problem in words; fewer seats or wheelchair spaces
    than the bookings already travelling is refused ("too_few_seats")."""
    fields = {name: fields[name] for name in Transport.EDITABLE_FIELDS}
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.status == Activity.Status.CANCELLED:
            raise BookingError(
                "This activity is cancelled. Its transport cannot change.", code="cancelled"
            )
        problems = transport_problems(activity, fields)
        if problems:
            raise BookingError(problems[0][1], code="bad_transport")
        seats, spaces = riders(activity)
        if fields["seats"] < seats or fields["wheelchair_spaces"] < spaces:
            raise BookingError(
                f"{seats} people are booked to travel, {spaces} in a wheelchair. "
                "There must be room for them all.",
                code="too_few_seats",
            )
        transport = transport_of(activity) or Transport(activity=activity)
        changed = {k: v for k, v in fields.items() if getattr(transport, k, None) != v}
        if transport.pk and not changed:
            return transport  # the same details sent again: nothing to do
        for name, value in fields.items():
            setattr(transport, name, value)
        transport.updated_by = saved_user(actor)
        transport.save()
        audit(
            actor=actor,
            action="activity.transport_set",
            target=activity,
            data={k: str(v) for k, v in changed.items()},
        )
        # More room may let someone waiting (for a seat or a wheelchair space) have a
        # place that is free: offered as when a place is freed.
        offer_next_later(activity)
    return transport
