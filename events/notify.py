"""Telling a member what happened to their booking, their way (email, text, letter or a
call from an organiser, through the outbox), with copies to supporters who asked."""

from django.conf import settings
from django.template.loader import render_to_string

from members.models import Member, User
from members.outbox.services import Words, tell

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
    name = member.known_as or member.first_name

    def copy(supporter: User) -> Words:
        return Words(
            subject=f"A copy for you: {subject}",
            lines=[
                f"Hello {supporter.first_name or supporter.username},",
                "",
                f"This is a copy of what we told {name}:",
                "",
                *lines[2:],
            ],
        )

    tell(member, f"booking_{event}", Words(subject, lines), copy_words=copy)
