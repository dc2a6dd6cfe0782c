"""Activities' part of a person's own data, and of erasing it."""

from typing import Any

from django.db import transaction

from coop.personal_data import choice, coded
from events.models import (
    ActivityLeader,
    Booking,
    CalendarFeed,
    EvaluationPhoto,
    Suggestion,
    SuggestionInterest,
    TransportAsk,
    WhatsOnMessage,
)
from events.photo_selectors import shown_photos
from events.services.evaluations import photo_files_delete
from members.models import SupportLink, User


def payment_method_words(code: Any) -> Any:
    """How a booking's fee is paid, in words ("cash" is "Cash"), for the own-data page."""
    return dict(Booking.PaymentMethod.choices).get(code, code)


def booking_state_words(value: Any) -> Any:
    """A booking's move in the audit log, [status, fee status], in words ("Booked, Not
    paid yet"); any other value (another record's "from" or "to") as it is."""
    statuses, fees = dict(Booking.Status.choices), dict(Booking.FeeStatus.choices)
    if not (isinstance(value, list) and len(value) == 2 and value[1] in fees):
        return value
    if value[0] and value[0] not in statuses:
        return value
    return f"{statuses.get(value[0]) or 'Not booked yet'}, {fees[value[1]]}"


def _booked_by(booking: Booking, supporters: set[int]) -> str:
    """Who made the booking, said to the member reading about themself."""
    if not booking.on_behalf:
        return "You"
    if booking.booked_by is None:
        return "Someone who has left"
    if booking.booked_by_id in supporters:
        return f"Your supporter, {booking.booked_by}"
    # A person's name, never a username: staff without a name set are "someone".
    name = booking.booked_by.get_full_name()
    return f"{name}, for the co-operative" if name else "Someone from the co-operative"


def export_bookings(user: User) -> dict[str, Any]:
    bookings = Booking.objects.filter(member__user=user).select_related("activity", "booked_by")
    # Everyone who has supported the member, then or now, in one read.
    supporters = set(
        SupportLink.objects.filter(member__user=user).values_list("supporter_id", flat=True)
    )
    shown = set(shown_photos().filter(members__user=user).values_list("pk", flat=True))
    return {
        "bookings": [
            {
                "activity": b.activity.title,
                "starts_at": b.activity.starts_at.isoformat(),
                **choice(b, "status"),
                "guests": len(b.guests),
                "fee_pence": b.fee_pence,
                **choice(b, "fee_status"),
                "refunded_pence": b.refunded_pence,
                # The yes/no stays for a machine; the page reads "Booked by: You".
                **coded("booked_on_their_behalf", b.on_behalf, _booked_by(b, supporters)),
                "seats_on_our_transport": b.travel_seats,
                "wheelchair_space_kept": b.wheelchair_space,
            }
            for b in bookings.order_by("activity__starts_at")
        ],
        "calendar_link_made": CalendarFeed.objects.filter(member__user=user).exists(),
        "photos_you_are_in": [
            {
                "activity": photo.activity.title,
                "starts_at": photo.activity.starts_at.isoformat(),
                "what_the_photo_shows": photo.alt,
                "added_at": photo.created_at.isoformat(),
                "shown_to_members": photo.pk in shown,
            }
            for photo in EvaluationPhoto.objects.filter(members__user=user)
            .select_related("activity")
            .order_by("created_at")
        ],
        "what_is_on_messages": [
            {"sent_at": m.created_at.isoformat(), **choice(m, "way"), **choice(m, "status")}
            for m in WhatsOnMessage.objects.filter(member__user=user, recipient="member")
        ],
        **_ideas_and_leading(user),
    }


def _ideas_and_leading(user: User) -> dict[str, Any]:
    """The member's ideas and proposals to the board (with its answer), the ideas they
    would like to go to, the activities they help to lead, and rides that found no room."""
    ideas = Suggestion.objects.filter(member__user=user).order_by("created_at", "pk")
    liked = SuggestionInterest.objects.filter(member__user=user).select_related("suggestion")
    leading = ActivityLeader.objects.filter(member__user=user).select_related("activity")
    asks = TransportAsk.objects.filter(member__user=user).select_related("activity")
    return {
        "ideas": [
            {
                "what": idea.what,
                "where": idea.where,
                "roughly_when": idea.when,
                "cost_you_thought_pence": idea.cost_guess_pence,
                "asked_the_board": idea.to_board,
                "want_to_help_lead_it": idea.wants_to_lead,
                **choice(idea, "status"),
                **choice(idea, "answer"),
                "why": idea.reason,
                "sent_at": idea.created_at.isoformat(),
            }
            for idea in ideas
        ],
        "ideas_you_would_like_to_go_to": [
            {"what": one.suggestion.what, "said_at": one.created_at.isoformat()}
            for one in liked.order_by("created_at", "pk")
        ],
        "activities_you_help_to_lead": [
            {"activity": one.activity.title, "starts_at": one.activity.starts_at.isoformat()}
            for one in leading.order_by("activity__starts_at", "pk")
        ],
        "rides_that_had_no_room": [
            {"activity": ask.activity.title, "starts_at": ask.activity.starts_at.isoformat()}
            for ask in asks.order_by("pk")
        ],
    }


def erase_bookings(user: User) -> None:
    """Bookings stay (they carry the fee's money story, by member id only); the private
    calendar link, which would still open the member's bookings, goes; so do the photos
    the member is in (files too) and the words of the messages sent to them."""
    with transaction.atomic():
        CalendarFeed.objects.filter(member__user=user).delete()
        photo_files_delete(list(EvaluationPhoto.objects.filter(members__user=user)))
        WhatsOnMessage.objects.filter(member__user=user).update(message="")
        # A note that they found no wheelchair space says they use a wheelchair: it goes.
        TransportAsk.objects.filter(member__user=user).delete()
        # So does a booking's (and its history's) note that a wheelchair space was kept.
        Booking.objects.filter(member__user=user, wheelchair_space=True).update(
            wheelchair_space=False
        )
        Booking.history.filter(member__user=user, wheelchair_space=True).update(
            wheelchair_space=False
        )
        # Which ideas they liked and what they help to lead go; their ideas stay as the
        # board's record of what it was asked (the member is no longer named: erased).
        SuggestionInterest.objects.filter(member__user=user).delete()
        ActivityLeader.objects.filter(member__user=user).delete()
