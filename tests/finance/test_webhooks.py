"""POST /stripe/webhook/: signed events only, each kept once and applied once, in any
order. localstripe makes payment_intent.* events itself; charge.refunded and
refund.updated it never sends, so those are built around its real objects."""

import itertools
import json
import time

import pytest
import stripe
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from finance import hooks, services, stripe_client
from finance.models import Payment, Refund, StripeEvent
from tests.finance.helpers import (
    localstripe_event,
    make_event,
    paid_card,
    pay_at_stripe_only,
    post_event,
    start_card,
)

pytestmark = pytest.mark.django_db


def state() -> dict:
    """Everything the events can change, to compare before and after a repeat."""
    return {
        "payments": list(
            Payment.objects.order_by("pk").values_list(
                "pk", "status", "error", "stripe_charge_id", "succeeded_at"
            )
        ),
        "refunds": list(
            Refund.objects.order_by("pk").values_list(
                "pk", "status", "stripe_refund_id", "external", "amount_pence", "succeeded_at"
            )
        ),
        "events": list(StripeEvent.objects.order_by("pk").values_list("pk", "processed_at")),
    }


def test_a_wrong_or_missing_signature_is_refused_and_nothing_is_kept(client, cast):
    payment = start_card(cast)
    pay_at_stripe_only(payment)
    event = localstripe_event("payment_intent.succeeded", payment.stripe_payment_intent_id)

    assert post_event(client, event, secret="whsec_someone_else").status_code == 400
    unsigned = client.post(reverse("stripe-webhook"), data=event, content_type="application/json")
    assert unsigned.status_code == 400
    assert StripeEvent.objects.count() == 0
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING


def test_a_tampered_body_is_refused(client, cast, settings):
    event = make_event("charge.refunded", {"id": "ch_x"}, "evt_tampered")
    header = stripe.WebhookSignature.generate_signature_header(
        json.dumps(event), settings.STRIPE_WEBHOOK_SECRET
    )
    event["data"]["object"]["id"] = "ch_y"
    response = client.post(
        reverse("stripe-webhook"),
        data=json.dumps(event),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0


def scenario(cast) -> tuple[dict, dict]:
    """Payment A declined; payment B paid, then paid back in Stripe's dashboard. Returns
    the four events by type, and the payments."""
    declined = start_card(cast, reference="test:declined")
    pay_at_stripe_only(declined, "pm_card_chargeCustomerFail")
    paid = start_card(cast, reference="test:paid")
    pay_at_stripe_only(paid)
    made = stripe_client.client().v1.refunds.create(
        params={"payment_intent": paid.stripe_payment_intent_id, "amount": 300}
    )
    intent = stripe_client.payment_intent_retrieve(paid.stripe_payment_intent_id)
    charge = stripe_client.charge_retrieve(stripe_client.object_id(intent["latest_charge"]))
    refund = stripe_client.client().v1.refunds.retrieve(made.id).to_dict(for_json=True)
    events = {
        "payment_failed": localstripe_event(
            "payment_intent.payment_failed", declined.stripe_payment_intent_id
        ),
        "succeeded": localstripe_event("payment_intent.succeeded", paid.stripe_payment_intent_id),
        "charge_refunded": make_event("charge.refunded", charge, "evt_charge_refunded"),
        "refund_updated": make_event("refund.updated", refund, "evt_refund_updated"),
    }
    return events, {"declined": declined, "paid": paid, "stripe_refund_id": made.id}


ORDERS = [
    ["payment_failed", "succeeded", "charge_refunded", "refund_updated"],
    ["refund_updated", "charge_refunded", "succeeded", "payment_failed"],
    ["charge_refunded", "payment_failed", "refund_updated", "succeeded"],
]


@pytest.mark.parametrize("order", ORDERS, ids=["in-order", "reversed", "mixed"])
def test_events_three_times_in_any_order_change_nothing_after_the_first(client, cast, calls, order):
    events, made = scenario(cast)

    for name in order:
        assert post_event(client, events[name]).status_code == 200
    after_first = state()
    for name in itertools.chain(reversed(order), order):
        assert post_event(client, events[name]).status_code == 200
    assert state() == after_first

    declined = Payment.objects.get(pk=made["declined"].pk)
    paid = Payment.objects.get(pk=made["paid"].pk)
    assert (declined.status, declined.error) == (Payment.Status.FAILED, "Your card was declined.")
    assert paid.status == Payment.Status.SUCCEEDED
    external = Refund.objects.get()
    assert (external.payment_id, external.external) == (paid.pk, True)
    assert (external.stripe_refund_id, external.amount_pence) == (made["stripe_refund_id"], 300)
    assert external.status == Refund.Status.SUCCEEDED
    assert calls.failed == [declined.pk]
    assert calls.succeeded == [paid.pk]
    assert calls.refunded == [external.pk]
    assert StripeEvent.objects.count() == 4
    assert not StripeEvent.objects.filter(processed_at__isnull=True).exists()


def test_an_external_refund_leaves_the_rest_refundable_through_coop(
    client, cast, django_capture_on_commit_callbacks
):
    events, made = scenario(cast)
    post_event(client, events["charge_refunded"])
    with django_capture_on_commit_callbacks(execute=True):
        ours = services.refund_start(payment=made["paid"], reason="Came along", actor=None)
    assert ours.amount_pence == 200  # 500 paid, 300 already back through Stripe
    assert Refund.objects.get(pk=ours.pk).status == Refund.Status.SUCCEEDED


def test_our_own_refund_announced_by_stripe_is_matched_not_recorded_twice(
    client, cast, calls, django_capture_on_commit_callbacks
):
    payment = paid_card(cast)
    with django_capture_on_commit_callbacks(execute=True):
        ours = services.refund_start(payment=payment, reason="Came along", actor=None)
    ours.refresh_from_db()
    charge = stripe_client.charge_retrieve(payment.stripe_charge_id)
    refund = stripe_client.client().v1.refunds.retrieve(ours.stripe_refund_id)
    for _ in range(3):
        post_event(client, make_event("charge.refunded", charge, "evt_ours_charge"))
        post_event(
            client, make_event("refund.updated", refund.to_dict(for_json=True), "evt_ours_refund")
        )
    assert list(Refund.objects.values_list("pk", flat=True)) == [ours.pk]
    assert calls.refunded == [ours.pk]


def test_a_refund_stripe_made_before_we_saved_it_is_matched_by_our_id(client, cast, calls):
    """A worker made the Stripe refund and died before saving its id: the event puts it
    right, and nobody sends it again."""
    payment = paid_card(cast)
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        ours = services.refund_start(payment=payment, reason="Came along", actor=None)
    made = stripe_client.refund_create(
        payment_intent_id=payment.stripe_payment_intent_id,
        amount_pence=500,
        metadata={"coop_refund_id": str(ours.pk)},
        idempotency_key=f"refund:{ours.pk}",
    )
    post_event(client, make_event("refund.updated", made, "evt_early"))
    call_command("refunds_retry")

    ours.refresh_from_db()
    assert (ours.status, ours.stripe_refund_id, ours.external) == (
        Refund.Status.SUCCEEDED,
        made["id"],
        False,
    )
    assert Refund.objects.count() == 1
    assert len(stripe_client.refund_list(payment_intent_id=payment.stripe_payment_intent_id)) == 1
    assert calls.refunded == [ours.pk]


def test_a_charge_without_its_refunds_listed_is_completed_from_stripe(client, cast, calls):
    """Recent Stripe API versions leave `refunds` out of the charge in charge.refunded."""
    events, made = scenario(cast)
    event = events["charge_refunded"]
    del event["data"]["object"]["refunds"]
    assert post_event(client, event).status_code == 200
    external = Refund.objects.get()
    assert (external.stripe_refund_id, external.external) == (made["stripe_refund_id"], True)
    assert calls.refunded == [external.pk]


def test_a_processing_error_answers_500_and_keeps_the_event_for_the_retry(client, cast):
    payment = start_card(cast, reference="broken:1")
    pay_at_stripe_only(payment)
    event = localstripe_event("payment_intent.succeeded", payment.stripe_payment_intent_id)

    def refuse(_payment):
        raise RuntimeError("the booking side is down")

    hooks.register("broken:", on_succeeded=refuse)
    try:
        assert post_event(client, event).status_code == 500
    finally:
        hooks.unregister("broken:")
    stored = StripeEvent.objects.get()
    assert stored.processed_at is None
    assert "the booking side is down" in stored.error
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING  # rolled back with the hook

    assert post_event(client, event).status_code == 200  # Stripe's retry
    stored.refresh_from_db()
    payment.refresh_from_db()
    assert stored.processed_at is not None and stored.error == ""
    assert payment.status == Payment.Status.SUCCEEDED


def test_events_about_payments_that_are_not_ours_are_kept_and_ignored(client):
    event = make_event(
        "payment_intent.succeeded",
        {"id": "pi_not_ours", "object": "payment_intent", "status": "succeeded", "metadata": {}},
        "evt_not_ours",
    )
    assert post_event(client, event).status_code == 200
    other = make_event("customer.created", {"id": "cus_1", "object": "customer"}, "evt_other")
    assert post_event(client, other).status_code == 200
    assert StripeEvent.objects.filter(processed_at__isnull=False).count() == 2
    assert Payment.objects.count() == 0


def test_a_refund_stripe_later_says_failed_ends_failed_whatever_the_order(
    client, cast, calls, django_capture_on_commit_callbacks
):
    payment = paid_card(cast)
    with django_capture_on_commit_callbacks(execute=True):
        ours = services.refund_start(payment=payment, reason="Came along", actor=None)
    ours.refresh_from_db()
    succeeded = stripe_client.client().v1.refunds.retrieve(ours.stripe_refund_id)
    succeeded = succeeded.to_dict(for_json=True)
    failed = {**succeeded, "status": "failed", "failure_reason": "expired_or_canceled_card"}

    for _ in range(3):
        post_event(client, make_event("refund.updated", failed, "evt_failed"))
        post_event(client, make_event("refund.updated", succeeded, "evt_succeeded_old"))

    ours.refresh_from_db()
    assert (ours.status, ours.error) == (Refund.Status.FAILED, "expired_or_canceled_card")
    assert calls.refunded == [ours.pk]  # from when it first went through
    client.force_login(cast.finance)
    page = client.get(reverse("finance-payments")).content.decode()
    assert "expired_or_canceled_card" in page and "Try again now" in page


def test_a_success_event_finds_a_payment_whose_intent_id_was_never_saved(client, cast, calls):
    """We crashed between Stripe making the intent and us saving its id."""
    payment = start_card(cast)
    intent_id = payment.stripe_payment_intent_id
    Payment.objects.filter(pk=payment.pk).update(stripe_payment_intent_id=None)
    pay_at_stripe_only(Payment(pk=payment.pk, stripe_payment_intent_id=intent_id))
    event = localstripe_event("payment_intent.succeeded", intent_id)
    assert post_event(client, event).status_code == 200
    payment.refresh_from_db()
    assert (payment.status, payment.stripe_payment_intent_id) == (
        Payment.Status.SUCCEEDED,
        intent_id,
    )
    assert calls.succeeded == [payment.pk]


def test_without_a_webhook_secret_every_event_is_refused(client, cast, settings):
    event = make_event("charge.refunded", {"id": "ch_x"}, "evt_no_secret")
    signed = post_event(client, event)  # signed with the real secret...
    assert signed.status_code == 200
    settings.STRIPE_WEBHOOK_SECRET = ""  # ...but with none configured nothing is trusted
    again = make_event("charge.refunded", {"id": "ch_x"}, "evt_no_secret_2")
    assert post_event(client, again, secret="whsec_test_coop").status_code == 400
    assert not StripeEvent.objects.filter(stripe_event_id="evt_no_secret_2").exists()


def post_signed(client, body: str, *, at: int | None = None):
    header = stripe.WebhookSignature.generate_signature_header(
        body, settings.STRIPE_WEBHOOK_SECRET, timestamp=at
    )
    return client.post(
        reverse("stripe-webhook"),
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def test_a_signature_dated_an_hour_ahead_is_refused_and_nothing_is_kept(client, cast):
    payment = start_card(cast)
    pay_at_stripe_only(payment)
    event = localstripe_event("payment_intent.succeeded", payment.stripe_payment_intent_id)
    body = json.dumps(event)

    assert post_signed(client, body, at=int(time.time()) + 3600).status_code == 400
    assert post_signed(client, body, at=int(time.time()) - 3600).status_code == 400
    assert StripeEvent.objects.count() == 0
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    # A clock a little ahead of Stripe's is within the tolerance.
    assert post_signed(client, body, at=int(time.time()) + 60).status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED


@pytest.mark.parametrize(
    "payload",
    [
        [{"id": "evt_list", "type": "charge.refunded", "data": {"object": {}}}],
        {"id": "evt_data_list", "type": "charge.refunded", "data": [{"object": {}}]},
        {"id": "evt_data_text", "type": "charge.refunded", "data": "charge"},
        {"id": "evt_object_list", "type": "refund.updated", "data": {"object": ["re_1"]}},
        {"id": 7, "type": "charge.refunded", "data": {"object": {}}},
        {"id": "evt_" + "x" * 300, "type": "charge.refunded", "data": {"object": {}}},
        "evt_text",
    ],
)
def test_a_signed_payload_that_is_not_an_event_is_refused_and_nothing_is_kept(
    client, cast, payload
):
    payment = paid_card(cast)
    before = state()
    response = post_signed(client, json.dumps(payload))
    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0
    assert state() == before
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
