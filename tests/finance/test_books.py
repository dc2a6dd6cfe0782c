"""Cash banked, expenses with receipts, grants and donations, and the budget."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from finance import services
from finance.errors import LedgerError
from finance.models import BudgetLine, Expense, Income, Transaction
from finance.selectors import account_balance, budget_vs_actual, money_in_out
from tests.finance.helpers import record_cash
from tests.pdf_files import plain_pdf

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 8, 3)
PDF = plain_pdf()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def expense(actor=None, **kwargs):
    fields = {
        "account_code": "activity_costs",
        "supplier": "Lanes Bowling",
        "description": "Two lanes for the bowling trip",
        "spent_on": DAY,
        "amount_pence": 4250,
        "paid_with": "bank",
        "actor": actor,
    }
    return services.expense_record(**{**fields, **kwargs})


def income(actor=None, **kwargs):
    fields = {
        "account_code": "grants",
        "source": "Borough Community Fund",
        "description": "Trips for 2026",
        "received_on": DAY,
        "amount_pence": 150000,
        "paid_with": "bank",
        "actor": actor,
    }
    return services.income_record(**{**fields, **kwargs})


def test_banking_cash_moves_it_from_cash_to_the_bank(cast):
    record_cash(cast, amount_pence=1500)
    txn = services.cash_bank(amount_pence=1000, banked_on=DAY, actor=cast.finance, key="t1")
    again = services.cash_bank(amount_pence=1000, banked_on=DAY, actor=cast.finance, key="t1")
    assert txn.pk == again.pk
    assert account_balance("cash") == 500 and account_balance("bank") == 1000


def test_banking_more_cash_than_we_hold_is_refused(cast):
    record_cash(cast, amount_pence=500)
    with pytest.raises(LedgerError, match="We only hold £5 in cash, so £6 cannot have been"):
        services.cash_bank(amount_pence=600, banked_on=DAY, actor=cast.finance)


def test_an_expense_with_a_receipt_is_posted(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    receipt = SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")
    spent = expense(cast.finance, receipt=receipt, key="e1")
    assert expense(cast.finance, key="e1").pk == spent.pk
    assert spent.receipt.name.endswith(".pdf") and spent.receipt.read() == PDF
    assert [
        (e.account.code, e.debit_pence, e.credit_pence) for e in spent.transaction.entries.all()
    ] == [
        ("activity_costs", 4250, 0),
        ("bank", 0, 4250),
    ]
    assert Expense.objects.count() == 1 and Transaction.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("receipt.exe", PDF, "must be a PDF, JPG or PNG file"),
        ("receipt.pdf", PNG, "not really a PDF file"),
        ("receipt.png", b"", "The receipt file is empty"),
        ("big.pdf", PDF + b"0" * (5 * 1024 * 1024), "too big. It must be under 5 MB"),
    ],
)
def test_a_bad_receipt_is_refused_in_plain_words(cast, name, content, message):
    with pytest.raises(LedgerError, match=message):
        expense(cast.finance, receipt=SimpleUploadedFile(name, content))
    assert not Transaction.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"account_code": "bank"}, "what kind of spending"),
        ({"supplier": " "}, "who was paid"),
        ({"amount_pence": 0}, "more than £0"),
        ({"paid_with": "card"}, "from the bank or in cash"),
    ],
)
def test_bad_expense_input_is_explained(cast, change, message):
    with pytest.raises(LedgerError, match=message):
        expense(cast.finance, **change)


def test_a_grant_is_posted_as_income(cast):
    grant = income(cast.finance, key="g1")
    again = income(cast.finance, key="g1")
    assert grant.pk == again.pk and Income.objects.count() == 1
    assert account_balance("grants") == 150000 and account_balance("bank") == 150000


def test_kept_fees_cannot_be_typed_in_as_income(cast):
    with pytest.raises(LedgerError, match="what kind of money"):
        income(
            cast.finance,
            account_code="fees_kept",
            source="x",
            description="y",
            amount_pence=100,
            paid_with="cash",
        )


def test_budget_against_actual_per_quarter(cast):
    services.budget_set(
        year=2026, account_code="activity_costs", quarters=[0, 0, 4000, 0], actor=cast.finance
    )
    services.budget_set(
        year=2026, account_code="training", quarters=[0, 0, 10000, 0], actor=cast.finance
    )
    services.budget_set(
        year=2026, account_code="administration", quarters=[0, 0, 1000, 0], actor=cast.finance
    )
    expense(cast.finance, amount_pence=4250)  # activity costs: within a tenth
    expense(cast.finance, account_code="administration", amount_pence=2000)
    rows = {row.account.code: row for row in budget_vs_actual(year=2026, quarter=3)}
    assert (rows["activity_costs"].budget_pence, rows["activity_costs"].actual_pence) == (
        4000,
        4250,
    )
    assert rows["activity_costs"].verdict == "on track"
    assert rows["administration"].verdict == "more than planned"
    assert rows["training"].verdict == "less than planned"
    assert budget_vs_actual(year=2026, quarter=2) == []


def test_budget_against_actual_for_the_year_so_far_adds_up_the_quarters(cast):
    services.budget_set(
        year=2026, account_code="training", quarters=[1000, 2000, 3000, 4000], actor=cast.finance
    )
    expense(cast.finance, account_code="training", amount_pence=500, spent_on=dt.date(2026, 2, 1))
    expense(cast.finance, account_code="training", amount_pence=700)  # in quarter 3
    [row] = budget_vs_actual(year=2026, quarter=3, from_quarter=1)
    assert (row.account.code, row.budget_pence, row.actual_pence) == ("training", 6000, 1200)
    [row] = budget_vs_actual(year=2026, quarter=2, from_quarter=2)
    assert (row.budget_pence, row.actual_pence) == (2000, 0)


def test_setting_the_same_budget_twice_changes_nothing(cast):
    first = services.budget_set(
        year=2026, account_code="training", quarters=[1, 2, 3, 4], actor=cast.finance
    )
    versions = first.history.count()
    second = services.budget_set(
        year=2026, account_code="training", quarters=[1, 2, 3, 4], actor=cast.finance
    )
    assert first.pk == second.pk and BudgetLine.objects.get().history.count() == versions
    with pytest.raises(LedgerError, match="four amounts"):
        services.budget_set(
            year=2026, account_code="training", quarters=[1, 2, 3], actor=cast.finance
        )
    with pytest.raises(LedgerError, match="income or a spending account"):
        services.budget_set(
            year=2026, account_code="bank", quarters=[1, 2, 3, 4], actor=cast.finance
        )


def test_budget_and_money_in_out_read_the_ledger_in_a_few_queries(
    cast, django_assert_max_num_queries
):
    expense(cast.finance, amount_pence=4250)
    expense(cast.finance, account_code="administration", amount_pence=2000)
    income(cast.finance, source="Town Trust", description="Trips fund", amount_pence=50000)
    with django_assert_max_num_queries(3):
        rows = {
            row.account.code: row.actual_pence for row in budget_vs_actual(year=2026, quarter=3)
        }
    assert rows == {"activity_costs": 4250, "administration": 2000, "grants": 50000}
    with django_assert_max_num_queries(2):
        flows = money_in_out(start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30))
    assert flows == {"income_pence": 50000, "spending_pence": 6250}
