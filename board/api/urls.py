"""The board API's addresses, under /api/v1/ (included from coop/urls.py): elections,
meetings and their papers."""

from django.urls import path

from board.api import elections, meetings

urlpatterns = [
    path("elections/", elections.ElectionListView.as_view(), name="api-election-list"),
    path(
        "elections/<int:pk>/",
        elections.ElectionDetailView.as_view(),
        name="api-election-detail",
    ),
    path(
        "elections/<int:pk>/ballots/",
        elections.BallotsView.as_view(),
        name="api-election-ballots",
    ),
    path(
        "elections/<int:pk>/receipts/",
        elections.ReceiptsView.as_view(),
        name="api-election-receipts",
    ),
    path("elections/<int:pk>/result/", elections.ResultView.as_view(), name="api-election-result"),
    path("meetings/", meetings.MeetingListView.as_view(), name="api-meeting-list"),
    path("meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="api-meeting-detail"),
    path("meetings/<int:pk>/items/", meetings.MeetingItemsView.as_view(), name="api-meeting-items"),
    path(
        "meetings/<int:pk>/actions/",
        meetings.MeetingActionsView.as_view(),
        name="api-meeting-actions",
    ),
    path("actions/", meetings.ActionListView.as_view(), name="api-action-list"),
    path("actions/<int:pk>/done/", meetings.ActionDoneView.as_view(), name="api-action-done"),
    path("papers/<int:pk>/pdf/", meetings.PaperPdfView.as_view(), name="api-paper-pdf"),
]
