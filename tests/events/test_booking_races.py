"""Races, on PostgreSQL with threads that each hold their own connection."""

import threading

import pytest
from django.db import connection

from events import services
from events.errors import BookingError
from events.models import Booking
from finance.models import Payment, Refund
from tests.events.conftest import make_activity, make_members
from tests.finance.stripe_helpers import confirm_card_payment

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs) -> list:
    """Start every job at the same moment; return each result or exception."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as error:  # noqa: BLE001 - the test inspects what each got
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_fifty_people_booking_five_places_at_once(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=5, fee_pence=0)
    members = make_members(cast, 50)
    results = run_together(
        [
            (lambda m=m: services.booking_create(activity=activity, member=m, actor=m.user))
            for m in members
        ]
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    statuses = sorted(b.status for b in Booking.objects.filter(activity=activity))
    assert statuses.count(Booking.Status.CONFIRMED) == 5
    assert statuses.count(Booking.Status.WAITING) == 45


def test_the_same_member_booking_twice_at_once_gets_one_booking(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=5, fee_pence=0)
    results = run_together(
        [
            (
                lambda: services.booking_create(
                    activity=activity, member=cast.member_row, actor=cast.member
                )
            )
            for _ in range(10)
        ]
    )
    assert Booking.objects.filter(activity=activity).count() == 1
    refused = [r for r in results if isinstance(r, BookingError)]
    assert len(refused) == 9 and all(r.code == "already_booked" for r in refused)


def test_two_here_marks_at_once_refund_once(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch)
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="card"
    )
    confirm_card_payment(Payment.objects.get(pk=booking.payment_id))
    results = run_together(
        [
            (
                lambda: services.attendance_mark(
                    booking=booking, actor=cast.organiser, attended=True, early=True
                )
            )
            for _ in range(2)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    booking.refresh_from_db()
    assert Refund.objects.filter(payment_id=booking.payment_id).count() == 1
    assert booking.refunded_pence == 500
