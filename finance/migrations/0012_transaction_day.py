"""How many transactions are dated each day, kept by the database, and the daily sums by date.

The ledger page says how many transactions a period has ("29,493 transactions, page 1 of
590"). Counted from finance_transaction that reads every transaction in the period: 4 ms
for a quarter at `make bench`'s L, most of the page's time in SQL. Counted from
finance_transactionday it reads one row a day.

The database keeps the rows, whatever writes the transactions (services, bulk seeding):
- PostgreSQL: statement triggers with transition tables add each INSERT's transactions
  by day in one upsert (in day order, so two postings lock the rows they share in the
  same order), and take away each DELETE's. A transaction's date never changes
  (migration 0008's trigger refuses it).
- SQLite (the demo): row triggers do the same per transaction, and move a transaction
  whose date is changed (nothing refuses that on SQLite).
Existing transactions are counted once, here.

finance_accountday also gets an index on its date: the ledger page's totals for every
account read a period's rows by date, not each account's in turn.
"""

from django.db import migrations, models

PG_SQL = """
CREATE FUNCTION finance_transaction_day_add() RETURNS trigger AS $$
BEGIN
    INSERT INTO finance_transactionday (date, transactions)
        SELECT date, COUNT(*) FROM new_transactions GROUP BY date ORDER BY date
    ON CONFLICT (date) DO UPDATE SET
        transactions = finance_transactionday.transactions + EXCLUDED.transactions;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_transaction_day_add
    AFTER INSERT ON finance_transaction
    REFERENCING NEW TABLE AS new_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION finance_transaction_day_add();

CREATE FUNCTION finance_transaction_day_remove() RETURNS trigger AS $$
BEGIN
    UPDATE finance_transactionday d SET transactions = d.transactions - gone.n
        FROM (SELECT date, COUNT(*) AS n FROM old_transactions GROUP BY date) gone
        WHERE d.date = gone.date;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_transaction_day_remove
    AFTER DELETE ON finance_transaction
    REFERENCING OLD TABLE AS old_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION finance_transaction_day_remove();
"""

PG_DROP_SQL = """
DROP TRIGGER IF EXISTS finance_transaction_day_remove ON finance_transaction;
DROP FUNCTION IF EXISTS finance_transaction_day_remove();
DROP TRIGGER IF EXISTS finance_transaction_day_add ON finance_transaction;
DROP FUNCTION IF EXISTS finance_transaction_day_add();
"""

SQLITE_SQL = [
    """
CREATE TRIGGER finance_transaction_day_add AFTER INSERT ON finance_transaction
BEGIN
    INSERT INTO finance_transactionday (date, transactions) VALUES (NEW.date, 1)
    ON CONFLICT (date) DO UPDATE SET transactions = transactions + 1;
END;
""",
    """
CREATE TRIGGER finance_transaction_day_remove AFTER DELETE ON finance_transaction
BEGIN
    UPDATE finance_transactionday SET transactions = transactions - 1 WHERE date = OLD.date;
END;
""",
    """
CREATE TRIGGER finance_transaction_day_move AFTER UPDATE OF date ON finance_transaction
WHEN OLD.date IS NOT NEW.date
BEGIN
    UPDATE finance_transactionday SET transactions = transactions - 1 WHERE date = OLD.date;
    INSERT INTO finance_transactionday (date, transactions) VALUES (NEW.date, 1)
    ON CONFLICT (date) DO UPDATE SET transactions = transactions + 1;
END;
""",
]

SQLITE_DROP_SQL = [
    "DROP TRIGGER IF EXISTS finance_transaction_day_move;",
    "DROP TRIGGER IF EXISTS finance_transaction_day_remove;",
    "DROP TRIGGER IF EXISTS finance_transaction_day_add;",
]

BACKFILL_SQL = """
INSERT INTO finance_transactionday (date, transactions)
    SELECT date, COUNT(*) FROM finance_transaction GROUP BY date
"""


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [PG_SQL]
    elif vendor == "sqlite":
        statements = SQLITE_SQL
    else:
        raise NotImplementedError(f"finance_transactionday has no trigger for {vendor}")
    for statement in [*statements, BACKFILL_SQL]:
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in [PG_DROP_SQL] if vendor == "postgresql" else SQLITE_DROP_SQL:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0011_branch_money"),
    ]

    operations = [
        migrations.CreateModel(
            name="TransactionDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(unique=True)),
                ("transactions", models.BigIntegerField(default=0)),
            ],
            options={
                "ordering": ["date"],
            },
        ),
        migrations.AddIndex(
            model_name="accountday",
            index=models.Index(fields=["date"], name="finance_accountday_date"),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
