import pytest
from django.test import override_settings

from finance import services, stripe_client
from finance.errors import PaymentError
from finance.models import Payment
from tests.finance.helpers import start_card
from tests.finance.recording_proxy import RecordingProxy
from tests.finance.stripe_helpers import confirm_card_payment

pytestmark = pytest.mark.django_db


def test_cancelling_a_pending_payment_stops_it_here_and_at_stripe(
    cast, calls, settings, django_capture_on_commit_callbacks
):
    payment = start_card(cast)
    with RecordingProxy(settings.STRIPE_API_BASE) as proxy:
        with override_settings(STRIPE_API_BASE=proxy.url):
            with django_capture_on_commit_callbacks(execute=True):
                payment = services.payment_cancel(payment=payment, actor=cast.organiser)

    assert payment.status == Payment.Status.CANCELLED
    assert calls.failed == [payment.pk]
    assert proxy.keys_for(
        "POST", f"/v1/payment_intents/{payment.stripe_payment_intent_id}/cancel"
    ) == [f"payment-cancel:{payment.pk}"]
    intent = stripe_client.payment_intent_retrieve(payment.stripe_payment_intent_id)
    assert intent["status"] == "canceled"


def test_cancelling_twice_fires_the_hook_once(cast, calls, django_capture_on_commit_callbacks):
    payment = start_card(cast)
    with django_capture_on_commit_callbacks(execute=True):
        services.payment_cancel(payment=payment, actor=cast.organiser)
        again = services.payment_cancel(payment=payment, actor=cast.organiser)
    assert again.status == Payment.Status.CANCELLED
    assert calls.failed == [payment.pk]


def test_a_paid_payment_cannot_be_cancelled(cast):
    payment = confirm_card_payment(start_card(cast))
    with pytest.raises(PaymentError, match="Refund it"):
        services.payment_cancel(payment=payment, actor=cast.organiser)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED


def test_money_taken_just_before_a_cancel_is_recorded_as_paid(
    cast, calls, django_capture_on_commit_callbacks
):
    """The member pays at Stripe a moment before the place hold runs out: Stripe refuses
    the cancel, and our records follow the money."""
    payment = start_card(cast)
    intents = stripe_client.client().v1.payment_intents
    intents.update(payment.stripe_payment_intent_id, params={"payment_method": "pm_card_visa"})
    intents.confirm(payment.stripe_payment_intent_id)  # paid at Stripe; we have not heard

    with django_capture_on_commit_callbacks(execute=True):
        services.payment_cancel(payment=payment, actor=cast.organiser)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert calls.failed == [payment.pk] and calls.succeeded == [payment.pk]
