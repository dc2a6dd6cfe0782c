"""The one way coop talks to Stripe.

Every call carries an idempotency key built from our row, and sends only parameters both
real Stripe and localstripe (the tests' fake server) accept: no `description`, no
`automatic_payment_methods`, no refund `reason` — what we want to say goes in `metadata`.
Answers come back as plain dicts, the same shape as a webhook's payload, so one piece of
code reads both. Stripe's errors (stripe.StripeError) are left for the services to handle.
"""

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

import stripe
from django.conf import settings

CURRENCY = "gbp"
# Connection errors and 5xx are retried by the library; safe because of idempotency keys.
NETWORK_RETRIES = 2
TIMEOUT_SECONDS = 30
# Longer than one call can take with its retries. A worker that claimed a call and died
# gives it up to others after this; until then nobody else makes the same call.
CALL_LEASE = dt.timedelta(minutes=10)

StripeData = dict[str, Any]


def is_card_enabled() -> bool:
    """Card payment is offered only when Stripe is configured (the demo runs without)."""
    return bool(settings.STRIPE_SECRET_KEY)


@functools.lru_cache(maxsize=4)
def _client_for(secret_key: str, api_base: str) -> stripe.StripeClient:
    return stripe.StripeClient(
        secret_key,
        base_addresses={"api": api_base} if api_base else None,
        max_network_retries=NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=TIMEOUT_SECONDS),
    )


def client() -> stripe.StripeClient:
    """The client for the current settings (cached: one per key and address)."""
    if not settings.STRIPE_SECRET_KEY:
        raise stripe.AuthenticationError("STRIPE_SECRET_KEY is not set: card payment is off.")
    return _client_for(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE or "")


def _plain(obj: Any) -> StripeData:
    return obj.to_dict(for_json=True)


def payment_intent_create(
    *, amount_pence: int, metadata: Mapping[str, str], idempotency_key: str
) -> StripeData:
    intent = client().v1.payment_intents.create(
        params={
            "amount": amount_pence,
            "currency": CURRENCY,
            "payment_method_types": ["card"],
            "metadata": dict(metadata),
        },
        options={"idempotency_key": idempotency_key},
    )
    return _plain(intent)


def payment_intent_retrieve(intent_id: str) -> StripeData:
    return _plain(client().v1.payment_intents.retrieve(intent_id))


def payment_intent_cancel(intent_id: str, *, idempotency_key: str) -> StripeData:
    intent = client().v1.payment_intents.cancel(
        intent_id, options={"idempotency_key": idempotency_key}
    )
    return _plain(intent)


def refund_create(
    *,
    payment_intent_id: str,
    amount_pence: int,
    metadata: Mapping[str, str],
    idempotency_key: str,
) -> StripeData:
    refund = client().v1.refunds.create(
        params={
            "payment_intent": payment_intent_id,
            "amount": amount_pence,
            "metadata": dict(metadata),
        },
        options={"idempotency_key": idempotency_key},
    )
    return _plain(refund)


def refund_list(*, payment_intent_id: str = "", charge_id: str = "") -> list[StripeData]:
    """Every refund of one payment intent or one charge (newest first)."""
    params: dict[str, Any] = {"limit": 100}
    if payment_intent_id:
        params["payment_intent"] = payment_intent_id
    else:
        params["charge"] = charge_id
    # A payment has a handful of refunds at most: one page is all of them.
    return [_plain(refund) for refund in client().v1.refunds.list(params=params).data]


def charge_retrieve(charge_id: str) -> StripeData:
    return _plain(client().v1.charges.retrieve(charge_id))


def object_id(value: Any) -> str:
    """The id of a field Stripe may send as an id string (real Stripe) or as the expanded
    object (localstripe's `latest_charge`, or any field we ask to expand)."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return str(value.get("id") or "")
    return ""


def balance_transaction_page(*, starting_after: str = "", limit: int = 100) -> StripeData:
    """One page of the balance history, newest first: {"data": [...], "has_more": bool}.
    No `created` filter: localstripe refuses it, and newest-first lets us stop early."""
    params: dict[str, Any] = {"limit": limit}
    if starting_after:
        params["starting_after"] = starting_after
    page = client().v1.balance_transactions.list(params=params)
    return {"data": [_plain(item) for item in page.data], "has_more": bool(page.has_more)}


def payout_page(*, starting_after: str = "", limit: int = 100) -> StripeData:
    """One page of payouts, newest first."""
    params: dict[str, Any] = {"limit": limit}
    if starting_after:
        params["starting_after"] = starting_after
    page = client().v1.payouts.list(params=params)
    return {"data": [_plain(item) for item in page.data], "has_more": bool(page.has_more)}
