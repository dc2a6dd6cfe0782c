from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from coop.views import favicon

# Each app's API lists its own addresses (app/api/urls.py); coop imports no app.
api_v1 = [
    path("", include("members.api.urls", namespace="members_api")),
    path("", include("board.api.urls", namespace="board_api")),
    path("", include("events.api.urls", namespace="events_api")),
    path("", include("finance.api.urls", namespace="finance_api")),
]

urlpatterns = [
    path("", include("members.urls")),
    path("", include("finance.urls")),
    path("", include("board.urls")),
    path("", include("events.urls")),
    path("", include("events.urls_calendar")),
    path("", include("wellbeing.urls")),
    path("favicon.ico", favicon, name="favicon"),
    path("django-admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

handler400 = "coop.views.bad_request"
handler403 = "coop.views.forbidden"
handler404 = "coop.views.not_found"
handler500 = "coop.views.server_error"
