"""The OpenAPI schema tells every answer an operation can give, errors included.

Views document their own successes (and, where they want, the words for an error); this
adds the errors every operation of its kind can give, all in the one error shape of
coop/api/errors.py, so a client can rely on the schema: tests/api/test_schema_fuzz.py
checks the live server against it."""

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from coop.api.errors import ErrorSerializer

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
WORDS = {
    "400": "The request is not right, or a rule of the co-operative stops it.",
    "403": "Not signed in, or your role may not do this.",
    "404": "No such thing that you can see.",
    "409": "Not possible now: it is not in a state where this can happen.",
    "415": "The body is not in a format this takes.",
}
# For a view that wants to say more than the schema adds by itself.
BAD_REQUEST = OpenApiResponse(ErrorSerializer, description="The request or a rule stopped it.")
REFUSED = OpenApiResponse(ErrorSerializer, description="Your role may not do this.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such thing that you can see.")
CONFLICT = OpenApiResponse(ErrorSerializer, description=WORDS["409"])


class CoopAutoSchema(AutoSchema):
    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation["responses"]
        declared = {code for code in responses if code.startswith(("4", "5"))}
        for code in sorted(declared | self._possible_errors(operation)):
            words = responses.get(code, {}).get("description") or WORDS.get(code, "")
            responses[code] = self._get_response_for_code(
                OpenApiResponse(ErrorSerializer, description=words), code, ["application/json"]
            )
        return operation

    def _possible_errors(self, operation: dict[str, Any]) -> set[str]:
        parameters = operation.get("parameters", [])
        query = {param["name"] for param in parameters if param["in"] == "query"}
        is_write = self.method in WRITES
        # Anyone may call a view with no permission to check (the token view), but a
        # token that does not work is refused everywhere.
        guarded = any(
            not isinstance(permission, AllowAny) for permission in self.view.get_permissions()
        )
        codes = {"403"} if guarded or self.view.get_authenticators() else set()
        if is_write or query - {"page"}:
            codes.add("400")
        # A page past the last is not found, as is another member's thing.
        if any(param["in"] == "path" for param in parameters) or "page" in query:
            codes.add("404")
        if is_write and guarded:
            codes.add("409")  # every change goes through a service with its own states
        if "requestBody" in operation:
            codes.add("415")
        return codes


def shapes_may_overlap(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """A postprocessing hook: a component that is one of several shapes (as the member on
    the roll is, for organisers and for administrators) says anyOf, not oneOf. The shapes
    overlap (an administrator's has every field an organiser's has), so an answer can
    match both, and oneOf would call that wrong."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        choices = schema.get("oneOf")
        if (
            choices
            and "discriminator" not in schema
            and all("$ref" in choice for choice in choices)
        ):
            schema["anyOf"] = schema.pop("oneOf")
    return result
