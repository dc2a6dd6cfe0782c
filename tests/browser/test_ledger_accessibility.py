"""axe-core over the finance officer's reconciliation, books, budget and ledger pages, with rows
in them and in their error states."""

import pytest
from django.urls import reverse
from django.utils import timezone

from finance import services
from tests.browser.conftest import axe_violations, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast
from tests.finance.helpers import paid_card, record_cash, spent_on_bowling
from tests.finance.test_reconciliation import charge_outside_coop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_page_problems(page) -> dict:
    """axe on the page the browser is on now (after a POST), and its error title."""
    problems = {}
    if violations := axe_violations(page):
        problems["axe"] = violations
    if not page.title().startswith("Error: "):
        problems["title"] = page.title()
    return problems


def test_the_reconciliation_page_passes_axe_with_issues_and_errors(page, live_server, client):
    cast = make_cast()
    paid_card(cast)
    charge_outside_coop(900)
    today = timezone.localdate()
    services.stripe_balance_fetch(start=today, end=today, actor=None)
    services.reconciliation_match(start=today, end=today, actor=None)

    sign_in(page, live_server, client, cast.finance)
    url = live_server.url + reverse("finance-reconciliation")
    period = f"?from={today.isoformat()}&to={today.isoformat()}"
    failures = {}
    if result := check_page(page, url + period):
        failures["issues"] = result
    if result := check_page(page, url + "?from=soon&to=2026-01-01", expect_error_title=True):
        failures["bad-period"] = result
    page.goto(url + period)
    submit(page, "Resolve with this note")
    if result := current_page_problems(page):
        failures["note-missing"] = result
    assert failures == {}


def test_the_books_and_budget_pages_pass_axe_with_rows_and_errors(
    page, live_server, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    cast = make_cast()
    record_cash(cast, amount_pence=1500)
    services.cash_bank(amount_pence=1000, banked_on=timezone.localdate(), actor=cast.finance)
    spent_on_bowling(cast)
    services.budget_set(
        year=timezone.localdate().year,
        account_code="activity_costs",
        quarters=[4000, 4000, 4000, 4000],
        actor=cast.finance,
    )

    sign_in(page, live_server, client, cast.finance)
    failures = {}
    for name in ["finance-books", "finance-budget", "finance-home", "finance-ledger"]:
        if result := check_page(page, live_server.url + reverse(name)):
            failures[name] = result
    # A branch's budget, and everyone's added up (to read only, no form).
    for whose in ("branch-northfield", "together"):
        url = f"{reverse('finance-budget')}?for={whose}"
        if result := check_page(page, live_server.url + url):
            failures[f"budget-{whose}"] = result
    bad_period = reverse("finance-ledger") + "?start=soon&end=2026-01-01"
    if result := check_page(page, live_server.url + bad_period, expect_error_title=True):
        failures["finance-ledger-error"] = result
    for name, button in [
        ("finance-expense-new", "Record the spending"),
        ("finance-income-new", "Record the money received"),
        ("finance-cash-bank", "Record the cash paid in"),
    ]:
        if result := check_page(page, live_server.url + reverse(name)):
            failures[name] = result
        submit(page, button)
        if result := current_page_problems(page):
            failures[f"{name}-error"] = result
    page.goto(live_server.url + reverse("finance-budget"))
    page.fill("#id_training_q1", "lots")
    submit(page, "Save the budget")
    if result := current_page_problems(page):
        failures["budget-error"] = result
    assert failures == {}


def test_the_quarterly_report_page_passes_axe_in_both_versions(page, live_server, client):
    cast = make_cast()
    record_cash(cast, amount_pence=500)
    sign_in(page, live_server, client, cast.board)
    failures = {}
    for version in ("easy-read", "standard"):
        url = live_server.url + reverse("finance_api:quarterly-report", args=["latest"])
        if result := check_page(page, f"{url}?version={version}&format=html"):
            failures[version] = result
    if result := check_page(page, live_server.url + reverse("board-home")):
        failures["board-home"] = result
    assert failures == {}
