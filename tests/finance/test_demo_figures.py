"""The demo's figures are real and add up in each of the last three quarters, whatever day
it is loaded: activities held with their fees given back, kept or still held, money in
and out on the days it moved, and a budget."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from coop.dates import day_at
from coop.demo import clock_at
from events.models import Activity, Booking
from finance.models import Refund, Transaction
from finance.quarters import Quarter
from finance.reports.figures import quarter_figures

pytestmark = pytest.mark.django_db

F = Booking.FeeStatus


def check_the_quarters() -> None:
    current, *past = Quarter.recent(3)
    for quarter in (current, *past):
        figures = quarter_figures(quarter)
        fees = figures.fees
        assert fees["taken_pence"] == (
            fees["refunded_pence"] + fees["kept_pence"] + fees["held_pence"]
        ), quarter
        assert figures.income_pence > 0 and figures.spending_pence > 0, quarter
        assert figures.budget_pence > 0, quarter
        # The branches add up to the whole.
        assert sum(b.fees_taken_pence for b in figures.branches) == fees["taken_pence"]
    for quarter in past:
        figures = quarter_figures(quarter)
        assert figures.activities["activities_held"] > 0, quarter
        assert figures.activities["activities_to_come"] == 0, quarter
        assert figures.activities["attended"] > 0 and figures.activities["no_shows"] > 0
        assert figures.fees["refunded_pence"] > 0 and figures.fees["kept_pence"] > 0
        # Every fee of a past quarter has been given back or kept: none is still held.
        assert figures.fees["held_pence"] == 0, quarter
        assert any(row.actual_pence for row in figures.money_out_by_category)


def check_the_fees_of_activities_held() -> None:
    """A fee is still held for an activity that has happened only while its refund is
    really waiting to be handed back."""
    held = Booking.objects.filter(activity__starts_at__lt=timezone.now())
    assert not held.filter(fee_status__in=[F.HELD, F.PART_REFUNDED]).exists()
    for booking in held.filter(fee_status=F.REFUND_PENDING):
        assert Refund.objects.filter(
            payment_id=booking.payment_id, status=Refund.Status.TO_HAND_BACK
        ).exists()


def check_money_moved_on_its_days() -> None:
    """Each past activity's payments, refunds and fees kept are posted between the day its
    booking opened and the day after it, not on the day the demo was loaded."""
    today = timezone.localdate()
    past = Activity.objects.filter(ends_at__lt=day_at(today - dt.timedelta(days=1)))
    assert past.exists()
    for activity in past:
        payments = activity.bookings.exclude(payment_id=None).values("payment_id")
        days = set(
            Transaction.objects.filter(payment_id__in=payments).values_list("date", flat=True)
        )
        opened = timezone.localdate(activity.booking_opens_at)
        ended = timezone.localdate(activity.ends_at)
        assert all(opened <= day <= ended + dt.timedelta(days=1) for day in days), activity


def test_the_demo_figures_are_real_and_add_up_in_each_of_the_last_three_quarters():
    call_command("load_demo")
    check_the_quarters()
    check_the_fees_of_activities_held()
    check_money_moved_on_its_days()


def test_the_demo_figures_add_up_when_loaded_on_the_first_day_of_a_year():
    """Loaded on 2 January, the two quarters before are last year's: they have their
    activities, money and budget too."""
    with clock_at(day_at(dt.date(timezone.localdate().year + 1, 1, 2), 9)):
        call_command("load_demo")
        check_the_quarters()
        check_the_fees_of_activities_held()
        check_money_moved_on_its_days()
