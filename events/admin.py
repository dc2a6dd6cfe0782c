from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from coop.admin import ReadOnlyAdmin
from events.models import Activity, Booking, CostLine, GroupMessage, MessageTemplate, SupportBooking
from events.services.group_messages import template_advice


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "starts_at", "branch", "status", "places", "fee_pence"]
    list_filter = ["status", "branch"]
    # Status, and once it exists its times, fees and places, change through services
    # (audited, locked, and the transport moved with the times: activity_update), not here.
    readonly_fields = ["status", "cancelled_reason"]
    through_services = ["starts_at", "ends_at", "places", "fee_pence"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, *self.through_services] if obj is not None else fields


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "member", "status", "fee_pence", "fee_status"]
    list_filter = ["status", "fee_status"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # money follows bookings: only services change them


@admin.register(MessageTemplate)
class MessageTemplateAdmin(SimpleHistoryAdmin):
    """Administrators change the saved words organisers write to a group with. Places we
    cannot fill are refused; the easy-read rules are advice, shown after saving."""

    list_display = ["name", "subject", "active"]
    list_filter = ["active"]
    fields = ["name", "slug", "description", "subject", "lines", "active", "easy_read_advice"]
    readonly_fields = ["easy_read_advice"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="Easy-read advice")
    def easy_read_advice(self, obj: MessageTemplate | None) -> str:
        if obj is None or not obj.pk:
            return "Shown after saving."
        problems = template_advice(obj)
        if not problems:
            return "Nothing to change: the words follow the easy-read rules we can check."
        return format_html_join(
            mark_safe("<br>"), "{}", ((problem.message,) for problem in problems)
        )

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        for problem in template_advice(obj):
            messages.warning(request, f"Easy read: {problem.message}")


@admin.register(GroupMessage)
class GroupMessageAdmin(ReadOnlyAdmin):
    """What organisers wrote to groups: a record, changed by nobody."""

    list_display = ["subject", "group", "activity", "branch", "sent_by", "sent_at"]
    list_filter = ["group"]


@admin.register(SupportBooking, CostLine)
class SupportCostAdmin(ReadOnlyAdmin):
    """Support workers booked and activity costs: money follows them, so only the
    organiser's pages (and their services) change them."""
