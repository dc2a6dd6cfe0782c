"""The membership API's addresses, under /api/v1/ (included from coop/urls.py)."""

from django.urls import path

from members.api.account import MeView, MyDataView, TokenView
from members.api.roll import MemberDetailView, MemberListView, MemberMoveView

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("me/", MeView.as_view(), name="api-me"),
    path("me/data/", MyDataView.as_view(), name="api-my-data"),
    path("members/", MemberListView.as_view(), name="api-member-list"),
    path("members/<int:pk>/", MemberDetailView.as_view(), name="api-member-detail"),
    path("members/<int:pk>/<slug:move>/", MemberMoveView.as_view(), name="api-member-move"),
]
