"""coop's URLs plus /bench/floor/, a trivial view: the most our stack serves on this machine."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from coop.urls import handler403, handler404, handler500
from coop.urls import urlpatterns as coop_urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *coop_urlpatterns]
