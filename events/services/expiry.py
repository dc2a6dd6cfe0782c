"""Letting go of what ran out: card holds whose payment did not finish, and waiting-list
offers not taken up. Done by the task worker when each runs out (booking_expire_task) and
by the `bookings_tidy` timer, never inside another member's request: nobody's booking
waits on a call to Stripe about someone else's payment."""

import datetime as dt

from django.utils import timezone

from events.models import Activity, Booking
from events.services.attendance import no_show_sweep
from events.services.bookings import booking_let_go, run_out
from finance.models import Payment
from finance.services import PaymentError, payment_cancel, payment_sync

__all__ = ["booking_expire", "tidy_activity", "tidy_all"]

BookingStatus = Booking.Status


def booking_expire(*, booking_id: int, now: dt.datetime | None = None) -> bool:
    """Let go of this booking's hold or offer if it has run out. Returns whether it did.
    Safe to run early, late or twice: it re-reads the booking and checks the time."""
    now = now or timezone.now()
    booking = _find_run_out(booking_id, now)
    if booking is None:
        return False
    if booking.status == BookingStatus.OFFERED:
        booking_let_go(booking=booking, now=now)
    else:
        _release_hold(booking, now)
    booking.refresh_from_db()
    return booking.status == BookingStatus.CANCELLED


def _find_run_out(booking_id: int, now: dt.datetime) -> Booking | None:
    """A first look, without a lock: the cancel checks again under it."""
    return Booking.objects.filter(run_out(now), pk=booking_id).first()


def tidy_activity(activity: Activity, *, now: dt.datetime | None = None) -> None:
    """Let go of card holds and offers whose time ran out (offers first); each freed
    place is offered to the next person waiting."""
    now = now or timezone.now()
    expired = activity.bookings.filter(run_out(now))
    for booking in sorted(expired, key=lambda b: (b.status != BookingStatus.OFFERED, b.pk)):
        booking_expire(booking_id=booking.pk, now=now)


def _release_hold(booking: Booking, now: dt.datetime) -> None:
    """The card payment did not finish in time. Cancel it at Stripe (its hook frees the
    place); if it succeeded meanwhile, the payment's own hook confirms the booking."""
    payment = Payment.objects.filter(pk=booking.payment_id).first()
    if payment is not None and payment.status == "pending":
        try:
            payment = payment_sync(payment=payment)
        except PaymentError:
            return  # Stripe cannot be reached: keep the hold; the next tidy tries again
        if payment.status == "pending":
            payment_cancel(payment=payment, actor=None)
    # No payment was ever started, or its hook has not freed the place: let go of it
    # only if it is still waiting for payment and run out, checked under the lock.
    booking_let_go(booking=booking, now=now)


def tidy_all(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The timer's work: expired holds and offers, then no-shows. Safe to repeat."""
    now = now or timezone.now()
    due = Activity.objects.filter(
        status=Activity.Status.PUBLISHED,
        bookings__status__in=[BookingStatus.OFFERED, BookingStatus.AWAITING_PAYMENT],
    ).distinct()
    for activity in due:
        tidy_activity(activity, now=now)
    return {"activities_tidied": len(due), "no_shows": no_show_sweep(now=now)}
