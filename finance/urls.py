from django.urls import path

from finance import views

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
