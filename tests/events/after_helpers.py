"""Helpers for the tests of reminders, evaluations, feedback, suggestions and numbers."""

import datetime as dt

from django.utils import timezone

from events.models import Activity, Booking
from tests.events.conftest import make_activity


class BrokenEmailBackend:
    """An email backend whose mail server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("The mail server is down.")


def past_activity(actor, branch, *, days: int = -3, **extra) -> Activity:
    """A published activity that started `days` ago (negative) or starts later."""
    starts = timezone.now() + dt.timedelta(days=days)
    extra.setdefault("booking_opens_at", starts - dt.timedelta(days=30))
    return make_activity(actor, branch, days=days, **extra)


def book(activity, member, status, fee_status=Booking.FeeStatus.NONE, fee=0, refunded=0):
    """A booking in a given state, made directly: the states' own rules are tested in
    the booking tests; here we need the numbers."""
    return Booking.objects.create(
        activity=activity,
        member=member,
        status=status,
        fee_pence=fee,
        fee_status=fee_status,
        refunded_pence=refunded,
    )
