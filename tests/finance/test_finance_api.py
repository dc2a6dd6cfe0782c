"""GET /api/v1/finance/ledger/ and /api/v1/finance/reconciliation/."""

import pytest
from django.urls import reverse
from django.utils import timezone

from finance import services
from tests.conftest import ROLES
from tests.finance.helpers import paid_card, record_cash
from tests.finance.test_reconciliation import charge_outside_coop

pytestmark = pytest.mark.django_db

ENDPOINTS = ["finance_api:ledger", "finance_api:reconciliation"]


def today_period():
    day = timezone.localdate().isoformat()
    return {"from": day, "to": day}


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize("role", [r for r in ROLES if r != "finance"] + ["outsider"])
def test_everyone_but_finance_is_refused(client, cast, name, role):
    client.force_login(cast.by_role(role))
    response = client.get(reverse(name), today_period())
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the finance officer can see this."


@pytest.mark.parametrize("name", ENDPOINTS)
def test_signed_out_is_refused(client, name):
    assert client.get(reverse(name), today_period()).status_code in (401, 403)


def test_the_ledger_lists_entries_that_balance(client, cast):
    record_cash(cast, amount_pence=500)
    client.force_login(cast.finance)
    data = client.get(reverse("finance_api:ledger"), today_period()).json()
    assert [(e["account"], e["debit_pence"], e["credit_pence"]) for e in data["entries"]] == [
        ("cash", 500, 0),
        ("fees_held", 0, 500),
    ]
    assert data["totals"] == {"debit_pence": 500, "credit_pence": 500}
    cash = client.get(reverse("finance_api:ledger"), {**today_period(), "account": "cash"}).json()
    assert len(cash["entries"]) == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-07-01"}, "Please give the period as ?from=2026-07-01&to=2026-09-30."),
        ({"from": "July", "to": "2026-09-30"}, "Please give the first day like 2026-07-01."),
        ({"from": "2026-09-30", "to": "2026-07-01"}, "The start date must be on or before"),
        ({"from": "2026-07-01", "to": "2026-09-30", "account": "piggy"}, "no account called"),
    ],
)
def test_bad_queries_are_explained(client, cast, query, message):
    client.force_login(cast.finance)
    response = client.get(reverse("finance_api:ledger"), query)
    assert response.status_code == 400 and message in response.json()["detail"]


def test_reconciliation_gives_matched_unmatched_and_totals(client, cast):
    paid_card(cast, amount_pence=500)
    charge_outside_coop(900)
    services.stripe_balance_fetch(start=timezone.localdate(), end=timezone.localdate(), actor=None)
    client.force_login(cast.finance)
    data = client.get(reverse("finance_api:reconciliation"), today_period()).json()
    assert data["matched"]["charges"] == 1 and data["totals"]["charges"] == 500
    [issue] = data["unmatched"]
    assert issue["kind"] == "not_ours" and issue["stripe_pence"] == 900
    assert data["all_matched"] is False
