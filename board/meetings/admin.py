"""Board meetings in the admin, to look at: every change goes through the meeting pages and
their services (audited, checked)."""

from django.contrib import admin

from board.meetings.models import Action, Attendance, Meeting, PackDelivery, SittingFee
from coop.admin import ReadOnlyAdmin


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "starts_at", "status", "papers_sent_at", "minutes_approved_at"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "member", "status", "recorded_at"]
    list_filter = ["status"]


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["what", "owner", "due_on", "done_at", "meeting"]


@admin.register(SittingFee)
class SittingFeeAdmin(ReadOnlyAdmin):
    list_display = ["member", "meeting", "amount_pence", "status", "paid_at", "method"]
    list_filter = ["status"]


@admin.register(PackDelivery)
class PackDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "member", "way", "version", "status", "tries"]
    list_filter = ["way", "status"]
