"""Housekeeping views of the board's records. Every change goes through the pages and their
services (audited, checked), so the admin only shows them. Each half registers its own."""

from board.elections import admin as election_admin  # noqa: F401
from board.meetings import admin as meetings_admin  # noqa: F401
from board.terms import admin as terms_admin  # noqa: F401
