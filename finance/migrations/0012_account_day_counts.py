"""Each account's daily row counts transactions too, and the daily rows get an index by date.

The ledger page says how many transactions a period has ("29,493 transactions, page 1 of
590"). Counted from finance_transaction that reads every transaction in the period: 2.7-4
ms for a quarter at `make bench`'s L, most of the page's time in SQL. Now each
finance_accountday row also keeps
- `transactions`: how many transactions have a line on its account that day (each once),
- `first_lines`: how many of those have their first line (lowest id) there,
so a period's count is the sum of `first_lines` over its rows (each transaction has one
first line), and narrowed to one account the sum of that account's `transactions`.

The counts are kept by the same trigger as the sums (migration 0011's, replaced here),
on the rows a posting already locks: counting takes no lock of its own, so postings that
share no account and day still never wait for each other. A line counts when no line of
its transaction (on its account, for `transactions`) has a lower id: entries are only
ever inserted, each with a higher id than the last, so this holds however the lines of a
transaction are split between INSERT statements. (It assumes ids from the sequence: a
fixture or raw INSERT giving a transaction's lines explicit ids out of order, two sessions
adding lines to one transaction, or TRUNCATE of finance_entry would leave the counts
wrong, and the ledger's pager trusts them. coop does none of these. The check for a line
before this one costs more as a transaction has more lines: coop's have two or three; at
10,000 lines in one statement the insert takes 3.1 s against 0.45 s without counting.)
finance_accountday's index by date serves the ledger's totals and counts for every
account.

SQLite (the demo) remakes finance_accountday to add the columns, and cannot while the row
trigger names it (as in 0011): that trigger goes first, and the new one comes at the end.
Existing entries are counted once, here.
"""

import importlib

from django.db import migrations, models

# Migration 0011's triggers, made again when going back (migrations are kept as written).
BRANCH_MONEY = importlib.import_module("finance.migrations.0011_branch_money")

# Whether a line of the same transaction (on the same account) came before this one.
EARLIER = (
    "EXISTS (SELECT 1 FROM finance_entry o WHERE o.transaction_id = e.transaction_id"
    "{same_account} AND o.id < e.id)"
)


def _upsert(source: str, where: str) -> str:
    """One INSERT ... ON CONFLICT into finance_accountday for the entries in `source`, in
    account and day order (so two postings lock the rows they share in the same order)."""
    target = (
        "(account_id, date) WHERE branch_id IS NULL"
        if where == "IS NULL"
        else "(account_id, date, branch_id) WHERE branch_id IS NOT NULL"
    )
    on_account = EARLIER.format(same_account=" AND o.account_id = e.account_id")
    in_transaction = EARLIER.format(same_account="")
    return (
        "INSERT INTO finance_accountday (account_id, date, branch_id, debit_pence,"
        " credit_pence, transactions, first_lines)"
        " SELECT e.account_id, t.date, t.branch_id, SUM(e.debit_pence), SUM(e.credit_pence),"
        f" SUM(CASE WHEN {on_account} THEN 0 ELSE 1 END),"
        f" SUM(CASE WHEN {in_transaction} THEN 0 ELSE 1 END)"
        f" FROM {source} JOIN finance_transaction t ON t.id = e.transaction_id"
        f" WHERE t.branch_id {where}"
        " GROUP BY e.account_id, t.date, t.branch_id"
        " ORDER BY e.account_id, t.date, t.branch_id"
        f" ON CONFLICT {target} DO UPDATE SET"
        " debit_pence = finance_accountday.debit_pence + excluded.debit_pence,"
        " credit_pence = finance_accountday.credit_pence + excluded.credit_pence,"
        " transactions = finance_accountday.transactions + excluded.transactions,"
        " first_lines = finance_accountday.first_lines + excluded.first_lines;"
    )


PG_SQL = f"""
CREATE OR REPLACE FUNCTION finance_entry_day() RETURNS trigger AS $$
BEGIN
    {_upsert("new_entries e", "IS NULL")}
    {_upsert("new_entries e", "IS NOT NULL")}
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

PG_BACK_SQL = f"""
CREATE OR REPLACE FUNCTION finance_entry_day() RETURNS trigger AS $$
BEGIN
    {BRANCH_MONEY._upsert("new_entries e", "IS NULL", False)}
    {BRANCH_MONEY._upsert("new_entries e", "IS NOT NULL", False)}
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

# The row trigger's one new entry, read as the statement trigger reads its table of them.
NEW_ENTRY = (
    "(SELECT NEW.id AS id, NEW.account_id AS account_id,"
    " NEW.transaction_id AS transaction_id,"
    " NEW.debit_pence AS debit_pence, NEW.credit_pence AS credit_pence) e"
)

SQLITE_SQL = f"""
CREATE TRIGGER finance_entry_day AFTER INSERT ON finance_entry
BEGIN
    {_upsert(NEW_ENTRY, "IS NULL")}
    {_upsert(NEW_ENTRY, "IS NOT NULL")}
END;
"""

DROP_SQLITE_SQL = "DROP TRIGGER IF EXISTS finance_entry_day;"

# Counts for the entries already posted (the sums are there already).
BACKFILL_SQL = """
UPDATE finance_accountday SET transactions = c.touching, first_lines = c.firsts
FROM (
    SELECT e.account_id, t.date, t.branch_id,
        COUNT(DISTINCT e.transaction_id) AS touching,
        SUM(CASE WHEN e.id = f.first_id THEN 1 ELSE 0 END) AS firsts
    FROM finance_entry e
    JOIN finance_transaction t ON t.id = e.transaction_id
    JOIN (
        SELECT transaction_id, MIN(id) AS first_id FROM finance_entry GROUP BY transaction_id
    ) f ON f.transaction_id = e.transaction_id
    GROUP BY e.account_id, t.date, t.branch_id
) c
WHERE finance_accountday.account_id = c.account_id
    AND finance_accountday.date = c.date
    AND (finance_accountday.branch_id = c.branch_id
        OR (finance_accountday.branch_id IS NULL AND c.branch_id IS NULL))
"""


def drop_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP_SQLITE_SQL, params=None)


def restore_old_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP_SQLITE_SQL, params=None)
        schema_editor.execute(BRANCH_MONEY.SQLITE_SQL, params=None)


def count_transactions(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_SQL, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_SQL, params=None)
    else:
        raise NotImplementedError(f"finance_accountday has no trigger for {vendor}")
    schema_editor.execute(BACKFILL_SQL, params=None)


def stop_counting(apps, schema_editor):
    """Going back: PostgreSQL's function sums again without counting; SQLite's trigger
    goes (the first step, undone last, makes 0011's again once the columns are gone)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_BACK_SQL, params=None)
    else:
        schema_editor.execute(DROP_SQLITE_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0011_branch_money"),
        ("members", "0008_good_times"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_trigger, restore_old_sqlite_trigger),
        migrations.AddField(
            model_name="accountday",
            name="first_lines",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="accountday",
            name="transactions",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name="accountday",
            index=models.Index(fields=["date"], name="finance_accountday_date"),
        ),
        migrations.RunPython(count_transactions, stop_counting),
    ]
