"""Every write about money goes through these services. One module per idea; this package
re-exports them so callers write `services.payment_start_card(...)`."""

from finance.errors import LedgerError, PaymentError, ReconciliationError, RefundError
from finance.services.books import *  # noqa: F403
from finance.services.intents import *  # noqa: F403
from finance.services.ledger import *  # noqa: F403
from finance.services.payments import *  # noqa: F403
from finance.services.postings import *  # noqa: F403
from finance.services.reconciliation import *  # noqa: F403
from finance.services.refunds import *  # noqa: F403
from finance.services.stripe_fetch import *  # noqa: F403
from finance.services.webhooks import *  # noqa: F403

__all__ = [  # noqa: F405
    "LedgerError",
    "PaymentError",
    "Reconciliation",
    "ReconciliationError",
    "budget_set",
    "cash_bank",
    "expense_record",
    "fee_keep",
    "fee_kept_pence",
    "fee_unkeep",
    "income_record",
    "ledger_post",
    "ledger_reverse",
    "RefundError",
    "payment_apply_intent",
    "payment_cancel",
    "payment_record_cash",
    "payment_start_card",
    "payment_sync",
    "receipt_check",
    "quarter_close",
    "reconciliation_issue_resolve",
    "reconciliation_match",
    "reconciliation_report",
    "refund_cash_handed_back",
    "refund_record_from_stripe",
    "refund_retry",
    "refund_send",
    "refund_start",
    "same_site_path",
    "stripe_event_process",
    "stripe_balance_fetch",
    "stripe_balance_store",
    "stripe_event_store",
    "stripe_payouts_fetch",
    "stripe_payouts_store",
]
