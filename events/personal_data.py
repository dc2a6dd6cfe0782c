"""Activities' part of a person's own data, and of erasing it."""

from typing import Any

from django.db import transaction

from coop.personal_data import choice
from events.models import Booking, CalendarFeed, EvaluationPhoto, WhatsOnMessage
from events.photo_selectors import shown_photos
from events.services.evaluations import photo_files_delete
from members.models import User


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


def export_bookings(user: User) -> dict[str, Any]:
    bookings = Booking.objects.filter(member__user=user).select_related("activity")
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
                "booked_on_their_behalf": b.on_behalf,
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
    }


def erase_bookings(user: User) -> None:
    """Bookings stay (they carry the fee's money story, by member id only); the private
    calendar link, which would still open the member's bookings, goes; so do the photos
    the member is in (files too) and the words of the messages sent to them."""
    with transaction.atomic():
        CalendarFeed.objects.filter(member__user=user).delete()
        photo_files_delete(list(EvaluationPhoto.objects.filter(members__user=user)))
        WhatsOnMessage.objects.filter(member__user=user).update(message="")
