"""The finance pages name a booking's payment in words, with the activity's day and year
("Booking fee for Bowling on Saturday 12 December 2026"), never by its reference
("booking:26"); and their dates say the year. events describes its references to finance
through finance.hooks (finance does not import events)."""

from html import unescape

import pytest
from django.urls import reverse

from coop.dates import easy_date
from events import services
from finance import hooks
from finance.models import Payment, Refund
from tests.events.conftest import make_activity

pytestmark = pytest.mark.django_db


def test_finance_reads_what_a_booking_payment_is_for_and_every_date_with_its_year(
    client, cast, django_capture_on_commit_callbacks
):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=500)
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.organiser, payment="cash_received"
    )
    payment = Payment.objects.get(reference=f"booking:{booking.pk}")
    with django_capture_on_commit_callbacks(execute=True):  # in time: cash to hand back
        services.booking_cancel(booking=booking, actor=cast.member)
    refund = Refund.objects.get(payment=payment, status=Refund.Status.TO_HAND_BACK)
    words = f"Booking fee for Bowling on {easy_date(activity.starts_at, with_year=True)}"
    client.force_login(cast.finance)
    payments = unescape(client.get(reverse("finance-payments")).content.decode())
    assert words in payments and "booking:" not in payments
    assert easy_date(payment.created_at, with_year=True) in payments
    cash = unescape(client.get(reverse("finance-cash")).content.decode())
    assert words in cash and "booking:" not in cash
    assert easy_date(refund.created_at, with_year=True) in cash


def test_only_references_events_made_are_described(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    booking = services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    ours = f"booking:{booking.pk}"
    assert hooks.describe([ours, "booking:0", "booking:x", "test:1", ours]) == {
        ours: f"Booking fee for Bowling on {easy_date(activity.starts_at, with_year=True)}"
    }
