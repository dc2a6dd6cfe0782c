"""The elections' API addresses, gathered into the board's API by board/api/urls.py."""

from django.urls import path

from board.elections.api import views

urlpatterns = [
    path("elections/", views.ElectionListView.as_view(), name="election-list"),
    path("elections/<int:pk>/", views.ElectionDetailView.as_view(), name="election-detail"),
    path("elections/<int:pk>/ballots/", views.BallotsView.as_view(), name="election-ballots"),
    path("elections/<int:pk>/receipts/", views.ReceiptsView.as_view(), name="election-receipts"),
    path("elections/<int:pk>/result/", views.ResultView.as_view(), name="election-result"),
]
