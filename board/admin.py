"""Housekeeping views of the election records. Every change goes through the pages and
their services (audited, checked), so the admin only shows them; ballots above all."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from board.models import (
    Ballot,
    BoardMembership,
    Candidate,
    Election,
    ElectionResult,
    Elector,
    PaperBatch,
    Voter,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["receipt", "election", "ranking", "paper_batch"]
    list_filter = ["election"]
    ordering = ["election", "receipt"]


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


@admin.register(ElectionResult)
class ElectionResultAdmin(ReadOnlyAdmin):
    list_display = ["election", "counted_at", "seed"]


@admin.register(BoardMembership)
class BoardMembershipAdmin(ReadOnlyAdmin):
    list_display = ["member", "role", "starts_on", "ends_on", "election"]
    list_filter = ["role"]
