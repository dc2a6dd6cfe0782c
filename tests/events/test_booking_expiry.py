"""Holds and offers that run out are let go by the task worker (queued for the time they
run out) or the bookings_tidy timer — never inside another member's booking request, so
nobody's booking waits on Stripe about someone else's payment."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from events import services
from events.models import Booking
from events.tasks import booking_expire_task
from finance import stripe_client
from finance.models import Payment
from members.outbox.models import Message
from tests.events.conftest import make_activity, make_members

pytestmark = pytest.mark.django_db(transaction=True)

B = Booking.Status
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_another_members_booking_does_not_touch_an_expired_hold(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    held = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="card"
    )
    Booking.objects.filter(pk=held.pk).update(
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    (other,) = make_members(cast, 1)
    mine = services.booking_create(
        activity=activity, member=other, actor=other.user, payment="cash"
    )
    assert mine.status == B.WAITING  # the place is still held: the request left it alone
    held.refresh_from_db()
    payment = Payment.objects.get(pk=held.payment_id)
    assert held.status == B.AWAITING_PAYMENT and payment.status == Payment.Status.PENDING
    intent = stripe_client.payment_intent_retrieve(payment.stripe_payment_intent_id)
    assert intent["status"] != "canceled"
    # The worker's task lets it go, cancels the payment, and offers the place.
    assert booking_expire_task.call(booking_id=held.pk) is True
    held.refresh_from_db()
    mine.refresh_from_db()
    assert held.status == B.CANCELLED and mine.status == B.OFFERED
    assert Payment.objects.get(pk=held.payment_id).status == Payment.Status.CANCELLED
    (told,) = Message.objects.filter(member=cast.member_row, kind="booking_place_gone")
    assert "This is because the card payment was not finished in time." in told.body
    assert booking_expire_task.call(booking_id=held.pk) is False  # twice is safe


def test_a_hold_not_run_out_is_kept(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    held = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="card"
    )
    assert booking_expire_task.call(booking_id=held.pk) is False
    held.refresh_from_db()
    assert held.status == B.AWAITING_PAYMENT


def test_a_hold_and_an_offer_are_queued_for_the_time_they_run_out(cast):
    from django_tasks_db.models import DBTaskResult

    activity = make_activity(cast.organiser, cast.member_row.branch, places=1, fee_pence=0)
    with override_settings(TASKS=DB_TASKS):
        first, second = make_members(cast, 2)
        taken = services.booking_create(activity=activity, member=first, actor=first.user)
        waiting = services.booking_create(activity=activity, member=second, actor=second.user)
        services.booking_cancel(booking=taken, actor=first.user)
    waiting.refresh_from_db()
    assert waiting.status == B.OFFERED
    queued = DBTaskResult.objects.filter(task_path="events.tasks.booking_expire_task")
    assert [(r.args_kwargs["kwargs"], r.run_after) for r in queued] == [
        ({"booking_id": waiting.pk}, waiting.offer_expires_at)
    ]


def test_an_offer_taken_up_while_the_timer_looks_is_not_cancelled(cast, monkeypatch):
    """The timer finds the offer run out; before it cancels, the member's "Yes please"
    commits. The timer checks again under the lock and leaves the booking alone."""
    from events.services import expiry

    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    first, second = make_members(cast, 2)
    taken = services.booking_create(
        activity=activity, member=first, actor=first.user, payment="cash_received"
    )
    offered = services.booking_create(
        activity=activity, member=second, actor=second.user, payment="cash"
    )
    services.booking_cancel(booking=taken, actor=first.user)
    offered.refresh_from_db()
    assert offered.status == B.OFFERED
    late = offered.offer_expires_at + dt.timedelta(minutes=1)
    first_look = expiry._find_run_out

    def look_then_member_accepts(booking_id, now):
        found = first_look(booking_id, now)
        assert found is not None and found.status == B.OFFERED  # run out, as the timer sees
        services.offer_accept(booking=found, actor=second.user, payment="cash_received")
        return found

    monkeypatch.setattr(expiry, "_find_run_out", look_then_member_accepts)
    assert services.booking_expire(booking_id=offered.pk, now=late) is False
    offered.refresh_from_db()
    assert offered.status == B.CONFIRMED
    assert offered.fee_status == Booking.FeeStatus.HELD


def test_a_held_place_says_until_when_and_what_to_do_wherever_the_member_reads_it(client, cast):
    """A place held while a card payment completes is not a booking yet: it is let go when
    the time runs out. May reads until when, and that paying finishes the booking; nobody
    reads "Waiting for payment" or that she is booked."""
    from html import unescape

    from django.urls import reverse

    from coop.dates import easy_date, easy_time

    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    held = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="card"
    )
    until = held.hold_expires_at
    said = (
        f"place is kept until {easy_date(until)} at {easy_time(until)}. "
        "Pay the booking fee by card to finish booking."
    )
    client.force_login(cast.member)
    for url in (
        reverse("my-bookings"),
        reverse("booking-detail", kwargs={"pk": held.pk}),
        reverse("me"),
        reverse("activity-detail", kwargs={"pk": activity.pk}),
    ):
        page = client.get(url).content.decode()
        assert f"Your {said}" in page, url
        assert "Waiting for payment" not in page and "You are booked" not in page, url
    client.force_login(cast.supporter)
    for url in (reverse("my-bookings"), reverse("booking-detail", kwargs={"pk": held.pk})):
        page = unescape(client.get(url).content.decode())
        assert f"May's {said}" in page, url


def test_the_organiser_reads_that_a_card_hold_ran_out_not_that_the_place_is_kept(client, cast):
    """Until the timer lets it go, a hold whose time has passed keeps its code. The
    organiser's list said "Place kept while paying by card"; the member's pages did not."""
    from django.urls import reverse

    activity = make_activity(cast.organiser, cast.member_row.branch, places=2)
    held = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="card"
    )
    client.force_login(cast.organiser)
    url = reverse("organiser-activity", kwargs={"pk": activity.pk})
    page = client.get(url).content.decode()
    assert "Place kept while paying by card" in page
    assert "the time ran out" not in page
    Booking.objects.filter(pk=held.pk).update(
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    page = client.get(url).content.decode()
    assert "Card payment not finished: the time ran out" in page
    assert "Place kept while paying by card" not in page
