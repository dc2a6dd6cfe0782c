"""Housekeeping views of the election and meeting records. Every change goes through the pages and
their services (audited, checked), so the admin only shows them.

Ballots are not here at all, sealed or counted, nor receipt codes, nor the papers typed in:
how people voted is for the published, anonymised list after the count, not for the admin.
Who voted is listed by name, never in the order they voted."""

from django.contrib import admin

# The meetings half and the terms register their own models here.
from board.meetings import admin as meetings_admin  # noqa: F401
from board.models import (
    Candidate,
    Election,
    ElectionResult,
    Elector,
    PaperBatch,
    Voter,
)
from board.terms import admin as terms_admin  # noqa: F401
from coop.admin import ReadOnlyAdmin


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "seats", "method", "voting_open_at", "voting_close_at"]
    list_filter = ["status", "method"]
    search_fields = ["title"]


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ["member", "election", "status", "nominated_at"]
    list_filter = ["status", "election"]


@admin.register(Elector)
class ElectorAdmin(ReadOnlyAdmin):
    list_display = ["member", "election"]
    list_filter = ["election"]


@admin.register(Voter)
class VoterAdmin(ReadOnlyAdmin):
    list_display = ["member", "election", "channel"]
    list_filter = ["election", "channel"]
    # By name: the order rows were written in is the order people voted in.
    ordering = ["election", "member__last_name", "member__first_name"]
    show_full_result_count = False


@admin.register(PaperBatch)
class PaperBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "election",
        "number",
        "status",
        "papers",
        "spoilt",
        "entered_by",
        "confirmed_by",
    ]
    list_filter = ["election", "status"]
    # The papers as typed stay out of the admin, like every ballot.
    exclude = ["rankings"]


@admin.register(ElectionResult)
class ElectionResultAdmin(ReadOnlyAdmin):
    list_display = ["election", "counted_at", "seed"]
