"""Board terms in the admin, to look at: terms change through the board's pages."""

from django.contrib import admin

from board.terms.models import BoardMembership
from coop.admin import ReadOnlyAdmin


@admin.register(BoardMembership)
class BoardMembershipAdmin(ReadOnlyAdmin):
    list_display = ["member", "role", "writes_papers", "starts_on", "ends_on", "election"]
    list_filter = ["role", "writes_papers"]
