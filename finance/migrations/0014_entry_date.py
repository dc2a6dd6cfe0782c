"""Each entry carries its transaction's date, with an index by (account, date,
transaction): the ledger narrowed to one account reads its page from that index.

Before, the narrowed page walked the period's transactions in date order and looked each
one up for a line on the account. An account on one transaction in six (the bank at
`make bench`'s L) made the first page check some 300 transactions (0.45 ms) and a page
two thousand transactions in about 12,000 (6.1 ms): the further the page, the slower.
From the index the first page reads its fifty lines (0.18 ms), the same page far in 1 ms.

The copy cannot go wrong where it matters:
- a transaction's date never changes (migration 0008's trigger), and on PostgreSQL
  entries are never changed (migration 0004's), so a date set right at the insert stays
  right;
- the two places that insert entries (finance.services.ledger.ledger_post and the bench's
  seeding) set it; an entry inserted without it (written past the services, as some tests
  do) gets its transaction's date from a trigger;
- on PostgreSQL a foreign key on (transaction_id, date) to the transaction's (id, date)
  refuses any other date, and the column is NOT NULL.
On SQLite (the demo) the column stays nullable in the database and has no such key: making
it NOT NULL would remake the table and drop its triggers (the daily sums' trigger of
migration 0012).

On PostgreSQL the migration first locks the transactions, then the entries, the order a
posting takes them: a posting made while it runs waits for it, where taking the entries
first would deadlock with it. Both stay locked until the migration ends (about 4 s for
300,000 entries at `make bench`'s L); the README's Deploying section says to run it with
the web servers stopped.
"""

from django.db import migrations, models

PG_LOCK = "LOCK TABLE finance_transaction, finance_entry IN ACCESS EXCLUSIVE MODE;"

PG_BACKFILL = """
ALTER TABLE finance_entry DISABLE TRIGGER USER;
UPDATE finance_entry e SET date = t.date FROM finance_transaction t WHERE t.id = e.transaction_id;
ALTER TABLE finance_entry ENABLE TRIGGER USER;
"""

PG_TIE = """
CREATE FUNCTION finance_entry_date() RETURNS trigger AS $$
BEGIN
    IF NEW.date IS NULL THEN
        SELECT date INTO NEW.date FROM finance_transaction WHERE id = NEW.transaction_id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_entry_date
    BEFORE INSERT ON finance_entry
    FOR EACH ROW EXECUTE FUNCTION finance_entry_date();

ALTER TABLE finance_entry ALTER COLUMN date SET NOT NULL;
ALTER TABLE finance_transaction
    ADD CONSTRAINT finance_transaction_id_date UNIQUE (id, date);
ALTER TABLE finance_entry ADD CONSTRAINT finance_entry_transaction_date
    FOREIGN KEY (transaction_id, date) REFERENCES finance_transaction (id, date);
"""

PG_UNTIE = """
ALTER TABLE finance_entry DROP CONSTRAINT finance_entry_transaction_date;
ALTER TABLE finance_transaction DROP CONSTRAINT finance_transaction_id_date;
ALTER TABLE finance_entry ALTER COLUMN date DROP NOT NULL;
DROP TRIGGER finance_entry_date ON finance_entry;
DROP FUNCTION finance_entry_date();
"""

SQLITE_TIE = """
CREATE TRIGGER finance_entry_date AFTER INSERT ON finance_entry WHEN NEW.date IS NULL
BEGIN
    UPDATE finance_entry SET date = (
        SELECT t.date FROM finance_transaction t WHERE t.id = NEW.transaction_id
    ) WHERE id = NEW.id;
END
"""

SQLITE_BACKFILL = """
UPDATE finance_entry SET date = (
    SELECT t.date FROM finance_transaction t WHERE t.id = finance_entry.transaction_id
)
"""


def _sql(by_vendor: dict[str, str]):
    """A migration step running its database's SQL; a database it does not know fails."""

    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in by_vendor:
            raise NotImplementedError(f"finance_entry's dates are not kept on {vendor}")
        if by_vendor[vendor]:
            schema_editor.execute(by_vendor[vendor], params=None)

    return run


lock_the_ledger = _sql({"postgresql": PG_LOCK, "sqlite": ""})
copy_dates = _sql({"postgresql": PG_BACKFILL, "sqlite": SQLITE_BACKFILL})
tie_to_transaction = _sql({"postgresql": PG_TIE, "sqlite": SQLITE_TIE})
untie = _sql({"postgresql": PG_UNTIE, "sqlite": "DROP TRIGGER finance_entry_date"})


class Migration(migrations.Migration):
    dependencies = [("finance", "0013_transaction_date_id_index")]

    operations = [
        migrations.RunPython(lock_the_ledger, migrations.RunPython.noop),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="entry",
                    name="date",
                    field=models.DateField(editable=False),
                    preserve_default=False,
                ),
            ],
            database_operations=[
                migrations.AddField(
                    model_name="entry",
                    name="date",
                    field=models.DateField(null=True),
                ),
            ],
        ),
        migrations.RunPython(copy_dates, migrations.RunPython.noop),
        migrations.RunPython(tie_to_transaction, untie),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                fields=["account", "date", "transaction"], name="finance_entry_account_date"
            ),
        ),
        # Going back: the ledger locked first too (this step runs first when reversing).
        migrations.RunPython(migrations.RunPython.noop, lock_the_ledger),
        # Every row was rewritten, and the new column has no statistics yet.
        migrations.RunSQL("ANALYZE finance_entry;", migrations.RunSQL.noop),
    ]
