"""One shape for every error the API gives, and the one place that makes it.

API views raise; they never build an error response themselves:
- a `CoopError` from a service or a view: its message and code, with 400 (the request
  breaks a rule), 403 (`NotAllowed`) or 409 (`InvalidTransition`: not possible now);
- DRF's own errors (a bad body or filter, not signed in, not found, a wrong method,
  too many tries) and Django's `Http404` / `PermissionDenied`: the same shape, DRF's status.

Anything that never reaches a DRF view (an unknown address under /api/, a crash) gets the
same shape from `json_error`, which coop/views.py answers with for paths under /api/."""

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from coop.errors import CoopError, InvalidTransition, NotAllowed

API_PREFIX = "/api/"

# DRF's own words where they are not plain enough; a message a view chose is kept.
PLAIN_WORDS = {
    "not_authenticated": "Please sign in, or send your API token.",
    "permission_denied": "You are not allowed to do this.",
    "not_found": "We could not find that. It may not exist, or you may not see it.",
}
# DRF's words that come with a code shared by other words (pagination's 404 is
# "not_found"): reworded by the words themselves.
PLAIN_FOR_DRF_WORDS = {
    "Invalid page.": "There is no page with that number. Please start from page 1.",
}
# A session's CSRF check failed: from DRF (SessionAuthentication) or Django (the
# CSRF_FAILURE_VIEW, coop/views.py), in the same words.
CSRF_FAILED = "This request could not be checked. Please sign in again, or send your API token."
CSRF_CODE = "csrf_failed"
# One code for "not allowed", whether a service or a DRF permission said it.
CODES = {"permission_denied": NotAllowed.code}
INVALID = "invalid"


class ErrorSerializer(serializers.Serializer):
    """Every API error: plain words for people, a short code for programs."""

    detail = serializers.CharField(help_text="What went wrong, in plain words.")
    code = serializers.CharField(help_text='A short word for programs, e.g. "booking_closed".')
    field = serializers.CharField(
        required=False,
        help_text="For a request that is not right: the field with the first problem.",
    )
    errors = serializers.DictField(
        required=False,
        help_text="For a request that is not right: every problem, by field.",
    )


def error_body(detail: str, code: str, **more: Any) -> dict[str, Any]:
    return {"detail": str(detail), "code": str(code), **more}


def coop_error_status(error: CoopError) -> int:
    if isinstance(error, NotAllowed):
        return status.HTTP_403_FORBIDDEN
    if isinstance(error, InvalidTransition):
        return status.HTTP_409_CONFLICT
    return status.HTTP_400_BAD_REQUEST


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER. None for anything else: Django answers it as a server
    error (JSON under /api/). The error is JSON whatever the view answers otherwise (the
    docs page's HTML, the schema's YAML)."""
    if isinstance(exc, CoopError):
        set_rollback()
        response = Response(error_body(exc.message, exc.code), status=coop_error_status(exc))
        return _as_json(response, context)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # Django's words name the model ("No Booking matches…")
    response = drf_exception_handler(exc, context)  # sets the status, headers and rollback
    if response is None:
        return None
    response.data = _api_exception_body(exc)
    return _as_json(response, context)


def _as_json(response: Response, context: dict[str, Any]) -> Response:
    # The view renders with the request's accepted renderer (APIView.finalize_response).
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response


def _api_exception_body(exc: Exception) -> dict[str, Any]:
    if isinstance(exc, exceptions.ValidationError):
        field, message = _first_problem(exc.detail)
        more: dict[str, Any] = {}
        if field:
            more["field"] = field
        if isinstance(exc.detail, dict):
            more["errors"] = exc.detail
        return error_body(message, INVALID, **more)
    detail = getattr(exc, "detail", "")
    drf_code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
    if not isinstance(detail, str):  # a list or dict given to a non-validation error
        detail = _first_problem(detail)[1]
    elif isinstance(exc, exceptions.PermissionDenied) and detail.startswith("CSRF Failed"):
        return error_body(CSRF_FAILED, CSRF_CODE)
    elif detail == str(getattr(exc, "default_detail", "")) and drf_code in PLAIN_WORDS:
        detail = PLAIN_WORDS[drf_code]
    elif detail in PLAIN_FOR_DRF_WORDS:
        detail = PLAIN_FOR_DRF_WORDS[detail]
    return error_body(detail, CODES.get(drf_code, drf_code))


def _first_problem(detail: Any, path: str = "") -> tuple[str, str]:
    """The field (dotted, for nested bodies; "" for the request as a whole) and the words
    of the first problem DRF found."""
    if isinstance(detail, dict) and detail:
        name, problems = next(iter(detail.items()))
        if name != api_settings.NON_FIELD_ERRORS_KEY:
            path = f"{path}.{name}" if path else str(name)
        return _first_problem(problems, path)
    if isinstance(detail, list) and detail:
        return _first_problem(detail[0], path)
    if isinstance(detail, str) and detail:
        return path, detail
    return path, "The request is not right."


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(http_status: int, detail: str, code: str) -> JsonResponse:
    """The error shape outside DRF: for Django's 400, 403, 404 and 500 under /api/."""
    return JsonResponse(error_body(detail, code), status=http_status)
