"""Django's CommonMiddleware, with one change for the API."""

from django.http import HttpRequest, HttpResponse
from django.middleware import common

from coop.api.errors import is_api, json_error


class CommonMiddleware(common.CommonMiddleware):
    """Under /api/ an address without its final slash is not redirected (Django's 301
    is an HTML page the schema does not list, and a client following it loses a POST's
    body): it is a 404 in the API's error shape that names the address to use. Pages
    outside /api/ are redirected as before."""

    def should_redirect_with_slash(self, request: HttpRequest) -> bool:
        return not is_api(request) and super().should_redirect_with_slash(request)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if (
            response.status_code == 404
            and is_api(request)
            and super().should_redirect_with_slash(request)
        ):
            response = json_error(
                404,
                f"There is nothing at this address. Did you mean {request.path}/ "
                "(with / at the end)?",
                "not_found",
            )
        return super().process_response(request, response)
