"""ledger_post, ledger_reverse and quarter_close, and the database's own guards."""

import datetime as dt
import importlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum

from coop.models import AuditEntry
from finance import services
from finance.chart import CHART, account_for
from finance.errors import LedgerError
from finance.models import Account, AccountDay, ClosedQuarter, Entry, Transaction
from finance.selectors import account_balance, account_movement, transactions_between
from tests.finance.split_postings import post_split

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


def test_an_entry_carries_its_transactions_date_and_no_other():
    """Written without a date, an entry gets its transaction's (a trigger); written with
    another date, the database refuses it (a foreign key on the transaction and date)."""
    bank, cash = account_for("bank"), account_for("cash")
    with transaction.atomic():
        txn = Transaction.objects.create(date=DAY, description="Past the service")
        Entry.objects.create(transaction=txn, account=bank, debit_pence=500)
        Entry.objects.create(transaction=txn, account=cash, credit_pence=500)
    assert set(Entry.objects.values_list("date", flat=True)) == {DAY}
    with pytest.raises(IntegrityError, match="finance_entry_transaction_date"):
        with transaction.atomic():
            txn = Transaction.objects.create(date=DAY, description="Wrong day")
            later = DAY + dt.timedelta(days=1)
            Entry.objects.create(transaction=txn, date=later, account=bank, debit_pence=5)
            Entry.objects.create(transaction=txn, date=later, account=cash, credit_pence=5)
    assert Transaction.objects.count() == 1


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


def _day_counts() -> dict[tuple, tuple[int, int]]:
    """(account, day, branch): (transactions, first lines), as the database keeps them."""
    return {
        (d.account.code, d.date, d.branch_id): (d.transactions, d.first_lines)
        for d in AccountDay.objects.select_related("account")
    }


def _entry_counts() -> dict[tuple, tuple[int, int]]:
    """The same, worked out here from the entries: a transaction counts once on each
    account it has a line on, and once (in `first lines`) where its first line is."""
    rows = Entry.objects.order_by("id").values_list(
        "id", "transaction_id", "account__code", "transaction__date", "transaction__branch_id"
    )
    first: dict[int, int] = {}
    seen: set[tuple] = set()
    counts: dict[tuple, tuple[int, int]] = {}
    for entry_id, txn, *key in rows:
        first.setdefault(txn, entry_id)
        touching, firsts = counts.get(tuple(key), (0, 0))
        counts[tuple(key)] = (
            touching + ((txn, *key) not in seen),
            firsts + (first[txn] == entry_id),
        )
        seen.add((txn, *key))
    return counts


def test_the_daily_counts_follow_every_posting_reversal_and_bulk_insert(cast):
    post()
    post(lines=[("bank", 700, 0), ("grants", 0, 700)], reference="grant:1")
    post(lines=[("bank", 300, 0), ("grants", 0, 300)], branch=cast.member_row.branch)
    later = post(date=DAY + dt.timedelta(days=1), reference="bank:2")
    services.ledger_reverse(txn=later, actor=cast.finance)
    post_split(DAY)  # five more, their lines split between two INSERT statements
    assert _day_counts() == _entry_counts()
    # bank on the first day: the two posts and three of the bulk ones (one with two lines).
    assert _day_counts()[("bank", DAY, None)] == (5, 5)
    assert _day_counts()[("cash", DAY, None)] == (4, 0)
    assert transactions_between(DAY, DAY) == 6  # the branch's posting too
    assert transactions_between(DAY, DAY + dt.timedelta(days=1)) == 10
    assert transactions_between(DAY, DAY, account="grants") == 2
    assert transactions_between(DAY + dt.timedelta(days=2), dt.date(9999, 12, 31)) == 0


def test_the_migration_counts_the_entries_posted_before_it(cast):
    counts = importlib.import_module("finance.migrations.0012_account_day_counts")
    post()
    post(lines=[("bank", 700, 0), ("grants", 0, 700)], branch=cast.member_row.branch)
    services.ledger_reverse(txn=post(reference="bank:2"), actor=cast.finance)
    post_split(DAY)  # one transaction with two lines on one account, counted once there
    kept = _day_counts()
    AccountDay.objects.update(transactions=0, first_lines=0)
    with connection.cursor() as cursor:
        cursor.execute(counts.BACKFILL_SQL)
    assert _day_counts() == kept == _entry_counts()


def test_a_posting_that_rolls_back_leaves_the_daily_counts_alone():
    post()
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            txn = Transaction.objects.create(date=DAY, description="Odd")
            Entry.objects.create(transaction=txn, account=account_for("bank"), debit_pence=9)
            _check_deferred_now()
    assert _day_counts() == {("bank", DAY, None): (1, 1), ("cash", DAY, None): (1, 0)}


def _post_elsewhere(debit: str, credit: str) -> str:
    """A balanced posting on DAY from a connection of its own that waits at most half a
    second for a lock: "posted", or "waited" if a lock held it up."""
    other = connection.get_new_connection(connection.get_connection_params())
    ids = {code: account_for(code).pk for code in (debit, credit)}
    try:
        other.autocommit = False
        other.execute("SET LOCAL lock_timeout = '500ms'")
        txn = other.execute(
            "INSERT INTO finance_transaction (date, description, reference, created_at)"
            " VALUES (%s, 'Elsewhere', '', now()) RETURNING id",
            [DAY],
        ).fetchone()[0]
        other.execute(
            "INSERT INTO finance_entry (transaction_id, account_id, debit_pence, credit_pence)"
            " VALUES (%s, %s, 5, 0), (%s, %s, 0, 5)",
            [txn, ids[debit], txn, ids[credit]],
        )
        other.commit()
        return "posted"
    except Exception as error:  # psycopg's LockNotAvailable, under its own name
        if "lock timeout" not in str(error):
            raise
        return "waited"
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_postings_on_other_accounts_the_same_day_never_wait_for_each_other():
    """The daily sums and counts lock only the rows of the accounts a posting touches:
    a posting on other accounts that day goes straight through, while one on the same
    account waits for the first to commit (as its sums must)."""
    account_for("grants"), account_for("fees_kept")
    with transaction.atomic():
        post()  # bank and cash on DAY, not yet committed
        assert _post_elsewhere("fees_kept", "grants") == "posted"
        assert _post_elsewhere("bank", "grants") == "waited"
    assert transactions_between(DAY, DAY) == 2
    assert _day_counts() == _entry_counts()
