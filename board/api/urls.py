"""The board API's addresses, under /api/v1/ (included from coop/urls.py): elections,
meetings and their papers."""

from django.urls import path

from board.api import elections, meetings

app_name = "board_api"

urlpatterns = [
    path("elections/", elections.ElectionListView.as_view(), name="election-list"),
    path(
        "elections/<int:pk>/",
        elections.ElectionDetailView.as_view(),
        name="election-detail",
    ),
    path(
        "elections/<int:pk>/ballots/",
        elections.BallotsView.as_view(),
        name="election-ballots",
    ),
    path(
        "elections/<int:pk>/receipts/",
        elections.ReceiptsView.as_view(),
        name="election-receipts",
    ),
    path("elections/<int:pk>/result/", elections.ResultView.as_view(), name="election-result"),
    path("meetings/", meetings.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<int:pk>/items/", meetings.MeetingItemsView.as_view(), name="meeting-items"),
    path(
        "meetings/<int:pk>/actions/",
        meetings.MeetingActionsView.as_view(),
        name="meeting-actions",
    ),
    path("actions/", meetings.ActionListView.as_view(), name="action-list"),
    path("actions/<int:pk>/done/", meetings.ActionDoneView.as_view(), name="action-done"),
    path("papers/<int:pk>/pdf/", meetings.PaperPdfView.as_view(), name="paper-pdf"),
]
