"""The membership API's addresses, under /api/v1/ (included from coop/urls.py)."""

from django.urls import path

from members.api.account import MeView, MyDataView, TokenView
from members.api.roll import MemberDetailView, MemberListView, MemberMoveView

app_name = "members_api"

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("me/", MeView.as_view(), name="me"),
    path("me/data/", MyDataView.as_view(), name="my-data"),
    path("members/", MemberListView.as_view(), name="member-list"),
    path("members/<int:pk>/", MemberDetailView.as_view(), name="member-detail"),
    path("members/<int:pk>/<slug:move>/", MemberMoveView.as_view(), name="member-move"),
]
