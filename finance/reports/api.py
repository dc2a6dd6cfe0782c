"""The quarterly report through the API: board members and the finance officer only."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from finance.api.permissions import SeesReport
from finance.quarters import Quarter
from finance.reports.figures import quarter_figures
from finance.reports.render import CONTENT_TYPES, check_version_and_format, render_report

__all__ = ["QuarterlyReportView"]


class QuarterlyReportView(APIView):
    permission_classes = [*APIView.permission_classes, SeesReport]

    def perform_content_negotiation(self, request, force=False):
        # ?format= names the report's file format here, not one of DRF's renderers.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        description="The quarterly report for a quarter such as 2026-Q3 (or `latest`, the "
        "quarter we are in), as `format` pdf, html or csv, `version` easy-read or standard.",
        parameters=[
            OpenApiParameter("version", str, enum=["easy-read", "standard"]),
            OpenApiParameter("format", str, enum=["pdf", "html", "csv"]),
        ],
        responses={
            (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description="The report file")
            for media_type in CONTENT_TYPES.values()
        },
    )
    def get(self, request: Request, period: str) -> HttpResponse | Response:
        version = request.query_params.get("version", "standard")
        fmt = request.query_params.get("format", "pdf")
        quarter = Quarter.current() if period == "latest" else Quarter.parse(period)
        check_version_and_format(version, fmt)  # before counting anything
        content = render_report(
            quarter_figures(quarter), version=version, fmt=fmt, request=request._request
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        if fmt != "html":
            name = f"quarterly-report-{quarter.label}-{version}.{fmt}"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
