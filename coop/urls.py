from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

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
]

urlpatterns = [
    path("", include("members.urls")),
    path("django-admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

handler403 = "coop.views.forbidden"
handler404 = "coop.views.not_found"
handler500 = "coop.views.server_error"
