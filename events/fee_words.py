"""What a booking fee means for the member now, in easy read, from one place: the activity
page, the booking check page, my bookings, receipts, the fee messages, the "what is on"
messages and letters, reminders, the call scripts, the calendar feed and the organiser's
"Here" button all take their words from here. No codes, no raw values ("cash"), no bare
dates."""

import datetime as dt

from django.utils import timezone

from coop.dates import easy_date, easy_time
from coop.money import format_pence
from events.models import Activity, Booking

__all__ = [
    "activity_fee_lines",
    "activity_money_lines",
    "booking_fee_lines",
    "booking_state_line",
    "mark_news",
]

BookingStatus = Booking.Status
FeeStatus = Booking.FeeStatus


def _when(moment: dt.datetime) -> str:
    return f"{easy_date(moment)} at {easy_time(moment)}"


def _cancel_by(activity: Activity, now: dt.datetime) -> str:
    if now <= activity.cancel_by:
        return f"If you cannot come, cancel by {_when(activity.cancel_by)}. Then you get it back."
    return "It is too late to cancel and get the booking fee back now."


def _pay_cash(activity: Activity, fee: str) -> list[str]:
    return [
        f"Please pay the booking fee of {fee} in cash.",
        f"Give it to the organiser at {activity.meeting_point} on {easy_date(activity.starts_at)}.",
        f"Please give it before it starts at {easy_time(activity.starts_at)}.",
    ]


def _cost_line(activity: Activity) -> str:
    if activity.cost_pence:
        return f"It costs {format_pence(activity.cost_pence)} on the day."
    return "It is free on the day."


def _fee_line(fee_pence: int) -> str:
    return f"You pay {format_pence(fee_pence)} to book. You get it back when you come."


def activity_money_lines(activity: Activity) -> list[str]:
    """What an activity costs, one short line each: the day's cost (or that it is free),
    then the booking fee and what brings it back, when there is one. The first lines of
    the activity page, for what is on, the call scripts, the letters and the calendar."""
    lines = [_cost_line(activity)]
    if activity.fee_pence:
        lines.append(_fee_line(activity.fee_pence))
    return lines


def activity_fee_lines(
    activity: Activity,
    *,
    fee_pence: int | None = None,
    payment: str = "",
    now: dt.datetime | None = None,
) -> list[str]:
    """Before booking (the activity page, the booking's check page): what it costs, and
    how the booking fee works now. `fee_pence` is the fee with guests; `payment` the way
    chosen, if any ("cash" says whom to pay and when)."""
    now = now or timezone.now()
    fee_pence = activity.fee_pence if fee_pence is None else fee_pence
    lines = [_cost_line(activity)]
    if not fee_pence:
        return lines
    fee = format_pence(fee_pence)
    if payment == "waived":
        return [*lines, "You do not need to pay a booking fee for this activity."]
    lines.append(_fee_line(fee_pence))
    if payment == "cash":
        lines += _pay_cash(activity, fee)
    lines.append(_cancel_by(activity, now))
    return lines


def _still_held(booking: Booking) -> int:
    return booking.fee_pence - booking.refunded_pence


def _coming_back(booking: Booking, amount: int) -> list[str]:
    how = (
        "It goes back to your bank card. This can take up to 10 days."
        if booking.payment_method == Booking.PaymentMethod.CARD
        else "We will give it back to you in cash."
    )
    return [f"Your booking fee of {format_pence(amount)} is coming back to you.", how]


def _awaiting(booking: Booking, fee: str) -> list[str]:
    activity = booking.activity
    if booking.status in (BookingStatus.WAITING, BookingStatus.OFFERED):
        return [f"If you get a place, you pay the booking fee of {fee} then."]
    if booking.payment_method == Booking.PaymentMethod.CASH:
        return [*_pay_cash(activity, fee), "You get it back when you come."]
    return [f"Please pay the booking fee of {fee} by card to keep your place."]


def booking_state_line(booking: Booking, *, who: str = "") -> str:
    """Where the booking stands, in one sentence for the member (or, with `who`, for the
    person acting for them). A place held while a card payment completes is not a booking
    yet: it is let go when the time runs out, so this says until when, and what to do."""
    if booking.status != BookingStatus.AWAITING_PAYMENT:
        return f"{booking.get_status_display()}."
    whose = f"{who}'s" if who else "Your"
    until = booking.hold_expires_at
    kept = f"until {_when(until)}" if until else "for a short time"
    return f"{whose} place is kept {kept}. Pay the booking fee by card to finish booking."


def booking_fee_lines(booking: Booking, *, now: dt.datetime | None = None) -> list[str]:
    """What has happened, or will happen, to this booking's fee. A cancelled booking with
    no money paid says nothing about fees; a booking with no fee says nothing either."""
    now = now or timezone.now()
    activity = booking.activity
    fee = format_pence(booking.fee_pence)
    state = booking.fee_status
    if not booking.fee_pence or state == FeeStatus.NONE:
        return []
    if booking.status == BookingStatus.CANCELLED and state in (
        FeeStatus.AWAITING,
        FeeStatus.WAIVED,
    ):
        return []
    if state == FeeStatus.AWAITING:
        return _awaiting(booking, fee)
    if state == FeeStatus.WAIVED:
        return ["You do not need to pay a booking fee for this activity."]
    if state == FeeStatus.HELD:
        paid = "in cash" if booking.payment_method == Booking.PaymentMethod.CASH else "by card"
        return [
            f"You paid the booking fee of {fee} {paid}. You get it back when you come.",
            _cancel_by(activity, now),
        ]
    if state == FeeStatus.PART_REFUNDED:
        return [
            f"You paid the booking fee of {fee}. "
            f"We gave {format_pence(booking.refunded_pence)} of it back to you.",
            f"You get the other {format_pence(_still_held(booking))} back when you come.",
            _cancel_by(activity, now),
        ]
    if state == FeeStatus.REFUND_PENDING:
        return _coming_back(booking, _still_held(booking))
    if state == FeeStatus.REFUNDED:
        return [f"We gave your booking fee of {fee} back to you."]
    # Kept: late cancel or did not come.
    why = "you cancelled late" if booking.status == BookingStatus.CANCELLED else "you did not come"
    lines = [f"We kept your booking fee of {format_pence(_still_held(booking))}, because {why}."]
    if booking.refunded_pence:
        lines.append(f"We gave {format_pence(booking.refunded_pence)} of it back to you.")
    lines.append("Were you ill, or was there an emergency? Please tell us. We may give it back.")
    return lines


def mark_news(booking: Booking) -> str:
    """What pressing "Here" or "Not here" did, for the organiser who pressed it."""
    name = booking.member.display_name
    here = booking.status == BookingStatus.ATTENDED
    said = f"{name} is marked {'here' if here else 'not here'}."
    state = booking.fee_status
    if not booking.fee_pence:
        return f"{said} There is no booking fee."
    if state == FeeStatus.REFUND_PENDING:
        how = "in cash: please give it to them" if booking.payment_method == "cash" else "by card"
        return f"{said} Their fee of {format_pence(_still_held(booking))} goes back {how}."
    if state == FeeStatus.KEPT:
        return f"{said} We keep their fee of {format_pence(_still_held(booking))}."
    if state == FeeStatus.WAIVED and booking.fee_set_by_attendance:
        return f"{said} They had not paid the fee. They do not need to pay it now."
    if state == FeeStatus.NONE and booking.fee_set_by_attendance:
        return f"{said} They had not paid the fee. Nothing is owed."
    if state == FeeStatus.REFUNDED:
        return f"{said} Their fee of {format_pence(booking.fee_pence)} has gone back to them."
    if state == FeeStatus.WAIVED:
        return f"{said} Their fee was waived, so no money moves."
    return f"{said} Their fee is not paid yet."
