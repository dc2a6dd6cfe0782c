from django.urls import include, path

from finance import views, views_ledger

urlpatterns = [
    path("pay/<int:payment_id>/", views.pay, name="pay"),
    path("pay/<int:payment_id>/return/", views.pay_return, name="pay-return"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
    path("finance/payments/", views.payments, name="finance-payments"),
    path("finance/refunds/<int:refund_id>/retry/", views.refund_retry, name="finance-refund-retry"),
    path("finance/cash/", views.cash, name="finance-cash"),
    path(
        "finance/cash/<int:refund_id>/handed-back/",
        views.cash_handed_back,
        name="finance-cash-handed-back",
    ),
]

from finance import views_reconciliation  # noqa: E402

urlpatterns += [
    path(
        "finance/reconciliation/",
        views_reconciliation.reconciliation,
        name="finance-reconciliation",
    ),
    path(
        "finance/reconciliation/run/",
        views_reconciliation.reconciliation_run,
        name="finance-reconciliation-run",
    ),
    path(
        "finance/reconciliation/issues/<int:issue_id>/resolve/",
        views_reconciliation.reconciliation_issue_resolve,
        name="finance-reconciliation-resolve",
    ),
]

from finance import views_books  # noqa: E402

urlpatterns += [
    path("finance/books/", views_books.books, name="finance-books"),
    path("finance/books/cash-banked/", views_books.cash_bank, name="finance-cash-bank"),
    path("finance/books/spending/", views_books.expense_new, name="finance-expense-new"),
    path("finance/books/received/", views_books.income_new, name="finance-income-new"),
    path("finance/budget/", views_books.budget, name="finance-budget"),
    path("finance/ledger/", views_ledger.ledger, name="finance-ledger"),
    path("", include("finance.reports.urls")),
]
