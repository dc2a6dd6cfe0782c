"""coop's URLs plus two trivial views: /bench/floor/, the most our stack serves on this
machine, and /bench/signed-in/, the same behind sign-in (the session and the user with their
roles, from the shared cache when REDIS_URL is set, else from the database), which every coop
page but the sign-in page pays before it does anything."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from coop.urls import handler403, handler404, handler500
from coop.urls import urlpatterns as coop_urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
def signed_in(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("bench/signed-in/", signed_in, name="bench-signed-in"),
    *coop_urlpatterns,
]
