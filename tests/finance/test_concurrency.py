"""Several people (or workers) at once: the database keeps one payment per reference and
one refund per payment, and Stripe is asked once."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import override_settings

from finance import services, stripe_client
from finance.models import Payment, Refund
from tests.finance.helpers import paid_card, start_card, stripe_refunds
from tests.finance.recording_proxy import RecordingProxy

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4


def at_once(work: Callable[[], object]) -> list[object]:
    """Run `work` on several threads released together; return results or errors."""
    barrier = threading.Barrier(THREADS)
    results: list[object] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # reported by the assertions below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_refunds_started_at_once_make_one_refund_and_one_stripe_refund(cast, calls):
    payment = paid_card(cast)
    results = at_once(
        lambda: services.refund_start(payment=payment, reason="Came along", actor=None)
    )
    assert all(isinstance(r, Refund) for r in results), results
    assert {r.pk for r in results} == {Refund.objects.get().pk}
    assert len(stripe_refunds(payment)) == 1
    assert calls.refunded == [Refund.objects.get().pk]


def test_card_payments_started_at_once_make_one_payment_and_one_intent(cast):
    results = at_once(lambda: start_card(cast))
    assert all(isinstance(r, Payment) for r in results), results
    payment = Payment.objects.get()
    assert {r.pk for r in results} == {payment.pk}
    intents = stripe_client.client().v1.payment_intents.list().data
    assert [intent.id for intent in intents] == [payment.stripe_payment_intent_id]


def test_one_refund_sent_by_several_workers_at_once_reaches_stripe_once(cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    payment = paid_card(cast)
    refund = services.refund_start(payment=payment, reason="Came along", actor=None)
    # A slow Stripe: every worker arrives while the first is still waiting for its answer.
    with RecordingProxy(settings.STRIPE_API_BASE, delay=0.5) as proxy:
        with override_settings(STRIPE_API_BASE=proxy.url):
            results = at_once(lambda: services.refund_send(refund=refund))
    assert all(isinstance(r, Refund) for r in results), results
    # Only the worker that claimed it asked Stripe anything; the others left it alone.
    assert [(seen.method, seen.path) for seen in proxy.seen] == [("POST", "/v1/refunds")]
    assert len(stripe_refunds(payment)) == 1
    assert Refund.objects.get().status == Refund.Status.SUCCEEDED
