"""Read-only views of the money records for staff housekeeping: every change to a payment
or refund goes through finance.services, never through a form here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from finance.models import Payment, Refund, StripeEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["created_at", "member", "reference", "method", "amount_pence", "status"]
    list_filter = ["status", "method"]
    search_fields = ["reference", "stripe_payment_intent_id", "member__last_name"]
    exclude = ["client_secret"]


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["created_at", "payment", "method", "amount_pence", "status", "external"]
    list_filter = ["status", "method", "external"]
    search_fields = ["stripe_refund_id", "payment__reference"]


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "type", "stripe_event_id", "processed_at", "error"]
    list_filter = ["type"]
    search_fields = ["stripe_event_id"]
