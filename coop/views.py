from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views import csrf, defaults

from coop.api.errors import CSRF_CODE, CSRF_FAILED, is_api, json_error

# Under /api/ every answer is JSON in the API's error shape, even where no API view ran
# (an address that does not exist, a crash): a client never has to read an HTML page.


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return json_error(400, "The request is not right.", "bad_request")
    return defaults.bad_request(request, exception)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return json_error(403, "You are not allowed to do this.", "not_allowed")
    return render(request, "errors/403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form or session out of date."""
    if is_api(request):
        return json_error(403, CSRF_FAILED, CSRF_CODE)
    return csrf.csrf_failure(request, reason)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return json_error(404, "There is nothing at this address.", "not_found")
    return render(request, "errors/404.html", status=404)


# The page is whole in itself (no stylesheet to fail along with the rest); its one inline
# style holds nothing anyone typed. Scripts stay refused.
@csp_update({"style-src": [UNSAFE_INLINE]})
def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return json_error(
            500, "Something went wrong on our side. Please try again later.", "server_error"
        )
    # No context processors: whatever broke (the database, say) must not break this too.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: the site's picture."""
    return HttpResponsePermanentRedirect(static("coop/pictures/people.svg"))
