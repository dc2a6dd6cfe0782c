"""Money in and out: payments, refunds and Stripe's events; the ledger; what reconciling
with Stripe found; the books kept by hand and the budget; quarterly report jobs. One
module a topic; this package lists them all so callers write `finance.models.Payment`.

Amounts are integer pence. Rows are never deleted (PROTECT), and the rules that must never
break ("one live payment per booking", "a fee is never refunded twice", "never above what
was paid") are database constraints, so a bug in Python cannot break them.
"""

from finance.models.books import BudgetLine, Expense, Income, PaidWith
from finance.models.ledger import Account, AccountDay, ClosedQuarter, Entry, Transaction
from finance.models.payments import Method, Payment, Refund, StripeEvent
from finance.models.reconciliation import (
    ReconciliationIssue,
    ReconciliationRun,
    StripeBalanceTransaction,
    StripePayout,
)
from finance.models.reports import ReportJob

__all__ = [
    "Account",
    "AccountDay",
    "BudgetLine",
    "ClosedQuarter",
    "Entry",
    "Expense",
    "Income",
    "Method",
    "PaidWith",
    "Payment",
    "ReconciliationIssue",
    "ReconciliationRun",
    "Refund",
    "ReportJob",
    "StripeBalanceTransaction",
    "StripeEvent",
    "StripePayout",
    "Transaction",
]
