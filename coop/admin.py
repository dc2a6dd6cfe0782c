from django.contrib import admin

from coop.models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record shown to staff and changed by nobody here: every change goes through the
    pages and their services (audited, checked)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log is evidence: nobody edits or deletes it."""

    list_display = ["created_at", "actor", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["action", "target_repr"]
