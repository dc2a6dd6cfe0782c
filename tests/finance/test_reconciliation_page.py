"""The reconciliation page, its buttons, and the reconcile command."""

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from finance import services
from finance.models import ReconciliationIssue
from finance.views_reconciliation import ISSUES_PER_PAGE
from tests.conftest import ROLES
from tests.finance.helpers import paid_card, paid_in_bulk
from tests.finance.test_reconciliation import charge_outside_coop

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures/stripe_payouts_2026_08.json"


def period():
    today = timezone.localdate().isoformat()
    return {"from": today, "to": today}


@pytest.mark.parametrize("role", [r for r in ROLES if r != "finance"] + ["outsider"])
def test_everyone_but_finance_is_refused(client, cast, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse("finance-reconciliation")).status_code == 403
    assert client.post(reverse("finance-reconciliation-run"), period()).status_code == 403
    issue = ReconciliationIssue.objects.create(
        key="k", kind="not_ours", occurred_on=timezone.localdate(), description="x"
    )
    url = reverse("finance-reconciliation-resolve", args=[issue.pk])
    assert client.post(url, {f"issue-{issue.pk}-note": "fine"}).status_code == 403
    assert ReconciliationIssue.objects.get().resolved_at is None


def test_signed_out_people_are_asked_to_sign_in(client):
    assert client.get(reverse("finance-reconciliation")).status_code == 302


def test_a_clean_period_says_all_matched_with_counts(client, cast):
    paid_card(cast, amount_pence=500)
    client.force_login(cast.finance)
    response = client.post(reverse("finance-reconciliation-run"), period(), follow=True)
    page = response.content.decode()
    assert "Done. Everything matches." in page
    assert "All matched." in page
    assert "<td>1</td><td>£5</td>" in page


def test_unmatched_are_listed_and_resolved_with_a_note(client, cast):
    paid_card(cast)
    charge_outside_coop(900)
    client.force_login(cast.finance)
    page = client.post(reverse("finance-reconciliation-run"), period(), follow=True)
    text = page.content.decode()
    assert "Not matched (1)" in text and "not made through coop" in text
    issue = ReconciliationIssue.objects.get()

    url = reverse("finance-reconciliation-resolve", args=[issue.pk])
    bad = client.post(url, {**period(), f"issue-{issue.pk}-note": " "})
    assert bad.status_code == 200
    assert "<title>Error: " in bad.content.decode()
    assert "Please write a note: what you found, and what you did." in bad.content.decode()
    assert ReconciliationIssue.objects.get().resolved_at is None

    done = client.post(url, {**period(), f"issue-{issue.pk}-note": "Treasurer test"}, follow=True)
    assert "The issue is resolved with your note." in done.content.decode()
    assert ReconciliationIssue.objects.get().note == "Treasurer test"


def test_a_missing_issue_is_404(client, cast):
    client.force_login(cast.finance)
    url = reverse("finance-reconciliation-resolve", args=[999])
    assert client.post(url, {"issue-999-note": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "yesterday", "to": "2026-09-30"}, "Please type the first day like 2026-07-01."),
        ({"from": "2026-09-30", "to": "2026-07-01"}, "The last day must be on or after"),
        ({"from": "2026-07-01", "to": ""}, "Please give the last day."),
    ],
)
def test_a_bad_period_is_explained(client, cast, query, message):
    client.force_login(cast.finance)
    page = client.get(reverse("finance-reconciliation"), query).content.decode()
    assert message in page and "<title>Error: " in page


def test_the_command_reports_all_matched_and_counts(cast):
    paid_card(cast, amount_pence=500)
    out = StringIO()
    day = timezone.localdate().isoformat()
    call_command("reconcile", "--from", day, "--to", day, stdout=out)
    assert "charges: 1 matched, £5 in total" in out.getvalue()
    assert "All matched." in out.getvalue()


def test_the_command_lists_what_does_not_match_from_recorded_payouts(cast):
    out = StringIO()
    call_command(
        "reconcile",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-31",
        "--payouts-file",
        str(FIXTURE),
        stdout=out,
    )
    text = out.getvalue()
    assert "payouts: 1 matched, £120 in total" in text
    assert "2 not matched:" in text and "in EUR, not pounds" in text
    assert len(json.loads(FIXTURE.read_text())["payouts"]) == 3
    # Running again changes nothing.
    call_command(
        "reconcile",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-31",
        "--payouts-file",
        str(FIXTURE),
        stdout=StringIO(),
    )
    assert ReconciliationIssue.objects.count() == 2
    august = services.reconciliation_report(start=dt.date(2026, 8, 1), end=dt.date(2026, 8, 31))
    assert august.matched["payouts"] == 1


def test_the_command_refuses_a_bad_date():
    with pytest.raises(CommandError, match="is not a date like 2026-07-01"):
        call_command("reconcile", "--from", "July", "--to", "2026-08-31")


def test_many_issues_come_a_page_at_a_time_and_a_bad_note_shows_its_page(client, cast):
    # Card payments paid in our records, not (yet) on Stripe: a quarter before its fetch.
    paid_in_bulk(cast, ISSUES_PER_PAGE + 5, method="card", description="Fee {i}")
    client.force_login(cast.finance)
    client.post(reverse("finance-reconciliation-run"), period())
    assert ReconciliationIssue.objects.count() == ISSUES_PER_PAGE + 5

    first = client.get(reverse("finance-reconciliation"), period()).content.decode()
    assert f"Not matched ({ISSUES_PER_PAGE + 5})" in first
    assert first.count("Resolve with this note") == ISSUES_PER_PAGE
    assert "Page 1 of 2." in first and "Later ones" in first
    second = client.get(reverse("finance-reconciliation"), {**period(), "page": 2})
    assert second.content.decode().count("Resolve with this note") == 5

    last = ReconciliationIssue.objects.order_by("-key").first()
    url = reverse("finance-reconciliation-resolve", args=[last.pk])
    page = client.post(url, {**period(), f"issue-{last.pk}-note": ""}).content.decode()
    assert "Page 2 of 2." in page and "<title>Error: " in page
    assert ReconciliationIssue.objects.get(pk=last.pk).resolved_at is None
