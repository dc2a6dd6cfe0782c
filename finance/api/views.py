"""Finance's API: the ledger and reconciliation with Stripe, for the finance officer only
(the same rule as the pages)."""

import datetime as dt
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from coop.dates import InRange
from finance import selectors, services
from finance.api.permissions import FinanceOnly
from finance.models import Account

ENTRY_LIMIT = 5000
NON_FIELD_ERRORS_KEY = api_settings.NON_FIELD_ERRORS_KEY
PERIOD = [
    OpenApiParameter("from", OpenApiTypes.DATE, required=True, description="First day."),
    OpenApiParameter("to", OpenApiTypes.DATE, required=True, description="Last day, included."),
]


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField(
        help_text="First day (YYYY-MM-DD).",
        error_messages={"invalid": "Please give the first day like 2026-07-01."},
        validators=[InRange()],
    )
    end = serializers.DateField(
        help_text="Last day (YYYY-MM-DD), included.",
        error_messages={"invalid": "Please give the last day like 2026-09-30."},
        validators=[InRange()],
    )

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not data.get("from") or not data.get("to"):
            raise serializers.ValidationError(
                {
                    NON_FIELD_ERRORS_KEY: [
                        "Please give the period as ?from=2026-07-01&to=2026-09-30."
                    ]
                }
            )
        return super().to_internal_value({"start": data.get("from"), "end": data.get("to")})

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["start"] > attrs["end"]:
            raise serializers.ValidationError("The start date must be on or before the end date.")
        return attrs


def _period(request: Request) -> tuple[dt.date, dt.date]:
    """The period asked for."""
    period = PeriodSerializer(data=request.query_params)
    period.is_valid(raise_exception=True)
    return period.validated_data["start"], period.validated_data["end"]


class EntrySerializer(serializers.Serializer):
    transaction = serializers.IntegerField(source="transaction_id")
    date = serializers.DateField(source="transaction.date")
    description = serializers.CharField(source="transaction.description")
    reference = serializers.CharField(source="transaction.reference")
    account = serializers.CharField(source="account.code")
    debit_pence = serializers.IntegerField()
    credit_pence = serializers.IntegerField()


class TotalsSerializer(serializers.Serializer):
    debit_pence = serializers.IntegerField()
    credit_pence = serializers.IntegerField()


class LedgerSerializer(serializers.Serializer):
    entries = EntrySerializer(many=True)
    more = serializers.BooleanField(help_text=f"More than {ENTRY_LIMIT} entries: ask less.")
    totals = TotalsSerializer()


class AccountFilterSerializer(serializers.Serializer):
    account = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="An account code."
    )

    def validate_account(self, code: str) -> str:
        if code and not Account.objects.filter(code=code).exists():
            raise serializers.ValidationError(f"There is no account called {code!r}.")
        return code


class LedgerView(APIView):
    permission_classes = [*APIView.permission_classes, FinanceOnly]

    @extend_schema(
        description="Ledger entries from `from` to `to` (both included), optionally for one "
        "account code; with their totals, which are equal when no account is given.",
        parameters=[*PERIOD, AccountFilterSerializer],
        responses={200: LedgerSerializer},
    )
    def get(self, request: Request) -> Response:
        period = _period(request)
        filters = AccountFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        account = filters.validated_data["account"]
        entries = selectors.entry_list(start=period[0], end=period[1], account=account)
        rows = list(entries[: ENTRY_LIMIT + 1])
        return Response(
            LedgerSerializer(
                {
                    "entries": rows[:ENTRY_LIMIT],
                    "more": len(rows) > ENTRY_LIMIT,
                    "totals": {
                        "debit_pence": sum(row.debit_pence for row in rows[:ENTRY_LIMIT]),
                        "credit_pence": sum(row.credit_pence for row in rows[:ENTRY_LIMIT]),
                    },
                }
            ).data
        )


class IssueSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    kind = serializers.CharField()
    occurred_on = serializers.DateField()
    description = serializers.CharField()
    stripe_id = serializers.CharField()
    ours_pence = serializers.IntegerField(allow_null=True)
    stripe_pence = serializers.IntegerField(allow_null=True)


class ReconciliationSerializer(serializers.Serializer):
    matched = serializers.DictField(
        child=serializers.IntegerField(), help_text="How many of each kind matched."
    )
    unmatched = IssueSerializer(many=True)
    totals = serializers.DictField(
        child=serializers.IntegerField(), help_text="The pence of each kind that matched."
    )
    all_matched = serializers.BooleanField()


class ReconciliationView(APIView):
    permission_classes = [*APIView.permission_classes, FinanceOnly]

    @extend_schema(
        description="What matches Stripe from `from` to `to` (from the last fetch), and "
        "what does not. Reads only: run `manage.py reconcile` or the page's button to fetch.",
        parameters=PERIOD,
        responses={200: ReconciliationSerializer},
    )
    def get(self, request: Request) -> Response:
        period = _period(request)
        report = services.reconciliation_report(start=period[0], end=period[1])
        return Response(ReconciliationSerializer(report).data)
