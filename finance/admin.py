"""Read-only views of the money records for staff housekeeping: every change to a payment
or refund goes through finance.services, never through a form here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from coop.admin import ReadOnlyAdmin
from finance.models import (
    Account,
    Entry,
    Payment,
    ReconciliationIssue,
    Refund,
    ReportJob,
    StripeBalanceTransaction,
    StripeEvent,
    Transaction,
)


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


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind"]


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ["date", "description", "reference", "key", "created_by"]
    search_fields = ["description", "reference", "key"]
    inlines = [EntryInline]


@admin.register(ReconciliationIssue)
class ReconciliationIssueAdmin(ReadOnlyAdmin):
    list_display = ["occurred_on", "kind", "description", "resolved_at"]
    list_filter = ["kind"]


@admin.register(StripeBalanceTransaction)
class StripeBalanceTransactionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "type", "stripe_id", "amount_pence", "fee_pence"]
    search_fields = ["stripe_id", "source_id"]


@admin.register(ReportJob)
class ReportJobAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "quarter", "version", "file_format", "status", "requested_by"]
    list_filter = ["status", "version", "file_format"]
