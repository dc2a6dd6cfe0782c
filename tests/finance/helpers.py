"""Helpers for finance tests: payments set up through the real services, and webhook
events built from real localstripe objects and signed like Stripe signs them."""

import datetime as dt
import json
import socket
import time

import stripe
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from finance import services, stripe_client
from finance.models import Expense, Payment, Refund
from tests.finance.stripe_helpers import confirm_card_payment


def paid_in_bulk(cast, n: int, *, method: str, description: str) -> list[Payment]:
    """n payments already succeeded, written straight to the table (no service, no Stripe):
    the i-th is `description` with i in it, 100 + i pence, made and paid i seconds after
    today's midnight (so all today, and newest-first lists them last to first). A card one
    names a Stripe charge that Stripe has never seen."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Payment.objects.bulk_create(
        Payment(
            member=cast.member_row,
            reference=f"test:{i}",
            description=description.format(i=i),
            method=method,
            status="succeeded",
            amount_pence=100 + i,
            stripe_charge_id=f"ch_missing_{i:03}" if method == "card" else "",
            created_at=start + dt.timedelta(seconds=i),
            succeeded_at=start + dt.timedelta(seconds=i),
        )
        for i in range(n)
    )


def start_card(cast, reference: str = "test:1", amount_pence: int = 500) -> Payment:
    return services.payment_start_card(
        member=cast.member_row,
        amount_pence=amount_pence,
        reference=reference,
        description="Booking fee for bowling",
        actor=cast.member,
        next_url="/me/",
    )


def paid_card(cast, reference: str = "test:1", amount_pence: int = 500) -> Payment:
    payment = confirm_card_payment(start_card(cast, reference, amount_pence))
    assert payment.status == Payment.Status.SUCCEEDED
    return payment


# Tasks are kept, not run: a refund stays pending until a test sends it.
KEEP_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def pending_refund(cast) -> Refund:
    """A card refund started and not yet sent to Stripe."""
    payment = paid_card(cast)
    with override_settings(TASKS=KEEP_TASKS):
        refund = services.refund_start(payment=payment, reason="Came along", actor=cast.finance)
    assert refund.status == Refund.Status.PENDING
    return refund


def record_cash(cast, reference: str = "test:cash", amount_pence: int = 500) -> Payment:
    return services.payment_record_cash(
        member=cast.member_row,
        amount_pence=amount_pence,
        reference=reference,
        description="Booking fee for the seaside trip",
        actor=cast.organiser,
    )


def closed_port_url() -> str:
    """An address where nothing listens: Stripe out of reach."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def pay_at_stripe_only(payment: Payment, method: str = "pm_card_visa") -> None:
    """The member pays on the page; coop has not heard yet."""
    intents = stripe_client.client().v1.payment_intents
    intents.update(payment.stripe_payment_intent_id, params={"payment_method": method})
    try:
        intents.confirm(payment.stripe_payment_intent_id)
    except Exception as error:  # a decline: localstripe answers 402
        assert "declined" in str(error)


def stripe_refunds(payment: Payment) -> list[dict]:
    return stripe_client.refund_list(payment_intent_id=payment.stripe_payment_intent_id)


def localstripe_event(event_type: str, object_id: str) -> dict:
    """A real event localstripe made (it makes payment_intent.* events itself)."""
    events = stripe_client.client().v1.events.list(params={"type": event_type, "limit": 100})
    for event in events.auto_paging_iter():
        if event.data.object.id == object_id:
            return event.to_dict(for_json=True)
    raise AssertionError(f"localstripe made no {event_type} for {object_id}")


def make_event(event_type: str, obj: dict, event_id: str) -> dict:
    """An event around a real localstripe object, for the events localstripe never sends
    (charge.refunded, refund.updated)."""
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "api_version": "2017-08-15",
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": obj},
    }


def post_event(client, event: dict, *, secret: str | None = None):
    body = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(
        body, secret or settings.STRIPE_WEBHOOK_SECRET
    )
    return client.post(
        reverse("stripe-webhook"),
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def spent_on_bowling(cast, receipt=None, spent_on=None) -> Expense:
    """£42.50 spent on bowling (today unless said), from the bank, with ``receipt`` (an
    uploaded file)."""
    return services.expense_record(
        account_code="activity_costs",
        supplier="Lanes Bowling",
        description="Two lanes",
        spent_on=spent_on or timezone.localdate(),
        amount_pence=4250,
        paid_with="bank",
        actor=cast.finance,
        receipt=receipt,
    )


def grant_and_bowling(cast, day: dt.date) -> None:
    """A quarter's money in and out: a £1,500 grant and £60 spent on bowling, on `day`."""
    services.income_record(
        account_code="grants",
        source="Borough Community Fund",
        description="Trips",
        received_on=day,
        amount_pence=150000,
        paid_with="bank",
        actor=cast.finance,
    )
    services.expense_record(
        account_code="activity_costs",
        supplier="Lanes Bowling",
        description="Lanes",
        spent_on=day,
        amount_pence=6000,
        paid_with="bank",
        actor=cast.finance,
    )
