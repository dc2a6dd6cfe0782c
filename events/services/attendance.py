"""On the day: who came. Coming gives the fee back at once; not coming keeps it."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coop.audit import audit
from events.errors import BookingError
from events.models import Booking
from events.notify import tell_fee
from events.services.fees import keep_fee, refund_fee_later, unkeep_fee
from members.models import User

__all__ = ["attendance_mark", "attendance_undo", "no_show_sweep"]

B = Booking.Status
F = Booking.FeeStatus


@transaction.atomic
def attendance_mark(*, booking: Booking, actor: User, attended: bool) -> Booking:
    """Mark the member here (the fee starts coming back at once) or not here (a no-show:
    the fee is kept). Two marks at once refund once: the row is locked and re-checked.
    The member hears that their fee is coming back, or kept (once each)."""
    booking = Booking.objects.select_for_update().select_related("activity").get(pk=booking.pk)
    wanted = B.ATTENDED if attended else B.NO_SHOW
    if booking.status == wanted:
        return booking
    if booking.status not in (B.CONFIRMED, B.ATTENDED, B.NO_SHOW):
        raise BookingError("Only people who are booked can be marked.", code="not_booked")
    if booking.status == B.ATTENDED and booking.fee_status in (F.REFUND_PENDING, F.REFUNDED):
        raise BookingError(
            "Their fee is already on its way back. This cannot be changed now.", code="money_moved"
        )
    booking.status = wanted
    booking.attendance_marked_by, booking.attendance_marked_at = actor, timezone.now()
    fee_news = None
    if attended:
        if booking.fee_status in (F.HELD, F.KEPT):
            booking.fee_status = F.REFUND_PENDING
            refund_fee_later(booking, actor=actor, reason="came to the activity")
            fee_news = "returned"
        elif booking.fee_status == F.AWAITING:
            booking.fee_status, booking.fee_note = F.WAIVED, "came before paying the fee"
    elif booking.fee_status == F.HELD:
        keep_fee(booking, actor=actor)
        fee_news = "kept"
    elif booking.fee_status == F.AWAITING:
        booking.fee_status, booking.fee_note = F.NONE, "did not pay and did not come"
    booking.save()
    audit(
        actor=actor,
        action="booking.attended" if attended else "booking.no_show",
        target=booking,
        data={"fee_status": booking.fee_status},
    )
    if fee_news:
        tell_fee(booking, fee_news, because="came")
    return booking


@transaction.atomic
def attendance_undo(*, booking: Booking, actor: User) -> Booking:
    """Undo a mistaken mark while no money has moved. Raises BookingError after that."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status not in (B.ATTENDED, B.NO_SHOW):
        return booking
    if booking.fee_status in (F.REFUND_PENDING, F.REFUNDED):
        raise BookingError(
            "Money has moved already. Please ask finance to help.", code="money_moved"
        )
    if booking.fee_status == F.KEPT:
        unkeep_fee(booking, actor=actor)
    elif booking.fee_note in ("came before paying the fee", "did not pay and did not come"):
        booking.fee_status, booking.fee_note = F.AWAITING, ""
    booking.status = B.CONFIRMED
    booking.attendance_marked_by = booking.attendance_marked_at = None
    booking.save()
    audit(actor=actor, action="booking.attendance_undone", target=booking)
    return booking


def no_show_sweep(*, now: dt.datetime | None = None) -> int:
    """Bookings still unmarked a set time after their activity ended become no-shows (the
    fee is kept). Returns how many. Safe to run as often as you like."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=settings.NO_SHOW_AFTER_HOURS)
    due = Booking.objects.filter(
        status=B.CONFIRMED, activity__ends_at__lte=cutoff, activity__status="published"
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        booking = attendance_mark(booking=Booking(pk=pk), actor=None, attended=False)
        count += booking.status == B.NO_SHOW
    return count
