"""The finance officer's pages for cash banked, spending, money received and the budget."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance import services
from finance.errors import LedgerError
from finance.models import BudgetLine, Expense, Income, Transaction
from finance.selectors import account_balance
from tests.conftest import ROLES
from tests.finance.helpers import record_cash
from tests.pdf_files import plain_pdf

pytestmark = pytest.mark.django_db

PAGES = [
    "finance-books",
    "finance-cash-bank",
    "finance-expense-new",
    "finance-income-new",
    "finance-budget",
]


@pytest.mark.parametrize("name", PAGES)
def test_the_finance_officer_sees_the_page(client, cast, name):
    client.force_login(cast.finance)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", [r for r in ROLES if r != "finance"] + ["outsider"])
def test_everyone_else_is_refused(client, cast, name, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name), {}).status_code == 403


def token(client, name):
    return client.get(reverse(name)).context["form"]["token"].value()


def test_spending_with_a_receipt_is_recorded_once(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.finance)
    data = {
        "token": token(client, "finance-expense-new"),
        "account_code": "activity_costs",
        "supplier": "Lanes Bowling",
        "description": "Two lanes",
        "spent_on": "2026-08-03",
        "amount_pence": "42.50",
        "paid_with": "bank",
    }
    for _ in range(2):
        receipt = SimpleUploadedFile("receipt.pdf", plain_pdf(), content_type="application/pdf")
        response = client.post(reverse("finance-expense-new"), {**data, "receipt": receipt})
        assert response.status_code == 302
    expense = Expense.objects.get()
    assert expense.amount_pence == 4250 and expense.receipt
    page = client.get(reverse("finance-books")).content.decode()
    assert "Lanes Bowling" in page and "£42.50" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"amount_pence": "lots"}, "Please type an amount in pounds, like 5 or 5.50."),
        ({"supplier": ""}, "Please say who was paid."),
        ({"spent_on": "3rd August"}, "Please type the day like 2026-08-03."),
        ({"account_code": ""}, "Please choose what kind of spending this is."),
        ({"paid_with": ""}, "Please say if it was paid from the bank or in cash."),
        (
            {"receipt": SimpleUploadedFile("receipt.docx", b"PK\x03\x04")},
            "The receipt must be a PDF, JPG or PNG file.",
        ),
    ],
)
def test_bad_spending_input_is_explained(client, cast, change, message):
    client.force_login(cast.finance)
    data = {
        "token": "t",
        "account_code": "activity_costs",
        "supplier": "Lanes Bowling",
        "description": "Two lanes",
        "spent_on": "2026-08-03",
        "amount_pence": "42.50",
        "paid_with": "bank",
        **change,
    }
    page = client.post(reverse("finance-expense-new"), data).content.decode()
    assert message in page and "<title>Error: " in page
    assert not Expense.objects.exists()


def test_cash_banked_above_what_we_hold_is_explained(client, cast):
    record_cash(cast, amount_pence=500)
    client.force_login(cast.finance)
    data = {"token": "t1", "amount_pence": "6", "banked_on": "2026-08-03", "note": ""}
    page = client.post(reverse("finance-cash-bank"), data).content.decode()
    assert "We only hold £5 in cash, so £6 cannot have been banked." in page
    assert "<title>Error: " in page
    done = client.post(reverse("finance-cash-bank"), {**data, "amount_pence": "5"})
    assert done.status_code == 302 and account_balance("bank") == 500


def test_a_grant_is_recorded(client, cast):
    client.force_login(cast.finance)
    data = {
        "token": token(client, "finance-income-new"),
        "account_code": "grants",
        "source": "Borough Community Fund",
        "description": "Trips",
        "received_on": "2026-08-03",
        "amount_pence": "1,500",
        "paid_with": "bank",
    }
    assert client.post(reverse("finance-income-new"), data).status_code == 302
    assert Income.objects.get().amount_pence == 150000
    bad = client.post(reverse("finance-income-new"), {**data, "account_code": "fees_kept"})
    assert "Please choose one of the kinds of money listed." in bad.content.decode()
    assert Transaction.objects.count() == 1


def test_the_budget_is_saved_and_shown_against_actuals(client, cast):
    client.force_login(cast.finance)
    url = reverse("finance-budget") + "?year=2026"
    assert client.post(url, {"training_q3": "100", "administration_q1": "20.50"}).status_code == 302
    line = BudgetLine.objects.get(account__code="training")
    assert (line.year, line.q3_pence) == (2026, 10000)
    page = client.get(url).content.decode()
    assert "Quarter 3 of 2026" in page and "Less than planned" in page
    bad = client.post(url, {"training_q3": "a hundred"}).content.decode()
    assert "Please type an amount in pounds, like 5 or 5.50." in bad


def test_the_budget_is_saved_whole_or_not_at_all(client, cast, monkeypatch):
    real, calls = services.budget_set, []

    def second_call_fails(**kwargs):
        calls.append(kwargs["account_code"])
        if len(calls) == 2:
            raise LedgerError("The budget could not be saved.")
        return real(**kwargs)

    monkeypatch.setattr(services, "budget_set", second_call_fails)
    client.force_login(cast.finance)
    url = reverse("finance-budget") + "?year=2026"
    page = client.post(url, {"training_q3": "100", "administration_q1": "20.50"})
    assert page.status_code == 200 and len(calls) == 2
    assert "The budget could not be saved." in page.content.decode()
    assert not BudgetLine.objects.exists()
