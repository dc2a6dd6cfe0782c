import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from coop.models import AuditEntry
from finance import services, stripe_client
from finance.models import Refund
from finance.tasks import refund_submit
from tests.finance.helpers import (
    closed_port_url,
    paid_card,
    pending_refund,
    stripe_refunds,
)

pytestmark = pytest.mark.django_db


def test_stripe_failure_leaves_the_refund_pending_and_refunds_retry_sends_it(
    cast, calls, django_capture_on_commit_callbacks, capsys
):
    payment = paid_card(cast)
    with override_settings(STRIPE_API_BASE=closed_port_url()):
        with django_capture_on_commit_callbacks(execute=True):
            started = services.refund_start(payment=payment, reason="Came along", actor=None)
    refund = Refund.objects.get(pk=started.pk)
    assert refund.status == Refund.Status.PENDING
    assert refund.attempts == 1
    assert "connect" in refund.error.lower()
    assert refund.sending_since is None  # free for the next try
    assert calls.refunded == []
    assert stripe_refunds(payment) == []

    call_command("refunds_retry")
    call_command("refunds_retry")  # safe to run often

    refund.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED
    assert refund.attempts == 2 and refund.error == ""
    assert [r["id"] for r in stripe_refunds(payment)] == [refund.stripe_refund_id]
    assert calls.refunded == [refund.pk]
    assert "1 refund(s) done, 0 still waiting." in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="refund.attempt_failed").count() == 1


def test_the_task_sends_a_refund_once_however_often_it_runs(cast, calls):
    refund = pending_refund(cast)
    assert refund_submit.enqueue(refund_id=refund.pk).return_value == "succeeded"
    assert refund_submit.enqueue(refund_id=refund.pk).return_value == "succeeded"
    assert len(stripe_refunds(refund.payment)) == 1
    assert calls.refunded == [refund.pk]


def test_a_refund_another_worker_is_sending_is_left_alone(cast):
    refund = pending_refund(cast)
    Refund.objects.filter(pk=refund.pk).update(sending_since=timezone.now(), attempts=1)
    call_command("refunds_retry")
    refund.refresh_from_db()
    assert refund.status == Refund.Status.PENDING and refund.attempts == 1
    assert stripe_refunds(refund.payment) == []


def test_a_try_that_reached_stripe_before_failing_is_not_sent_twice(cast, calls):
    """The first try made the Stripe refund, then the worker died before saving it."""
    refund = pending_refund(cast)
    made = stripe_client.refund_create(
        payment_intent_id=refund.payment.stripe_payment_intent_id,
        amount_pence=refund.amount_pence,
        metadata={"coop_refund_id": str(refund.pk)},
        idempotency_key=f"refund:{refund.pk}",
    )
    Refund.objects.filter(pk=refund.pk).update(attempts=1)

    call_command("refunds_retry")

    refund.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED
    assert refund.stripe_refund_id == made["id"]
    assert len(stripe_refunds(refund.payment)) == 1
    assert calls.refunded == [refund.pk]


def test_try_again_now_on_a_failed_refund_asks_for_a_new_one(cast, calls):
    refund = pending_refund(cast)
    Refund.objects.filter(pk=refund.pk).update(
        status=Refund.Status.FAILED, error="Stripe says this refund did not go through."
    )
    again = services.refund_retry(refund=refund, actor=cast.finance)
    assert again.pk != refund.pk
    assert again.status == Refund.Status.SUCCEEDED
    assert calls.refunded == [again.pk]
    assert Refund.objects.get(pk=refund.pk).status == Refund.Status.FAILED
