"""Refunds finish by themselves: a failed attempt is tried again by the task worker after
1, 5, 15, 60 and 240 minutes; a refund whose worker died mid-call is picked up once its
lease runs out; the finance page says "sending" or the real error, never nothing."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from finance import services
from finance.models import Refund
from finance.services.refunds import BACKOFF_MINUTES, SENDING_LEASE, next_try_after
from finance.tasks import refund_submit
from tests.finance.helpers import (
    closed_port_url,
    pending_refund,
    stripe_refunds,
)

pytestmark = pytest.mark.django_db


def test_the_back_off_is_1_5_15_60_240_minutes_then_it_stops():
    now = timezone.now()
    waits = [next_try_after(n, now) for n in range(1, 7)]
    assert [(w - now) // dt.timedelta(minutes=1) for w in waits[:5]] == [1, 5, 15, 60, 240]
    assert list(BACKOFF_MINUTES) == [1, 5, 15, 60, 240]
    assert waits[5] is None


def test_each_failed_attempt_keeps_the_error_and_sets_the_next_try(cast, client):
    refund = pending_refund(cast)
    with override_settings(STRIPE_API_BASE=closed_port_url()):
        for attempt in range(1, 7):
            before = timezone.now()
            refund = services.refund_send(refund=refund, force=True)
            assert refund.status == Refund.Status.PENDING and refund.attempts == attempt
            assert "connect" in refund.error.lower() and refund.sending_since is None
            if attempt <= 5:
                wait = dt.timedelta(minutes=BACKOFF_MINUTES[attempt - 1])
                assert before + wait <= refund.next_try_at <= timezone.now() + wait
            else:
                assert refund.next_try_at is None
    client.force_login(cast.finance)
    page = client.get(reverse("finance-payments")).content.decode()
    assert refund.error.split(".")[0] in page
    assert "It is not tried again by itself: press Try again now." in page
    # The worker's task sends it once Stripe answers again.
    assert refund_submit.call(refund_id=refund.pk) == "succeeded"


def test_a_refund_whose_worker_died_mid_call_is_sent_once_the_lease_runs_out(cast, client):
    refund = pending_refund(cast)
    # A worker took it and died before Stripe answered: it is "sending", with no error.
    Refund.objects.filter(pk=refund.pk).update(sending_since=timezone.now(), attempts=1)
    client.force_login(cast.finance)
    page = client.get(reverse("finance-payments")).content.decode()
    assert "Sending to Stripe now." in page
    assert refund_submit.call(refund_id=refund.pk) == "pending"  # still within the lease
    Refund.objects.filter(pk=refund.pk).update(
        sending_since=timezone.now() - SENDING_LEASE - dt.timedelta(minutes=1)
    )
    assert refund_submit.call(refund_id=refund.pk) == "succeeded"
    assert refund_submit.call(refund_id=refund.pk) == "succeeded"
    assert len(stripe_refunds(refund.payment)) == 1


def test_a_refund_waiting_to_be_sent_says_so(cast, client):
    pending_refund(cast)
    client.force_login(cast.finance)
    page = client.get(reverse("finance-payments")).content.decode()
    assert "Waiting to be sent to Stripe." in page


def _queued(refund) -> list:
    from django_tasks_db.models import DBTaskResult

    return sorted(
        (r.run_after, r.args_kwargs["kwargs"].get("lease_of"))
        for r in DBTaskResult.objects.filter(task_path="finance.tasks.refund_submit")
        if r.args_kwargs["kwargs"]["refund_id"] == refund.pk
    )


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_worker_is_asked_to_try_again_at_the_back_off_time_and_after_the_lease(
    cast, django_capture_on_commit_callbacks
):
    """With a task backend that can wait (the database one, as in production): each
    attempt queues one look after its lease, carrying its number, and a failed one
    queues the next try."""
    refund = pending_refund(cast)
    with override_settings(TASKS=DB_TASKS, STRIPE_API_BASE=closed_port_url()):
        started = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            refund = services.refund_send(refund=refund)
    queued = _queued(refund)
    assert len(queued) == 2 and queued[0] == (refund.next_try_at, None)
    assert refund.next_try_at - started < dt.timedelta(minutes=1, seconds=5)
    lease_look, lease_of = queued[1]
    assert lease_of == 1
    assert SENDING_LEASE < lease_look - started < SENDING_LEASE + dt.timedelta(minutes=2)


def test_a_try_that_is_not_due_yet_and_a_finished_attempts_lease_look_do_nothing(
    cast, django_capture_on_commit_callbacks
):
    """The schedule holds: a task run early sends nothing and queues nothing; the look
    after attempt 1's lease does nothing once attempt 1 is over; so the queue never grows
    by more than one try and one look per attempt, and nothing is queued after the last."""
    from django_tasks_db.models import DBTaskResult

    refund = pending_refund(cast)
    with override_settings(TASKS=DB_TASKS, STRIPE_API_BASE=closed_port_url()):
        with django_capture_on_commit_callbacks(execute=True):
            refund = services.refund_send(refund=refund)
        assert len(_queued(refund)) == 2
        with django_capture_on_commit_callbacks(execute=True):
            assert refund_submit.call(refund_id=refund.pk) == "pending"  # not due yet
            assert refund_submit.call(refund_id=refund.pk, lease_of=1) == "pending"
        refund.refresh_from_db()
        assert refund.attempts == 1 and len(_queued(refund)) == 2
        # Each due try makes one attempt, which queues one try and one look; the old
        # look does nothing.
        for attempt in range(2, 7):
            DBTaskResult.objects.all().delete()
            Refund.objects.filter(pk=refund.pk).update(next_try_at=timezone.now())
            with django_capture_on_commit_callbacks(execute=True):
                assert refund_submit.call(refund_id=refund.pk) == "pending"
                assert refund_submit.call(refund_id=refund.pk, lease_of=attempt - 1) == "pending"
            refund.refresh_from_db()
            assert refund.attempts == attempt
            kinds = sorted(str(lease_of) for _, lease_of in _queued(refund))
            assert kinds == (sorted([str(attempt), "None"]) if attempt < 6 else [str(attempt)])
        assert refund.next_try_at is None
        # After the last, nothing tries again by itself: its look does nothing either.
        DBTaskResult.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True):
            assert refund_submit.call(refund_id=refund.pk, lease_of=6) == "pending"
        refund.refresh_from_db()
        assert refund.attempts == 6 and _queued(refund) == []


def test_a_refund_stripe_holds_as_pending_is_not_sent_again_by_the_lease_look(cast, client):
    """Stripe answered "pending" (it finishes later, by webhook): the attempt is over, so
    the look queued for its lease does nothing, rather than ask Stripe again and again;
    only "Try again now" or refunds_retry asks Stripe about it."""
    from django.db import transaction

    refund = pending_refund(cast)
    Refund.objects.filter(pk=refund.pk).update(sending_since=timezone.now(), attempts=1)
    answer = {"id": "re_held", "status": "pending", "metadata": {"coop_refund_id": refund.pk}}
    with transaction.atomic():
        services.refund_record_from_stripe(payment=refund.payment, data=answer)
    refund.refresh_from_db()
    assert refund.sending_since is None and refund.stripe_refund_id == "re_held"
    assert refund_submit.call(refund_id=refund.pk, lease_of=1) == "pending"
    assert refund_submit.call(refund_id=refund.pk) == "pending"  # nor does a stray try
    refund.refresh_from_db()
    assert refund.attempts == 1 and stripe_refunds(refund.payment) == []
    client.force_login(cast.finance)
    page = client.get(reverse("finance-payments")).content.decode()
    assert "Stripe has it and is still paying it back. It finishes by itself." in page
