from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from events.models import Activity, Booking


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "starts_at", "branch", "status", "places", "fee_pence"]
    list_filter = ["status", "branch"]
    # Status, fees and places change through services (audited, locked), not here.
    readonly_fields = ["status", "cancelled_reason"]


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "member", "status", "fee_pence", "fee_status"]
    list_filter = ["status", "fee_status"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # money follows bookings: only services change them
