"""ledger_post, ledger_reverse and quarter_close, and the database's own guards."""

import datetime as dt
import importlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum

from coop.models import AuditEntry
from finance import services
from finance.chart import CHART, account_for
from finance.errors import LedgerError
from finance.models import Account, AccountDay, ClosedQuarter, Entry, Transaction, TransactionDay
from finance.selectors import account_balance, account_movement, transactions_between

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 8, 3)


def post(actor=None, lines=None, **kwargs):
    defaults = {
        "date": DAY,
        "description": "Cash banked",
        "reference": "bank:1",
        "lines": lines or [("bank", 1500, 0), ("cash", 0, 1500)],
        "actor": actor,
    }
    return services.ledger_post(**{**defaults, **kwargs})


def test_the_migration_seeds_the_chart_the_services_post_to():
    seeded = importlib.import_module("finance.migrations.0004_ledger_accounts_and_balance_trigger")
    assert {code: (name, kind) for code, name, kind in seeded.ACCOUNTS} == CHART
    assert CHART["fees_held"][1] == Account.Kind.LIABILITY
    assert CHART["fees_kept"][1] == Account.Kind.INCOME


def test_a_chart_account_missing_from_the_table_is_made_again():
    Account.objects.filter(code="training").delete()
    assert account_for("training").name == "Training"
    assert account_for("piggy_bank") is None


def test_a_balanced_posting_is_kept_with_its_entries_and_audited(cast):
    txn = post(actor=cast.finance)
    entries = [(e.account.code, e.debit_pence, e.credit_pence) for e in txn.entries.all()]
    assert entries == [("bank", 1500, 0), ("cash", 0, 1500)]
    assert txn.created_by == cast.finance
    assert account_balance("bank") == 1500 and account_balance("cash") == -1500
    assert AuditEntry.objects.filter(action="ledger.posted", target_id=str(txn.pk)).exists()


def test_posting_the_same_key_twice_posts_once():
    first = post(key="banking:7")
    second = post(key="banking:7")
    assert first.pk == second.pk
    assert Transaction.objects.count() == 1 and Entry.objects.count() == 2


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([("bank", 1500, 0), ("cash", 0, 1400)], r"debits \(1500p\) and the credits \(1400p\)"),
        ([("bank", 1500, 0)], "at least two lines"),
        ([("bank", 1500, 1500), ("cash", 0, 0)], "either a debit or a credit"),
        ([("bank", -5, 0), ("cash", 0, -5)], "whole numbers of pence"),
        ([("bank", 1.5, 0), ("cash", 0, 1.5)], "whole numbers of pence"),
        ([("piggy_bank", 100, 0), ("cash", 0, 100)], "no account called 'piggy_bank'"),
    ],
)
def test_bad_lines_are_refused_in_plain_words(lines, message):
    with pytest.raises(LedgerError, match=message):
        post(lines=lines)
    assert Transaction.objects.count() == 0


def test_posting_into_a_closed_quarter_is_refused(cast):
    services.quarter_close(year=2026, quarter=3, actor=cast.finance, today=dt.date(2026, 10, 2))
    with pytest.raises(LedgerError, match="2026 quarter 3 is closed"):
        post()
    post(date=dt.date(2026, 10, 1))  # the next quarter is open


def test_a_quarter_cannot_close_before_it_ends_and_closing_twice_is_safe(cast):
    with pytest.raises(LedgerError, match="has not ended yet"):
        services.quarter_close(year=2026, quarter=3, actor=cast.finance, today=DAY)
    with pytest.raises(LedgerError, match="1, 2, 3 or 4"):
        services.quarter_close(year=2026, quarter=5, actor=cast.finance, today=DAY)
    first = services.quarter_close(year=2026, quarter=2, actor=cast.finance, today=DAY)
    second = services.quarter_close(year=2026, quarter=2, actor=cast.finance, today=DAY)
    assert first.pk == second.pk and ClosedQuarter.objects.count() == 1


def test_a_reversal_posts_the_opposite_once(cast):
    txn = post()
    reversal = services.ledger_reverse(txn=txn, actor=cast.finance)
    again = services.ledger_reverse(txn=txn, actor=cast.finance)
    assert reversal.pk == again.pk and reversal.reverses == txn
    lines = [(e.account.code, e.debit_pence, e.credit_pence) for e in reversal.entries.all()]
    assert lines == [("bank", 0, 1500), ("cash", 1500, 0)]
    assert account_balance("bank") == 0 and account_balance("cash") == 0
    with pytest.raises(LedgerError, match="already a reversal"):
        services.ledger_reverse(txn=reversal, actor=cast.finance)


def _check_deferred_now() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_the_database_refuses_an_unbalanced_transaction_written_past_the_service():
    bank, cash = account_for("bank"), account_for("cash")
    with pytest.raises(IntegrityError, match="out of balance by 100 pence"):
        with transaction.atomic():
            txn = Transaction.objects.create(date=DAY, description="Sneaked in")
            Entry.objects.create(transaction=txn, account=bank, debit_pence=600)
            Entry.objects.create(transaction=txn, account=cash, credit_pence=500)
            _check_deferred_now()
    assert Transaction.objects.count() == 0


def test_the_database_accepts_a_balanced_transaction_written_directly():
    bank, cash = account_for("bank"), account_for("cash")
    with transaction.atomic():
        txn = Transaction.objects.create(date=DAY, description="Balanced")
        # Out of balance between the two inserts is fine: the check waits for the commit.
        Entry.objects.create(transaction=txn, account=bank, debit_pence=500)
        Entry.objects.create(transaction=txn, account=cash, credit_pence=500)
        _check_deferred_now()
    assert Entry.objects.count() == 2


def test_the_database_refuses_an_entry_with_both_or_neither_side():
    bank = account_for("bank")
    for debit, credit in [(5, 5), (0, 0)]:
        with pytest.raises(IntegrityError, match="finance_entry_one_side_positive"):
            with transaction.atomic():
                txn = Transaction.objects.create(date=DAY, description="Odd")
                Entry.objects.create(
                    transaction=txn, account=bank, debit_pence=debit, credit_pence=credit
                )


def test_the_database_refuses_to_change_or_delete_an_entry():
    txn = post()
    entry = txn.entries.first()
    with pytest.raises(IntegrityError, match="never changed or deleted"):
        with transaction.atomic():
            Entry.objects.filter(pk=entry.pk).update(debit_pence=1)
    with pytest.raises(IntegrityError, match="never changed or deleted"):
        with transaction.atomic():
            Entry.objects.filter(pk=entry.pk).delete()
    assert Entry.objects.get(pk=entry.pk).debit_pence == 1500


@pytest.mark.django_db(transaction=True)
def test_an_unbalanced_transaction_fails_at_commit():
    bank = account_for("bank")
    with pytest.raises(IntegrityError, match="out of balance"):
        with transaction.atomic():
            txn = Transaction.objects.create(date=DAY, description="One-legged")
            Entry.objects.create(transaction=txn, account=bank, debit_pence=100)
    assert not Transaction.objects.exists()


def _day_sums() -> dict[tuple[str, dt.date], tuple[int, int]]:
    return {
        (d.account.code, d.date): (d.debit_pence, d.credit_pence)
        for d in AccountDay.objects.select_related("account")
    }


def _entry_sums() -> dict[tuple[str, dt.date], tuple[int, int]]:
    rows = (
        Entry.objects.values("account__code", "transaction__date")
        .annotate(debit=Sum("debit_pence"), credit=Sum("credit_pence"))
        .order_by()
    )
    return {(r["account__code"], r["transaction__date"]): (r["debit"], r["credit"]) for r in rows}


def test_the_daily_sums_follow_every_posting_reversal_and_bulk_insert(cast):
    post()
    post(lines=[("bank", 700, 0), ("grants", 0, 700)], reference="grant:1")
    later = post(date=DAY + dt.timedelta(days=1), reference="bank:2")
    services.ledger_reverse(txn=later, actor=cast.finance)
    # Written past the services, many entries in one statement (as seed_scale does).
    bank, cash = account_for("bank"), account_for("cash")
    txns = Transaction.objects.bulk_create(
        [
            Transaction(date=DAY + dt.timedelta(days=i % 3), description=f"Bulk {i}")
            for i in range(6)
        ]
    )
    Entry.objects.bulk_create(
        [Entry(transaction=t, account=bank, debit_pence=100 + i) for i, t in enumerate(txns)]
        + [Entry(transaction=t, account=cash, credit_pence=100 + i) for i, t in enumerate(txns)]
    )
    assert _day_sums() == _entry_sums()
    assert _day_sums()[("bank", DAY)] == (1500 + 700 + 100 + 103, 0)
    assert account_movement(
        "bank", start=DAY + dt.timedelta(days=1), end=DAY + dt.timedelta(days=1)
    ) == (1500 + 101 + 104, 1500)


def test_a_posting_that_rolls_back_leaves_the_daily_sums_alone():
    post()
    with pytest.raises(LedgerError):
        post(lines=[("bank", 1, 0), ("cash", 0, 2)], reference="bad")
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            txn = Transaction.objects.create(date=DAY, description="Odd")
            Entry.objects.create(transaction=txn, account=account_for("bank"), debit_pence=9)
            _check_deferred_now()
    assert _day_sums() == {("bank", DAY): (1500, 0), ("cash", DAY): (0, 1500)}


def test_the_database_refuses_to_move_a_transaction_to_another_day():
    txn = post()
    with pytest.raises(IntegrityError, match="date never changes"):
        with transaction.atomic():
            Transaction.objects.filter(pk=txn.pk).update(date=DAY + dt.timedelta(days=1))
    Transaction.objects.filter(pk=txn.pk).update(description="Cash banked on Monday")
    assert Transaction.objects.get(pk=txn.pk).date == DAY


def _day_counts() -> dict[dt.date, int]:
    return {d.date: d.transactions for d in TransactionDay.objects.exclude(transactions=0)}


def _transaction_counts() -> dict[dt.date, int]:
    rows = Transaction.objects.values("date").annotate(n=Count("id")).order_by()
    return {r["date"]: r["n"] for r in rows}


def test_the_daily_counts_follow_every_posting_reversal_bulk_insert_and_removal(cast):
    post()
    later = post(date=DAY + dt.timedelta(days=1), reference="bank:2")
    services.ledger_reverse(txn=later, actor=cast.finance)
    # Written past the services, many in one statement (as seed_scale does).
    Transaction.objects.bulk_create(
        [
            Transaction(date=DAY + dt.timedelta(days=i % 3), description=f"Bulk {i}")
            for i in range(7)
        ]
    )
    assert (
        _day_counts()
        == _transaction_counts()
        == {DAY: 4, DAY + dt.timedelta(days=1): 4, DAY + dt.timedelta(days=2): 2}
    )
    # A transaction with no entries can be removed (one with entries cannot): two at once.
    Transaction.objects.filter(description__in=["Bulk 0", "Bulk 1"]).delete()
    assert (
        _day_counts()
        == _transaction_counts()
        == {DAY: 3, DAY + dt.timedelta(days=1): 3, DAY + dt.timedelta(days=2): 2}
    )
    assert transactions_between(DAY, DAY + dt.timedelta(days=1)) == 6
    assert transactions_between(DAY + dt.timedelta(days=3), dt.date(9999, 12, 31)) == 0
    # The rest without entries go too (a ledger keeps no transaction without entries).
    Transaction.objects.filter(entries__isnull=True).delete()
    assert _day_counts() == _transaction_counts() == {DAY: 1, DAY + dt.timedelta(days=1): 2}


def test_a_posting_that_rolls_back_leaves_the_daily_counts_alone():
    post()
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            txn = Transaction.objects.create(date=DAY, description="Odd")
            Entry.objects.create(transaction=txn, account=account_for("bank"), debit_pence=9)
            _check_deferred_now()
    assert _day_counts() == {DAY: 1}
