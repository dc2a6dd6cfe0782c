"""The quarterly report's finance pages (board members and the finance officer)."""

from django.urls import path

from finance.reports import views

urlpatterns = [
    path("finance/reports/", views.report_new, name="finance-reports"),
    path("finance/reports/<int:job_id>/", views.report_job, name="finance-report-job"),
    path(
        "finance/reports/<int:job_id>/file/",
        views.report_download,
        name="finance-report-download",
    ),
]
