"""The waiting list: a freed place is offered to the first person waiting, for a set
time; an offer not taken up passes to the next. Holds that run out free their place.

How long an offer lasts depends on the member's way (members.outbox.ways.way_for), so it
never lapses before it can reach them: by email or text, BOOKING_OFFER_HOURS; by a call
from an organiser, BOOKING_OFFER_HOURS_PHONE working hours (the call goes on today's call
list at once); by letter, BOOKING_OFFER_HOURS_LETTER working hours (second-class post and
time to answer). Working hours count Monday to Friday from the offer, or from
WORKING_DAY_STARTS_HOUR (9am) when it is made before then, or at a weekend (Monday 9am).
Never past the activity's start: a member whose way needs longer than is left is passed
over for this place and stays on the waiting list."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coop.audit import audit
from coop.dates import add_working_hours, working_start
from events.errors import BookingError
from events.models import Activity, Booking
from events.notify import tell_member
from members.models import ContactWay, Member, User
from members.outbox.ways import way_for

__all__ = [
    "offer_accept",
    "offer_decline",
    "offer_expiry",
    "offer_next",
    "tidy_activity",
    "tidy_all",
]

B = Booking.Status
F = Booking.FeeStatus


def offer_next_later(activity: Activity) -> None:
    transaction.on_commit(lambda: offer_next(activity))


def offer_expiry(member: Member, *, now: dt.datetime, starts_at: dt.datetime) -> dt.datetime | None:
    """When an offer made now to `member` should end, by their way; None when their way
    needs longer than is left before the activity starts (they are passed over)."""
    reach = way_for(member)
    way = reach[0] if reach else None
    # An organiser calls or posts on a working day: counted from the start of the next
    # one when the offer comes at a weekend or before work starts.
    start = working_start(now, settings.WORKING_DAY_STARTS_HOUR)
    if way == ContactWay.PHONE:
        ends = add_working_hours(
            start, max(settings.BOOKING_OFFER_HOURS_PHONE, settings.BOOKING_OFFER_HOURS)
        )
    elif way == ContactWay.LETTER:
        ends = add_working_hours(
            start, max(settings.BOOKING_OFFER_HOURS_LETTER, settings.BOOKING_OFFER_HOURS)
        )
    else:
        # Email, text, or no way at all (an organiser sees the message with no way).
        return min(now + dt.timedelta(hours=settings.BOOKING_OFFER_HOURS), starts_at)
    return ends if ends <= starts_at else None


def offer_next(activity: Activity) -> list[Booking]:
    """Offer free places to the people waiting longest, in order. Returns the offers."""
    from events.services.bookings import places_left

    offered = []
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.status != Activity.Status.PUBLISHED or activity.starts_at <= timezone.now():
            return []
        free = places_left(activity)
        waiting = (
            activity.bookings.select_for_update(of=("self",))
            .select_related("member")
            .filter(status=B.WAITING)
            .order_by("waiting_since", "id")
        )
        now = timezone.now()
        for booking in waiting:
            if free <= 0:
                break
            if booking.places_used > free:
                continue  # a bigger group waits for more room; the next person may fit
            expires = offer_expiry(booking.member, now=now, starts_at=activity.starts_at)
            if expires is None:
                continue  # a letter or call could not reach them in time: they keep waiting
            booking.status = B.OFFERED
            booking.offer_expires_at = expires
            booking.save(update_fields=["status", "offer_expires_at"])
            audit(actor=None, action="booking.offered", target=booking)
            free -= booking.places_used
            offered.append(booking)
            # Told in the same transaction as the offer: no offer goes untold.
            tell_member(booking.member, "offered", booking=booking)
    return offered


def offer_accept(
    *, booking: Booking, actor: User, payment: str = "card", waive_reason: str = ""
) -> Booking:
    """Take up an offered place: it becomes a booking like any other (paid, held or
    confirmed). Raises BookingError when the offer has run out."""
    from events.services.bookings import _hold, _record_cash, start_card_payment

    with transaction.atomic():
        # Lock the activity first, as booking_create does, so the two never deadlock.
        Activity.objects.select_for_update().get(pk=booking.activity_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != B.OFFERED:
            if booking.status in (B.CONFIRMED, B.AWAITING_PAYMENT):
                return booking
            raise BookingError(
                "There is no place offered to you for this activity.", code="no_offer"
            )
        if booking.offer_expires_at and booking.offer_expires_at < timezone.now():
            raise BookingError("Sorry, this offer has run out.", code="offer_expired")
        if payment == "waived" and not waive_reason.strip():
            raise BookingError(
                "Please give the reason for waiving the fee.", code="waiver_reason_needed"
            )
        _hold(
            booking, payment=payment, fee=booking.fee_pence, now=timezone.now(), reason=waive_reason
        )
        booking.offer_expires_at = None
        booking.save()
        audit(actor=actor, action="booking.offer_accepted", target=booking)
        if payment == "cash_received" and booking.fee_pence:
            _record_cash(booking, actor)
            booking.refresh_from_db()
    if booking.status == B.AWAITING_PAYMENT:
        booking = start_card_payment(booking, actor)
    return booking


def offer_decline(*, booking: Booking, actor: User) -> Booking:
    from events.services.bookings import booking_cancel

    return booking_cancel(booking=booking, actor=actor)


def tidy_activity(activity: Activity, *, now: dt.datetime | None = None) -> None:
    """Let go of card holds and offers whose time ran out, then offer what was freed."""
    from events.services.bookings import booking_cancel

    now = now or timezone.now()
    # One query for both (every booking asks first): offers, then holds.
    expired = activity.bookings.filter(
        Q(status=B.OFFERED, offer_expires_at__lt=now)
        | Q(status=B.AWAITING_PAYMENT, hold_expires_at__lt=now)
    )
    for booking in sorted(expired, key=lambda b: (b.status != B.OFFERED, b.pk)):
        if booking.status == B.OFFERED:
            booking_cancel(booking=booking, actor=None)
        else:
            _release_hold(booking)


def _release_hold(booking: Booking) -> None:
    """The card payment did not finish in time. Cancel it at Stripe (its hook frees the
    place); if it succeeded meanwhile, the payment's own hook confirms the booking."""
    from finance.models import Payment
    from finance.services import PaymentError, payment_cancel, payment_sync

    payment = Payment.objects.filter(pk=booking.payment_id).first()
    if payment is not None and payment.status == "pending":
        try:
            payment = payment_sync(payment=payment)
        except PaymentError:
            return  # Stripe cannot be reached: keep the hold; the next tidy tries again
        if payment.status == "pending":
            payment_cancel(payment=payment, actor=None)
    booking.refresh_from_db()
    if booking.status == B.AWAITING_PAYMENT:  # no payment was ever started
        from events.services.bookings import booking_cancel

        booking_cancel(booking=booking, actor=None)


def tidy_all(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The timer's work: expired holds and offers, then no-shows. Safe to repeat."""
    from events.services.attendance import no_show_sweep

    now = now or timezone.now()
    due = Activity.objects.filter(
        status=Activity.Status.PUBLISHED, bookings__status__in=[B.OFFERED, B.AWAITING_PAYMENT]
    ).distinct()
    for activity in due:
        tidy_activity(activity, now=now)
    return {"activities_tidied": len(due), "no_shows": no_show_sweep(now=now)}
