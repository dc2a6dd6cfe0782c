"""Activities' part of a person's own data, and of erasing it."""

from typing import Any

from events.models import Booking, CalendarFeed
from members.models import User


def export_bookings(user: User) -> dict[str, Any]:
    bookings = Booking.objects.filter(member__user=user).select_related("activity")
    return {
        "bookings": [
            {
                "activity": b.activity.title,
                "starts_at": b.activity.starts_at.isoformat(),
                "status": b.status,
                "guests": len(b.guests),
                "fee_pence": b.fee_pence,
                "fee_status": b.fee_status,
                "refunded_pence": b.refunded_pence,
                "booked_on_their_behalf": b.on_behalf,
            }
            for b in bookings.order_by("activity__starts_at")
        ],
        "calendar_link_made": CalendarFeed.objects.filter(member__user=user).exists(),
    }


def erase_bookings(user: User) -> None:
    """Bookings stay (they carry the fee's money story, by member id only); the private
    calendar link, which would still open the member's bookings, goes."""
    CalendarFeed.objects.filter(member__user=user).delete()
