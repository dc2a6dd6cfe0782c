"""Board terms, partner seats, the helper's hours and training in the admin, to look at:
they change through the board's pages."""

from django.contrib import admin

from board.terms.models import BoardMembership
from board.terms.people import BoardTraining, ChairsHelper, HelperHours, PartnerSeat
from coop.admin import ReadOnlyAdmin


@admin.register(BoardMembership)
class BoardMembershipAdmin(ReadOnlyAdmin):
    list_display = ["member", "role", "writes_papers", "starts_on", "ends_on", "election"]
    list_filter = ["role", "writes_papers"]


@admin.register(PartnerSeat)
class PartnerSeatAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "person_name", "has_vote", "starts_on", "ends_on"]
    list_filter = ["has_vote"]


@admin.register(ChairsHelper)
class ChairsHelperAdmin(ReadOnlyAdmin):
    list_display = ["name", "hourly_rate_pence", "starts_on", "ends_on"]


@admin.register(HelperHours)
class HelperHoursAdmin(ReadOnlyAdmin):
    list_display = ["helper", "worked_on", "minutes", "pay_pence", "what_for"]


@admin.register(BoardTraining)
class BoardTrainingAdmin(ReadOnlyAdmin):
    list_display = ["what", "held_on", "who"]
