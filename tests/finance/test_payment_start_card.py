import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from coop.models import AuditEntry
from finance import services, stripe_client
from finance.errors import PaymentError
from finance.models import Payment
from tests.finance.helpers import closed_port_url, start_card
from tests.finance.recording_proxy import RecordingProxy
from tests.finance.stripe_helpers import confirm_card_payment

pytestmark = pytest.mark.django_db


def test_card_payment_is_taken_and_the_hook_fires_once(cast, calls):
    payment = start_card(cast)
    assert payment.status == Payment.Status.PENDING
    assert payment.stripe_payment_intent_id.startswith("pi_")
    assert payment.client_secret
    intent = stripe_client.payment_intent_retrieve(payment.stripe_payment_intent_id)
    assert (intent["amount"], intent["currency"]) == (500, "gbp")
    assert intent["metadata"] == {"reference": "test:1", "payment_id": str(payment.pk)}

    payment = confirm_card_payment(payment)

    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.succeeded_at is not None
    assert payment.stripe_charge_id.startswith("ch_")
    assert calls.succeeded == [payment.pk]
    services.payment_sync(payment=payment)
    services.payment_sync(payment=payment)
    assert calls.succeeded == [payment.pk]
    assert AuditEntry.objects.filter(action="payment.succeeded").count() == 1


def test_payment_intent_carries_an_idempotency_key_from_our_row(cast, settings):
    with RecordingProxy(settings.STRIPE_API_BASE) as proxy:
        with override_settings(STRIPE_API_BASE=proxy.url):
            payment = start_card(cast)
    assert proxy.keys_for("POST", "/v1/payment_intents") == [f"payment:{payment.pk}"]


def test_declined_card_fails_in_plain_words_and_the_hook_fires_once(
    cast, calls, django_capture_on_commit_callbacks
):
    payment = start_card(cast)
    with django_capture_on_commit_callbacks(execute=True):
        payment = confirm_card_payment(payment, "pm_card_chargeCustomerFail")

    assert payment.status == Payment.Status.FAILED
    assert payment.error == "Your card was declined."
    assert calls.failed == [payment.pk] and calls.succeeded == []
    # Stopped at Stripe too, so nobody can pay it after we said it failed.
    intent = stripe_client.payment_intent_retrieve(payment.stripe_payment_intent_id)
    assert intent["status"] == "canceled"
    services.payment_sync(payment=payment)
    assert calls.failed == [payment.pk]


def test_starting_twice_for_one_reference_returns_the_same_payment(cast):
    first = start_card(cast)
    second = start_card(cast)
    assert second.pk == first.pk
    assert second.stripe_payment_intent_id == first.stripe_payment_intent_id
    assert Payment.objects.count() == 1
    intents = stripe_client.client().v1.payment_intents.list().data
    assert [intent.id for intent in intents] == [first.stripe_payment_intent_id]


def test_starting_again_after_payment_returns_the_paid_payment(cast):
    paid = confirm_card_payment(start_card(cast))
    again = start_card(cast)
    assert again.pk == paid.pk and again.status == Payment.Status.SUCCEEDED


def test_database_refuses_a_second_live_payment_for_a_reference(cast):
    payment = start_card(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            member=payment.member,
            reference=payment.reference,
            description="Second try",
            method="cash",
            status=Payment.Status.SUCCEEDED,
            succeeded_at=payment.created_at,
            amount_pence=500,
        )


def test_a_failed_payment_frees_its_reference_for_a_new_one(cast):
    failed = confirm_card_payment(start_card(cast), "pm_card_chargeCustomerFail")
    again = start_card(cast)
    assert again.pk != failed.pk and again.status == Payment.Status.PENDING


def test_same_reference_with_another_amount_is_refused(cast):
    start_card(cast)
    with pytest.raises(PaymentError, match="another person or amount"):
        start_card(cast, amount_pence=700)


def test_start_refuses_to_run_inside_a_transaction(cast):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        start_card(cast)
    assert Payment.objects.count() == 0


def test_stripe_out_of_reach_fails_the_payment_with_a_plain_message(cast, calls):
    with override_settings(STRIPE_API_BASE=closed_port_url()):
        with pytest.raises(PaymentError) as raised:
            start_card(cast)
    assert raised.value.message == (
        "We could not start the card payment. Please try again, or pay in cash."
    )
    payment = Payment.objects.get()
    assert payment.status == Payment.Status.FAILED
    assert payment.error
    assert calls.failed == [payment.pk]


def test_card_payment_is_not_offered_without_stripe_keys(cast):
    with override_settings(STRIPE_SECRET_KEY=""):
        assert stripe_client.is_card_enabled() is False
        with pytest.raises(PaymentError, match="Card payment is not available"):
            start_card(cast)
    assert Payment.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount_pence": 0}, "more than 0"),
        ({"amount_pence": -5}, "more than 0"),
        ({"amount_pence": "500"}, "whole number of pence"),
        ({"reference": "  "}, "reference"),
        ({"description": ""}, "what the payment is for"),
        ({"next_url": "https://evil.example/"}, "must be on this site"),
        ({"next_url": "//evil.example/"}, "must be on this site"),
    ],
)
def test_bad_input_is_refused_in_plain_words_and_changes_nothing(cast, changes, message):
    arguments = {
        "member": cast.member_row,
        "amount_pence": 500,
        "reference": "test:1",
        "description": "Booking fee",
        "actor": cast.member,
        "next_url": "/me/",
        **changes,
    }
    with pytest.raises(PaymentError, match=message):
        services.payment_start_card(**arguments)
    assert Payment.objects.count() == 0


def test_a_payment_left_without_an_intent_gets_one_when_started_again(cast):
    """The process that made the row died before asking Stripe: once the claim has run
    out, the next caller asks."""
    payment = Payment.objects.create(
        member=cast.member_row,
        reference="test:1",
        description="Booking fee for bowling",
        method="card",
        amount_pence=500,
        intent_requested_at=timezone.now() - stripe_client.CALL_LEASE,
    )
    again = start_card(cast)
    assert again.pk == payment.pk
    assert again.stripe_payment_intent_id.startswith("pi_")
    assert confirm_card_payment(again).status == Payment.Status.SUCCEEDED


def test_a_supporter_starting_a_payment_is_recorded_as_acting_for_the_member(cast):
    payment = services.payment_start_card(
        member=cast.member_row,
        amount_pence=500,
        reference="test:1",
        description="Booking fee for bowling",
        actor=cast.supporter,
    )
    entry = AuditEntry.objects.get(action="payment.started")
    assert (entry.actor, entry.on_behalf_of) == (cast.supporter, cast.member)
    assert payment.created_by == cast.supporter
