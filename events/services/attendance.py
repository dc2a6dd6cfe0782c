"""On the day: who came. Coming gives the fee back at once; not coming keeps it. Marking
before the activity starts needs the organiser to say they mean it (`early=True`)."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coop.actors import Actor
from coop.dates import easy_date, easy_time
from events.errors import BookingError
from events.models import Booking
from events.notify import tell_fee
from events.services.booking_states import move
from events.services.fee_moves import give_back_later, keep_fee, unkeep_fee

__all__ = ["attendance_mark", "attendance_undo", "no_show_sweep"]

BookingStatus = Booking.Status
FeeStatus = Booking.FeeStatus
PAID = (FeeStatus.HELD, FeeStatus.PART_REFUNDED)


def _check_not_early(booking: Booking, early: bool) -> None:
    starts = booking.activity.starts_at
    if not early and timezone.now() < starts:
        raise BookingError(
            f"{booking.activity.title} has not started yet. It starts on "
            f"{easy_date(starts)} at {easy_time(starts)}. "
            "Please say that you want to mark it now.",
            code="too_early",
        )


@transaction.atomic
def attendance_mark(
    *, booking: Booking, actor: Actor, attended: bool, early: bool = False
) -> Booking:
    """Mark the member here (the fee starts coming back at once) or not here (a no-show:
    what is held of the fee is kept). Before the activity starts, only with `early`.
    Two marks at once refund once: the row is locked and re-checked. The member hears
    that their fee is coming back, or kept (once each)."""
    booking = Booking.objects.select_for_update().select_related("activity").get(pk=booking.pk)
    wanted = BookingStatus.ATTENDED if attended else BookingStatus.NO_SHOW
    if booking.status == wanted:
        return booking
    if booking.status not in (
        BookingStatus.CONFIRMED,
        BookingStatus.ATTENDED,
        BookingStatus.NO_SHOW,
    ):
        raise BookingError("Only people who are booked can be marked.", code="not_booked")
    if booking.status == BookingStatus.ATTENDED and booking.fee_status in (
        FeeStatus.REFUND_PENDING,
        FeeStatus.REFUNDED,
    ):
        raise BookingError(
            "Their fee is already on its way back. This cannot be changed now.", code="money_moved"
        )
    _check_not_early(booking, early)
    fields = {"attendance_marked_by": actor, "attendance_marked_at": timezone.now()}
    fee, news = None, None
    if attended and booking.fee_status in (*PAID, FeeStatus.KEPT):
        fee, news = FeeStatus.REFUND_PENDING, "returned"
    elif (
        attended
        and booking.fee_status in (FeeStatus.AWAITING, FeeStatus.NONE)
        and (booking.fee_status == FeeStatus.AWAITING or booking.fee_set_by_attendance)
    ):
        fee, fields["fee_set_by_attendance"] = FeeStatus.WAIVED, True  # came before paying
    elif not attended and booking.fee_status in PAID:
        fee, news = FeeStatus.KEPT, "kept"
    elif not attended and (
        booking.fee_status == FeeStatus.AWAITING
        or (booking.fee_status == FeeStatus.WAIVED and booking.fee_set_by_attendance)
    ):
        fee, fields["fee_set_by_attendance"] = FeeStatus.NONE, True  # did not pay, did not come
    was_kept = booking.fee_status == FeeStatus.KEPT
    move(
        booking,
        actor=actor,
        action="booking.attended" if attended else "booking.no_show",
        status=wanted,
        fee=fee,
        data={"early": timezone.now() < booking.activity.starts_at},
        **fields,
    )
    if news == "returned":
        give_back_later(booking, actor=actor, reason="came to the activity", was_kept=was_kept)
    elif news == "kept":
        keep_fee(booking, actor=actor)
    if news:
        tell_fee(booking, news, because="came")
    return booking


@transaction.atomic
def attendance_undo(*, booking: Booking, actor: Actor) -> Booking:
    """Undo a mistaken mark while no money has moved. Raises BookingError after that."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status not in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW):
        return booking
    if booking.fee_status in (FeeStatus.REFUND_PENDING, FeeStatus.REFUNDED):
        raise BookingError(
            "Money has moved already. Please ask finance to help.", code="money_moved"
        )
    fee = None
    if booking.fee_status == FeeStatus.KEPT:
        fee = FeeStatus.PART_REFUNDED if booking.refunded_pence else FeeStatus.HELD
    elif booking.fee_set_by_attendance:
        fee = FeeStatus.AWAITING
    move(
        booking,
        actor=actor,
        action="booking.attendance_undone",
        status=BookingStatus.CONFIRMED,
        fee=fee,
        attendance_marked_by=None,
        attendance_marked_at=None,
        fee_set_by_attendance=False,
    )
    if fee in PAID:
        unkeep_fee(booking, actor=actor)
    return booking


def _still_due(cutoff: dt.datetime):
    return Booking.objects.filter(
        status=BookingStatus.CONFIRMED, activity__ends_at__lte=cutoff, activity__status="published"
    )


@transaction.atomic
def _mark_no_show(pk: int, cutoff: dt.datetime) -> bool:
    """One booking of the sweep, if it is still due under its lock (it may have been
    cancelled or marked since the sweep looked)."""
    booking = _still_due(cutoff).select_for_update(of=("self",)).filter(pk=pk).first()
    if booking is None:
        return False
    return attendance_mark(booking=booking, actor=None, attended=False, early=True).status == (
        BookingStatus.NO_SHOW
    )


def no_show_sweep(*, now: dt.datetime | None = None) -> int:
    """Bookings still unmarked a set time after their activity ended become no-shows (the
    fee is kept). Returns how many. Safe to run as often as you like, and while people
    cancel or mark: each booking is checked again under its lock."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=settings.NO_SHOW_AFTER_HOURS)
    due = list(_still_due(cutoff).values_list("pk", flat=True))
    return sum(_mark_no_show(pk, cutoff) for pk in due)
