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

# The addresses with a beginning of their own come first: Django tries patterns in order, so
# an API request would otherwise try every page's pattern (about 110 microseconds), and a
# page fails "api/v1/" at once. The pages follow, the most visited (activities and bookings)
# first. tests/coop/test_url_order.py checks that every address still reaches its own page
# and that no address is answered by two of these entries, so their order is free.
urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("django-admin/", admin.site.urls),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("events.urls")),
    path("", include("members.urls")),
    path("", include("board.urls")),
    path("", include("finance.urls")),
    path("", include("events.urls_calendar")),
    path("", include("wellbeing.urls")),
]

handler400 = "coop.views.bad_request"
handler403 = "coop.views.forbidden"
handler404 = "coop.views.not_found"
handler500 = "coop.views.server_error"
