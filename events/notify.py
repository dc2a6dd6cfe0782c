"""Telling a member what happened to their booking, their way (email, text, letter or a
call from an organiser, through the outbox), with copies to supporters who asked."""

from django.conf import settings
from django.template.loader import render_to_string

from coop.dates import easy_date, easy_time
from coop.money import format_pence
from members.models import Member
from members.outbox.services import Words, copy_of, tell

SUBJECTS = {
    "booked": "You are booked",
    "waiting": "You are on the waiting list",
    "offered": "A place is free for you",
    "cancelled": "Your booking is cancelled",
    "activity_cancelled": "An activity is cancelled",
}


def tell_member(member: Member, event: str, *, booking) -> None:
    """Write the news in the caller's transaction: nobody hears of a change that was
    rolled back, and nothing is lost when the mail server or text provider is down."""
    context = {
        "member": member,
        "booking": booking,
        "activity": booking.activity,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "help_phone": settings.HELP_PHONE,
        "event": event,
    }
    lines = render_to_string("events/email/booking_news.txt", context).splitlines()
    subject = f"{SUBJECTS[event]}: {booking.activity.title}"
    words = Words(subject, lines)
    tell(
        member,
        f"booking_{event}",
        words,
        copy_words=lambda supporter: copy_of(words, supporter, member),
    )


# Why a fee comes back (the first line of "fee_returned").
FEE_RETURNED_BECAUSE = {
    "came": "Thank you for coming to {title}.",
    "given_back": "We have decided to give back your booking fee for {title}.",
    "paid_late": "Your payment for {title} came after your booking had ended.",
}


def tell_fee(booking, outcome: str, *, because: str = "came") -> None:
    """Tell the member their booking fee is coming back ("returned", `because` one of
    FEE_RETURNED_BECAUSE) or is kept ("kept": they did not come), in the caller's
    transaction. Once per booking and outcome. A cancellation is not told here: its own
    message says what happens to the fee."""
    member, activity = booking.member, booking.activity
    # What is still held: a part given back earlier is not counted again.
    fee = format_pence(booking.fee_pence - booking.refunded_pence)
    on = f"{easy_date(activity.starts_at)} at {easy_time(activity.starts_at)}"
    if outcome == "returned":
        subject = f"Your booking fee is coming back: {activity.title}"
        middle = [
            FEE_RETURNED_BECAUSE[because].format(title=activity.title),
            f"Your booking fee of {fee} is coming back to you.",
            "It goes back to your bank card. This can take up to 10 days."
            if booking.payment_method == "card"
            else "We will give it back to you in cash.",
        ]
    elif outcome == "kept":
        subject = f"We keep your booking fee: {activity.title}"
        middle = [
            f"You did not come to {activity.title} on {on}.",
            f"So we keep your booking fee of {fee}.",
            "Were you ill? Or was there an emergency?",
            "Please tell us. We may give the fee back.",
        ]
    else:
        raise ValueError(f"unknown fee outcome {outcome}")
    lines = [
        f"Hello {member.known_as or member.first_name},",
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
