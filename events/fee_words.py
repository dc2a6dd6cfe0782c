"""What a booking fee means for the member now, in easy read, from one place: the activity
page, the booking check page, my bookings, receipts, the fee messages, the "what is on"
messages and letters, reminders, the call scripts, the calendar feed and the organiser's
"Here" button all take their words from here. No codes, no raw values ("cash"), no bare
dates."""

import datetime as dt
import re

from django.utils import timezone

from coop.dates import easy_date, easy_time
from coop.money import format_pence
from events.cost_share import member_cost_lines
from events.models import Activity, Booking

__all__ = [
    "activity_advert_lines",
    "activity_fee_lines",
    "activity_money_lines",
    "booking_fee_lines",
    "booking_state_line",
    "booking_status_words",
    "mark_news",
    "money_lines",
]

BookingStatus = Booking.Status
FeeStatus = Booking.FeeStatus


def _when(moment: dt.datetime) -> str:
    return f"{easy_date(moment)} at {easy_time(moment)}"


# `who` for someone who books for nobody (an organiser, a visitor): the fee is said about
# members in general ("Members pay £5 to book. They get it back when they come.").
MEMBERS = "members"


def _say_members(text: str, **values: str) -> str:
    """Members the first time, then "they": we may say "they" about many people."""
    person = {"You": "Members", "you": "members", "Your": "Members'", "your": "members'"}
    said = text.format(**person, s="", do="do", Were="Were", **values)
    first = re.search(r"\b[Mm]embers\b'?", said)
    if not first:
        return said
    later = {"Members": "They", "members": "they", "Members'": "Their", "members'": "their"}
    rest = re.sub(r"(?<=\bto )members\b(?!')", "them", said[first.end() :])
    rest = re.sub(r"\b[Mm]embers\b'?", lambda m: later[m.group(0)], rest)
    return said[: first.end()] + rest


def _say(who: str, text: str, **values: str) -> str:
    """A sentence for the member ("You pay £5") or, with `who`, for whoever answers for
    them: a supporter reads "May pays £5". The name is said again where the member's
    sentence says "you" (we do not guess anyone's pronouns). Marks: {You}/{you} the
    person, {Your}/{your} theirs, {s} a verb's ending, {do} and {Were}; `values` fill the
    other marks ({fee})."""
    if who == MEMBERS:
        return _say_members(text, **values)
    if not who:
        person = {"You": "You", "you": "you", "Your": "Your", "your": "your"}
        return text.format(**person, s="", do="do", Were="Were", **values)
    whose = f"{who}'s"
    first = who[:1].upper() + who[1:]  # "the member" starts a sentence as "The member"
    person = {"You": first, "you": who, "Your": f"{first}'s", "your": whose}
    return text.format(**person, s="s", do="does", Were="Was", **values)


def _cancel_by(activity: Activity, now: dt.datetime, who: str = "") -> str:
    if now <= activity.cancel_by:
        by = _when(activity.cancel_by)
        return _say(who, "If {you} cannot come, cancel by {by}. Then {you} get{s} it back.", by=by)
    return "It is too late to cancel and get the booking fee back now."


def _pay_cash(activity: Activity, fee: str) -> list[str]:
    return [
        f"Please pay the booking fee of {fee} in cash.",
        f"Give it to the organiser at {activity.meeting_point} on {easy_date(activity.starts_at)}.",
        f"Please give it before it starts at {easy_time(activity.starts_at)}.",
    ]


def _cost_line(cost_pence: int) -> str:
    if cost_pence:
        return f"It costs {format_pence(cost_pence)} on the day."
    return "It is free on the day."


def _fee_line(fee_pence: int, who: str = "") -> str:
    fee = format_pence(fee_pence)
    return _say(
        who, "{You} pay{s} {fee} to book. {You} get{s} it back when {you} come{s}.", fee=fee
    )


def _no_fee(who: str) -> str:
    return _say(who, "{You} {do} not need to pay a booking fee for this activity.")


def activity_money_lines(activity: Activity) -> list[str]:
    """What an activity costs, one short line each: the day's cost (or that it is free),
    then the booking fee and what brings it back, when there is one. The first lines of
    the activity page, for what is on, the call scripts, the letters and the calendar."""
    return money_lines(activity.cost_pence, activity.fee_pence)


def money_lines(cost_pence: int, fee_pence: int) -> list[str]:
    """activity_money_lines from the two amounts alone (What's on reads plain values)."""
    lines = [_cost_line(cost_pence)]
    if fee_pence:
        lines.append(_fee_line(fee_pence))
    return lines


def activity_advert_lines(activity: Activity) -> list[str]:
    """What an activity costs wherever it is advertised away from its page ("what is on"
    by email, text, letter or call, the calendar feed): the money lines, then each
    person's share and who pays for the support workers (events.cost_share)."""
    return [*activity_money_lines(activity), *member_cost_lines(activity)]


def activity_fee_lines(
    activity: Activity,
    *,
    fee_pence: int | None = None,
    payment: str = "",
    now: dt.datetime | None = None,
    who: str = "",
) -> list[str]:
    """Before booking (the activity page, the booking's check page): what it costs, and
    how the booking fee works now. `fee_pence` is the fee with guests; `payment` the way
    chosen, if any ("cash" says whom to pay and when); `who` the member's name when
    someone else books for them."""
    now = now or timezone.now()
    fee_pence = activity.fee_pence if fee_pence is None else fee_pence
    lines = [_cost_line(activity.cost_pence)]
    if not fee_pence:
        return lines
    fee = format_pence(fee_pence)
    if payment == "waived":
        return [*lines, _no_fee(who)]
    lines.append(_fee_line(fee_pence, who))
    if payment == "cash":
        lines += _pay_cash(activity, fee)
    lines.append(_cancel_by(activity, now, who))
    return lines


def _still_held(booking: Booking) -> int:
    return booking.fee_pence - booking.refunded_pence


def _coming_back(booking: Booking, amount: int, who: str) -> list[str]:
    if booking.payment_method != Booking.PaymentMethod.CARD:
        how = _say(who, "We will give it back to {you} in cash.")
    elif who:  # the card may be the supporter's own
        how = "It goes back to the bank card it was paid with. This can take up to 10 days."
    else:
        how = "It goes back to your bank card. This can take up to 10 days."
    fee = format_pence(amount)
    return [_say(who, "{Your} booking fee of {fee} is coming back to {you}.", fee=fee), how]


def _awaiting(booking: Booking, fee: str, who: str) -> list[str]:
    if booking.status in (BookingStatus.WAITING, BookingStatus.OFFERED):
        then = "If {you} get{s} a place, {you} pay{s} the booking fee of {fee} then."
        return [_say(who, then, fee=fee)]
    if booking.payment_method == Booking.PaymentMethod.CASH:
        back = _say(who, "{You} get{s} it back when {you} come{s}.")
        return [*_pay_cash(booking.activity, fee), back]
    return [_say(who, "Please pay the booking fee of {fee} by card to keep {your} place.", fee=fee)]


def _hold_ran_out(booking: Booking, now: dt.datetime) -> bool:
    """A card hold whose time has passed; the timer lets the place go a little later."""
    until = booking.hold_expires_at
    return booking.status == BookingStatus.AWAITING_PAYMENT and bool(until) and until <= now


def booking_state_line(booking: Booking, *, who: str = "", now: dt.datetime | None = None) -> str:
    """Where the booking stands, in one sentence for the member (or, with `who`, for the
    person acting for them). A place held while a card payment completes is not a booking
    yet: it is let go when the time runs out, so this says until when, and what to do.
    Once that time has passed (the place is let go a little later) it says so."""
    if booking.status != BookingStatus.AWAITING_PAYMENT:
        return f"{booking.get_status_display()}."
    until = booking.hold_expires_at
    if _hold_ran_out(booking, now or timezone.now()):
        return _say(who, "The time to pay ran out. {Your} place is not kept now.")
    kept = f"until {_when(until)}" if until else "for a short time"
    held = "{Your} place is kept {kept}. Pay the booking fee by card to finish booking."
    return _say(who, held, kept=kept)


def booking_status_words(booking: Booking, *, now: dt.datetime | None = None) -> str:
    """The booking's status for the organiser's list. A card hold whose time has passed
    still has the code "awaiting_payment" until the timer lets it go: it must not say the
    place is kept, as the member's own pages do not."""
    if _hold_ran_out(booking, now or timezone.now()):
        return "Card payment not finished: the time ran out"
    return booking.get_status_display()


def _paid_lines(booking: Booking, fee: str, who: str) -> list[str]:
    """Paid and held, or part given back: what comes back when they come."""
    # Someone reading for the member may have paid it themself: it is "paid", by whoever.
    paid = f"The booking fee of {fee} is paid" if who else f"You paid the booking fee of {fee}"
    back = "{You} get{s} it back when {you} come{s}."
    if booking.fee_status == FeeStatus.HELD:
        how = "in cash" if booking.payment_method == Booking.PaymentMethod.CASH else "by card"
        return [_say(who, "{paid} {how}. " + back, paid=paid, how=how)]
    given, rest = format_pence(booking.refunded_pence), format_pence(_still_held(booking))
    return [
        _say(who, "{paid}. We gave {given} of it back to {you}.", paid=paid, given=given),
        _say(who, "{You} get{s} the other {rest} back when {you} come{s}.", rest=rest),
    ]


def _kept_lines(booking: Booking, who: str) -> list[str]:
    """Kept: a late cancel, or they did not come."""
    why = "cancelled late" if booking.status == BookingStatus.CANCELLED else "did not come"
    kept = format_pence(_still_held(booking))
    lines = [
        _say(who, "We kept {your} booking fee of {kept}, because {you} {why}.", kept=kept, why=why)
    ]
    if booking.refunded_pence:
        given = format_pence(booking.refunded_pence)
        lines.append(_say(who, "We gave {given} of it back to {you}.", given=given))
    ill = "{Were} {you} ill, or was there an emergency? Please tell us. We may give it back."
    return [*lines, _say(who, ill)]


def booking_fee_lines(
    booking: Booking, *, now: dt.datetime | None = None, who: str = ""
) -> list[str]:
    """What has happened, or will happen, to this booking's fee; `who` the member's name
    when someone else reads it for them. A cancelled booking with no money paid says
    nothing about fees; a booking with no fee says nothing either."""
    now = now or timezone.now()
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
        # A hold that ran out: "pay to keep your place" would be untrue.
        return [] if _hold_ran_out(booking, now) else _awaiting(booking, fee, who)
    if state == FeeStatus.WAIVED:
        return [_no_fee(who)]
    if state in (FeeStatus.HELD, FeeStatus.PART_REFUNDED):
        return [*_paid_lines(booking, fee, who), _cancel_by(booking.activity, now, who)]
    if state == FeeStatus.REFUND_PENDING:
        return _coming_back(booking, _still_held(booking), who)
    if state == FeeStatus.REFUNDED:
        return [_say(who, "We gave {your} booking fee of {fee} back to {you}.", fee=fee)]
    return _kept_lines(booking, who)


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
