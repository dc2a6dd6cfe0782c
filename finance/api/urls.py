"""The finance API's addresses, under /api/v1/ (included from coop/urls.py)."""

from django.urls import path

from finance.api.views import LedgerView, ReconciliationView
from finance.reports.api import QuarterlyReportView

app_name = "finance_api"

urlpatterns = [
    path("finance/ledger/", LedgerView.as_view(), name="ledger"),
    path(
        "finance/reconciliation/",
        ReconciliationView.as_view(),
        name="reconciliation",
    ),
    path(
        "finance/reports/<str:period>/",
        QuarterlyReportView.as_view(),
        name="quarterly-report",
    ),
]
