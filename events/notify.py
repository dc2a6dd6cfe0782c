"""Telling a member what happened to their booking, their way (email, text, letter or a
call from an organiser, through the outbox), with copies to supporters who asked."""

from django.conf import settings
from django.template.loader import render_to_string

from coop.dates import easy_date, easy_time
from events.fee_words import booking_fee_lines
from members.models import Member
from members.outbox.services import ReadFirst, Words, copy_of, tell

SUBJECTS = {
    "booked": "You are booked",
    "waiting": "You are on the waiting list",
    "offered": "A place is free for you",
    "cancelled": "Your booking is cancelled",
    "activity_cancelled": "An activity is cancelled",
    "place_gone": "The place we kept for you has gone",
}

# Why a place we kept has gone ("place_gone"): the timer, or the card, not the member.
PLACE_GONE_BECAUSE = {
    "offer_ran_out": "This is because you did not say yes in time.",
    "hold_ran_out": "This is because the card payment was not finished in time.",
    "card_declined": "This is because the card payment did not go through.",
}


def tell_member(
    member: Member, event: str, *, booking, because: str = "", read: ReadFirst | None = None
) -> None:
    """Write the news in the caller's transaction: nobody hears of a change that was
    rolled back, and nothing is lost when the mail server or text provider is down.
    `because` is one of PLACE_GONE_BECAUSE for "place_gone". `read`: the member's
    read_first() (their supporters wanting copies, and their way), when the caller read it
    before taking its lock."""
    context = {
        "member": member,
        "booking": booking,
        "activity": booking.activity,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "help_phone": settings.HELP_PHONE,
        "event": event,
        "because": PLACE_GONE_BECAUSE[because] if because else "",
    }
    lines = render_to_string("events/email/booking_news.txt", context).splitlines()
    subject = f"{SUBJECTS[event]}: {booking.activity.title}"
    words = Words(subject, lines)
    tell(
        member,
        f"booking_{event}",
        words,
        copy_words=lambda supporter: copy_of(words, supporter, member),
        read=read,
    )


# Why a fee comes back (the first line of "fee_returned").
FEE_RETURNED_BECAUSE = {
    "came": "Thank you for coming to {title}.",
    "given_back": "We have decided to give back your booking fee for {title}.",
    "paid_late": "Your payment for {title} came after your booking had ended.",
}


def tell_place_gone(booking, because: str) -> None:
    """The place kept for the member (an offer, or a hold while they paid by card) was let
    go by the timer or because the card failed: say so, and how to book again."""
    tell_member(booking.member, "place_gone", booking=booking, because=because)


def tell_fee(booking, outcome: str, *, because: str = "came") -> None:
    """Tell the member their booking fee is coming back ("returned", `because` one of
    FEE_RETURNED_BECAUSE) or is kept ("kept": they did not come), in the caller's
    transaction. Once per booking and outcome. A cancellation is not told here: its own
    message says what happens to the fee."""
    member, activity = booking.member, booking.activity
    # The fee's own words (events/fee_words.py), so what is still held is said, not the
    # whole fee when part was given back earlier.
    if outcome == "returned":
        subject = f"Your booking fee is coming back: {activity.title}"
        middle = [
            FEE_RETURNED_BECAUSE[because].format(title=activity.title),
            *booking_fee_lines(booking),
        ]
    elif outcome == "kept":
        subject = f"We keep your booking fee: {activity.title}"
        on = f"{easy_date(activity.starts_at)} at {easy_time(activity.starts_at)}"
        middle = [f"{activity.title} was on {on}.", *booking_fee_lines(booking)]
    else:
        raise ValueError(f"unknown fee outcome {outcome}")
    lines = [
        f"Hello {member.called},",
        "",
        *middle,
        "",
        f"Need help? Call us on {settings.HELP_PHONE}.",
    ]
    words = Words(subject, lines)
    tell(
        member,
        f"fee_{outcome}",
        words,
        key=f"fee_{outcome}:booking:{booking.pk}",
        copy_words=lambda supporter: copy_of(words, supporter, member),
        data={"booking": booking.pk},
    )
