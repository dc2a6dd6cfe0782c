"""Finance's API: the ledger and reconciliation with Stripe, for the finance officer only
(the same rule as the pages)."""

import datetime as dt
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coop.api import ErrorSerializer
from coop.dates import InRange
from coop.errors import CoopError
from finance import selectors, services
from finance.permissions import is_finance

REFUSED = OpenApiResponse(ErrorSerializer, description="Your role may not do this.")
BAD_REQUEST = OpenApiResponse(ErrorSerializer, description="The request is not right.")
ENTRY_LIMIT = 5000


def _refused() -> Response:
    return Response(
        {"detail": "Only the finance officer can see this.", "code": "not_allowed"},
        status=status.HTTP_403_FORBIDDEN,
    )


def _bad(detail: str) -> Response:
    return Response({"detail": detail, "code": "invalid"}, status=status.HTTP_400_BAD_REQUEST)


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
        return super().to_internal_value({"start": data.get("from"), "end": data.get("to")})

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["start"] > attrs["end"]:
            raise serializers.ValidationError("The start date must be on or before the end date.")
        return attrs


def _period(request: Request) -> tuple[dt.date, dt.date] | Response:
    """The period asked for, or the response to give instead: refused to anyone but the
    finance officer, 400 when the period is missing or not right."""
    if not is_finance(request.user):
        return _refused()
    if not request.query_params.get("from") or not request.query_params.get("to"):
        return _bad("Please give the period as ?from=2026-07-01&to=2026-09-30.")
    period = PeriodSerializer(data=request.query_params)
    if not period.is_valid():
        errors = period.errors
        first = next(iter(errors.values()))[0] if errors else "The period is not right."
        return _bad(str(first))
    return period.validated_data["start"], period.validated_data["end"]


class EntrySerializer(serializers.Serializer):
    transaction = serializers.IntegerField(source="transaction_id")
    date = serializers.DateField(source="transaction.date")
    description = serializers.CharField(source="transaction.description")
    reference = serializers.CharField(source="transaction.reference")
    account = serializers.CharField(source="account.code")
    debit_pence = serializers.IntegerField()
    credit_pence = serializers.IntegerField()


class LedgerView(APIView):
    @extend_schema(
        description="Ledger entries from `from` to `to` (both included), optionally for one "
        "account code; with their totals, which are equal when no account is given.",
        responses={
            200: OpenApiResponse(description="entries and totals"),
            400: BAD_REQUEST,
            403: REFUSED,
        },
    )
    def get(self, request: Request) -> Response:
        period = _period(request)
        if isinstance(period, Response):
            return period
        account = request.query_params.get("account", "")
        if account and not selectors.Account.objects.filter(code=account).exists():
            return _bad(f"There is no account called {account!r}.")
        entries = selectors.entry_list(start=period[0], end=period[1], account=account)
        rows = list(entries[: ENTRY_LIMIT + 1])
        return Response(
            {
                "entries": EntrySerializer(rows[:ENTRY_LIMIT], many=True).data,
                "more": len(rows) > ENTRY_LIMIT,
                "totals": {
                    "debit_pence": sum(row.debit_pence for row in rows[:ENTRY_LIMIT]),
                    "credit_pence": sum(row.credit_pence for row in rows[:ENTRY_LIMIT]),
                },
            }
        )


class IssueSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    kind = serializers.CharField()
    occurred_on = serializers.DateField()
    description = serializers.CharField()
    stripe_id = serializers.CharField()
    ours_pence = serializers.IntegerField(allow_null=True)
    stripe_pence = serializers.IntegerField(allow_null=True)


class ReconciliationView(APIView):
    @extend_schema(
        description="What matches Stripe from `from` to `to` (from the last fetch), and "
        "what does not. Reads only: run `manage.py reconcile` or the page's button to fetch.",
        responses={
            200: OpenApiResponse(description="matched, unmatched, totals"),
            400: BAD_REQUEST,
            403: REFUSED,
        },
    )
    def get(self, request: Request) -> Response:
        period = _period(request)
        if isinstance(period, Response):
            return period
        try:
            report = services.reconciliation_report(start=period[0], end=period[1])
        except CoopError as error:
            return _bad(error.message)
        return Response(
            {
                "matched": report.matched,
                "unmatched": IssueSerializer(report.unmatched, many=True).data,
                "totals": report.totals,
                "all_matched": report.all_matched,
            }
        )
