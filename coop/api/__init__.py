"""Pieces every app's API shares: the one error shape and the handler that makes it
(errors.py), and the schema that documents every answer, errors included (schema.py)."""

from coop.api.errors import ErrorSerializer
from coop.api.schema import BAD_REQUEST, CONFLICT, NOT_FOUND, REFUSED

__all__ = ["BAD_REQUEST", "CONFLICT", "NOT_FOUND", "REFUSED", "ErrorSerializer"]
