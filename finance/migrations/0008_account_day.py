"""Each account's debits and credits by day, kept by the database as entries are posted.

The ledger page's totals, budget against actual and the quarterly report add up a period
by account. Read from the entries that is every entry in the period (tens of thousands a
quarter at a large federation's size, 46 ms for the ledger page's totals at `make bench`'s
L); read from finance_accountday it is one row per account and day.

The database keeps the rows, whatever inserts the entries (services, bulk seeding):
- PostgreSQL: a statement trigger with a transition table adds each INSERT's entries,
  grouped by account and day, in one upsert (in account and day order, so two postings
  lock the rows they share in the same order). Another trigger refuses to change a
  transaction's date, which would move its entries to another day.
- SQLite (the demo): a row trigger does the same upsert per entry.
Entries are never changed or deleted (migration 0004), so inserts are all there is.
Existing entries are added up once, here.
"""

import django.db.models.deletion
from django.db import migrations, models


PG_SQL = """
CREATE FUNCTION finance_entry_day() RETURNS trigger AS $$
BEGIN
    INSERT INTO finance_accountday (account_id, date, debit_pence, credit_pence)
        SELECT e.account_id, t.date, SUM(e.debit_pence), SUM(e.credit_pence)
        FROM new_entries e JOIN finance_transaction t ON t.id = e.transaction_id
        GROUP BY e.account_id, t.date
        ORDER BY e.account_id, t.date
    ON CONFLICT (account_id, date) DO UPDATE SET
        debit_pence = finance_accountday.debit_pence + EXCLUDED.debit_pence,
        credit_pence = finance_accountday.credit_pence + EXCLUDED.credit_pence;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_entry_day
    AFTER INSERT ON finance_entry
    REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION finance_entry_day();

CREATE FUNCTION finance_transaction_date_fixed() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'finance_transaction_date_fixed: a transaction''s date never changes'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_transaction_date_fixed
    BEFORE UPDATE OF date ON finance_transaction
    FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date)
    EXECUTE FUNCTION finance_transaction_date_fixed();
"""

PG_DROP_SQL = """
DROP TRIGGER IF EXISTS finance_transaction_date_fixed ON finance_transaction;
DROP FUNCTION IF EXISTS finance_transaction_date_fixed();
DROP TRIGGER IF EXISTS finance_entry_day ON finance_entry;
DROP FUNCTION IF EXISTS finance_entry_day();
"""

SQLITE_SQL = """
CREATE TRIGGER finance_entry_day AFTER INSERT ON finance_entry
BEGIN
    INSERT INTO finance_accountday (account_id, date, debit_pence, credit_pence)
        SELECT NEW.account_id, t.date, NEW.debit_pence, NEW.credit_pence
        FROM finance_transaction t WHERE t.id = NEW.transaction_id
    ON CONFLICT (account_id, date) DO UPDATE SET
        debit_pence = debit_pence + excluded.debit_pence,
        credit_pence = credit_pence + excluded.credit_pence;
END;
"""

SQLITE_DROP_SQL = "DROP TRIGGER IF EXISTS finance_entry_day;"

BACKFILL_SQL = """
INSERT INTO finance_accountday (account_id, date, debit_pence, credit_pence)
    SELECT e.account_id, t.date, SUM(e.debit_pence), SUM(e.credit_pence)
    FROM finance_entry e JOIN finance_transaction t ON t.id = e.transaction_id
    GROUP BY e.account_id, t.date
"""


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_SQL, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_SQL, params=None)
    else:
        raise NotImplementedError(f"finance_accountday has no trigger for {vendor}")
    schema_editor.execute(BACKFILL_SQL, params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(PG_DROP_SQL if vendor == "postgresql" else SQLITE_DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0007_report_job"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccountDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField()),
                ("debit_pence", models.BigIntegerField(default=0)),
                ("credit_pence", models.BigIntegerField(default=0)),
                (
                    "account",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="finance.account",
                    ),
                ),
            ],
            options={
                "ordering": ["date", "account_id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("account", "date"), name="finance_accountday_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
