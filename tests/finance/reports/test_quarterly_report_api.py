"""GET /api/v1/finance/reports/<quarter>/: board members and finance only."""

import pytest
from django.urls import reverse

from events.summary import activity_summary
from finance.reports.providers import register_activity_figures
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


def url(period="2026-Q3"):
    return reverse("finance_api:quarterly-report", args=[period])


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("board", "finance")] + ["outsider"])
def test_everyone_else_is_refused(client, cast, role):
    client.force_login(cast.by_role(role))
    response = client.get(url(), {"format": "csv"})
    assert response.status_code == 403
    assert "Only the board and the finance officer" in response.json()["detail"]


def test_signed_out_is_refused(client):
    assert client.get(url()).status_code in (401, 403)


@pytest.mark.parametrize("role", ["board", "finance"])
@pytest.mark.parametrize(
    ("version", "fmt", "start", "content_type"),
    [
        ("easy-read", "pdf", b"%PDF", "application/pdf"),
        ("standard", "csv", b"section,item", "text/csv"),
        ("easy-read", "html", b"<!DOCTYPE html>", "text/html; charset=utf-8"),
    ],
)
def test_the_board_and_finance_get_each_format(
    client, cast, role, version, fmt, start, content_type
):
    client.force_login(cast.by_role(role))
    response = client.get(url(), {"version": version, "format": fmt})
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response.content.lstrip().upper().startswith(start.upper())


def test_latest_is_the_quarter_we_are_in(client, cast):
    client.force_login(cast.board)
    page = client.get(url("latest"), {"version": "easy-read", "format": "html"}).content.decode()
    assert "<h1>Our money and activities:" in page


@pytest.mark.parametrize(
    ("period", "query", "message"),
    [
        ("2026-Q9", {}, "Write it like 2026-Q3"),
        ("2026-Q3", {"version": "huge"}, "easy-read or standard"),
        ("2026-Q3", {"format": "docx"}, "pdf, html or csv"),
    ],
)
def test_bad_requests_are_explained(client, cast, period, query, message):
    client.force_login(cast.finance)
    response = client.get(url(period), query)
    assert response.status_code == 400 and message in response.json()["detail"]


@pytest.mark.parametrize(("role", "home"), [("board", "board-home"), ("finance", "finance-home")])
def test_the_home_pages_link_to_the_report_page(client, cast, role, home):
    client.force_login(cast.by_role(role))
    page = client.get(reverse(home)).content.decode()
    assert f'href="{reverse("finance-reports")}"' in page and url("latest") not in page


@pytest.fixture
def counted():
    """The activity figures as events gives them, counting each time they are asked for."""
    asked = []

    def provider(**period):
        asked.append(period)
        return activity_summary(**period)

    register_activity_figures(provider)
    yield asked
    register_activity_figures(activity_summary)


def test_a_bad_version_or_format_is_refused_before_anything_is_counted(client, cast, counted):
    client.force_login(cast.finance)
    assert client.get(url(), {"format": "docx"}).status_code == 400
    assert client.get(url(), {"version": "huge"}).status_code == 400
    assert counted == []
    assert client.get(url(), {"format": "csv"}).status_code == 200
    assert len(counted) == 1
