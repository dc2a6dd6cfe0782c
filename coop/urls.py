from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from board import api_meetings
from board.api import (
    BallotsView,
    ElectionDetailView,
    ElectionListView,
    ReceiptsView,
    ResultView,
)
from board.reports.api import QuarterlyReportView
from events.api import (
    ActivityCancelView,
    ActivityDetailView,
    ActivityListView,
    AttendanceView,
    BookingCancelView,
    BookingCreateView,
    BookingDetailView,
    MyBookingsView,
)
from events.api import after as events_after
from finance import api as finance_api
from members.api import (
    MemberDetailView,
    MemberListView,
    MemberMoveView,
    MeView,
    MyDataView,
    TokenView,
)

api_v1 = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("me/", MeView.as_view(), name="api-me"),
    path("me/data/", MyDataView.as_view(), name="api-my-data"),
    path("members/", MemberListView.as_view(), name="api-member-list"),
    path("members/<int:pk>/", MemberDetailView.as_view(), name="api-member-detail"),
    path("members/<int:pk>/<slug:move>/", MemberMoveView.as_view(), name="api-member-move"),
    path("elections/", ElectionListView.as_view(), name="api-election-list"),
    path("elections/<int:pk>/", ElectionDetailView.as_view(), name="api-election-detail"),
    path("elections/<int:pk>/ballots/", BallotsView.as_view(), name="api-election-ballots"),
    path("elections/<int:pk>/receipts/", ReceiptsView.as_view(), name="api-election-receipts"),
    path("elections/<int:pk>/result/", ResultView.as_view(), name="api-election-result"),
    path("meetings/", api_meetings.MeetingListView.as_view(), name="api-meeting-list"),
    path("meetings/<int:pk>/", api_meetings.MeetingDetailView.as_view(), name="api-meeting-detail"),
    path(
        "meetings/<int:pk>/items/",
        api_meetings.MeetingItemsView.as_view(),
        name="api-meeting-items",
    ),
    path(
        "meetings/<int:pk>/actions/",
        api_meetings.MeetingActionsView.as_view(),
        name="api-meeting-actions",
    ),
    path("actions/", api_meetings.ActionListView.as_view(), name="api-action-list"),
    path("actions/<int:pk>/done/", api_meetings.ActionDoneView.as_view(), name="api-action-done"),
    path("papers/<int:pk>/pdf/", api_meetings.PaperPdfView.as_view(), name="api-paper-pdf"),
    path("activities/", ActivityListView.as_view(), name="api-activity-list"),
    path("activities/<int:pk>/", ActivityDetailView.as_view(), name="api-activity-detail"),
    path("activities/<int:pk>/cancel/", ActivityCancelView.as_view(), name="api-activity-cancel"),
    path("activities/<int:pk>/bookings/", BookingCreateView.as_view(), name="api-booking-create"),
    path("bookings/<int:pk>/", BookingDetailView.as_view(), name="api-booking-detail"),
    path("bookings/<int:pk>/cancel/", BookingCancelView.as_view(), name="api-booking-cancel"),
    path("bookings/<int:pk>/attendance/", AttendanceView.as_view(), name="api-attendance"),
    path("me/bookings/", MyBookingsView.as_view(), name="api-my-bookings"),
    path(
        "reports/activity-summary/",
        events_after.ActivitySummaryView.as_view(),
        name="api-activity-summary",
    ),
    path(
        "activities/<int:pk>/evaluation/",
        events_after.EvaluationView.as_view(),
        name="api-evaluation",
    ),
    path("bookings/<int:pk>/feedback/", events_after.FeedbackView.as_view(), name="api-feedback"),
    path("suggestions/", events_after.SuggestionListView.as_view(), name="api-suggestion-list"),
    path(
        "suggestions/<int:pk>/interest/",
        events_after.SuggestionInterestView.as_view(),
        name="api-suggestion-interest",
    ),
    path("finance/ledger/", finance_api.LedgerView.as_view(), name="api-finance-ledger"),
    path(
        "finance/reconciliation/",
        finance_api.ReconciliationView.as_view(),
        name="api-finance-reconciliation",
    ),
    path(
        "finance/reports/<str:period>/",
        QuarterlyReportView.as_view(),
        name="api-quarterly-report",
    ),
]

urlpatterns = [
    path("", include("members.urls")),
    path("", include("finance.urls")),
    path("", include("board.reports.urls")),
    path("", include("board.urls")),
    path("", include("events.urls")),
    path("", include("events.urls_calendar")),
    path("django-admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

handler400 = "coop.views.bad_request"
handler403 = "coop.views.forbidden"
handler404 = "coop.views.not_found"
handler500 = "coop.views.server_error"
