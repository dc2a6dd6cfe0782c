"""The events API's addresses, under /api/v1/ (included from coop/urls.py)."""

from django.urls import path

from events.api import after, views

app_name = "events_api"

urlpatterns = [
    path("activities/", views.ActivityListView.as_view(), name="activity-list"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity-detail"),
    path(
        "activities/<int:pk>/cancel/",
        views.ActivityCancelView.as_view(),
        name="activity-cancel",
    ),
    path(
        "activities/<int:pk>/bookings/",
        views.BookingCreateView.as_view(),
        name="booking-create",
    ),
    path("bookings/<int:pk>/", views.BookingDetailView.as_view(), name="booking-detail"),
    path("bookings/<int:pk>/cancel/", views.BookingCancelView.as_view(), name="booking-cancel"),
    path("bookings/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("me/bookings/", views.MyBookingsView.as_view(), name="my-bookings"),
    path(
        "reports/activity-summary/",
        after.ActivitySummaryView.as_view(),
        name="activity-summary",
    ),
    path("activities/<int:pk>/evaluation/", after.EvaluationView.as_view(), name="evaluation"),
    path("bookings/<int:pk>/feedback/", after.FeedbackView.as_view(), name="feedback"),
    path("suggestions/", after.SuggestionListView.as_view(), name="suggestion-list"),
    path(
        "suggestions/<int:pk>/interest/",
        after.SuggestionInterestView.as_view(),
        name="suggestion-interest",
    ),
]
