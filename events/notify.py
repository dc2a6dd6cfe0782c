"""Telling a member what happened to their booking, by email where that is a way they
chose. Phone calls and letters for the same news come from the reminders work (the
organiser's call list and printed letters)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from members.models import Member

SUBJECTS = {
    "booked": "You are booked",
    "waiting": "You are on the waiting list",
    "offered": "A place is free for you",
    "cancelled": "Your booking is cancelled",
    "activity_cancelled": "An activity is cancelled",
}


def tell_member(member: Member, event: str, *, booking) -> None:
    """Send once the current transaction commits, so nobody hears of a change that was
    rolled back."""
    if not member.email or "email" not in member.contact_preferences:
        return
    context = {
        "member": member,
        "booking": booking,
        "activity": booking.activity,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "help_phone": settings.HELP_PHONE,
        "event": event,
    }

    def send() -> None:
        send_mail(
            subject=f"{SUBJECTS[event]}: {booking.activity.title}",
            message=render_to_string("events/email/booking_news.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[member.email],
        )

    transaction.on_commit(send)
