"""Every write about money goes through these services. One module per idea; this package
re-exports them so callers write `services.payment_start_card(...)`."""

from finance.errors import PaymentError, RefundError
from finance.services.intents import *  # noqa: F403
from finance.services.payments import *  # noqa: F403
from finance.services.refunds import *  # noqa: F403
from finance.services.webhooks import *  # noqa: F403

__all__ = [  # noqa: F405
    "PaymentError",
    "RefundError",
    "payment_apply_intent",
    "payment_cancel",
    "payment_record_cash",
    "payment_start_card",
    "payment_sync",
    "refund_cash_handed_back",
    "refund_record_from_stripe",
    "refund_retry",
    "refund_send",
    "refund_start",
    "same_site_path",
    "stripe_event_process",
    "stripe_event_store",
]
