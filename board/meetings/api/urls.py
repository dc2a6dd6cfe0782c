"""The board meetings' API addresses, gathered into the board's API by board/api/urls.py."""

from django.urls import path

from board.meetings.api import views

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<int:pk>/items/", views.MeetingItemsView.as_view(), name="meeting-items"),
    path("meetings/<int:pk>/actions/", views.MeetingActionsView.as_view(), name="meeting-actions"),
    path("actions/", views.ActionListView.as_view(), name="action-list"),
    path("actions/<int:pk>/done/", views.ActionDoneView.as_view(), name="action-done"),
    path("papers/<int:pk>/pdf/", views.PaperPdfView.as_view(), name="paper-pdf"),
]
