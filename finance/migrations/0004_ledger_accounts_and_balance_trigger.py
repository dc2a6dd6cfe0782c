"""The chart of accounts, and the database's own refusal of an unbalanced transaction.

A deferred constraint trigger (PostgreSQL) checks, at commit, that every transaction
touched has debits equal to credits. Another trigger refuses to change or delete an
entry: a mistake is put right by a reversing transaction. SQLite (the demo only) has
neither; there the ledger_post service is the only guard.
"""

from django.db import migrations

ACCOUNTS = [
    ("stripe", "Stripe balance", "asset"),
    ("bank", "Bank", "asset"),
    ("cash", "Cash", "asset"),
    ("fees_held", "Booking fees held (owed back)", "liability"),
    ("fees_kept", "Booking fees kept", "income"),
    ("grants", "Grants and donations", "income"),
    ("subscriptions", "Subscriptions", "income"),
    ("activity_costs", "Activity costs", "expense"),
    ("support_costs", "Support-worker costs", "expense"),
    ("board_fees", "Board sitting fees", "expense"),
    ("training", "Training", "expense"),
    ("administration", "Administration", "expense"),
    ("stripe_fees", "Stripe fees", "expense"),
]

BALANCE_SQL = """
CREATE FUNCTION finance_entry_balanced() RETURNS trigger AS $$
DECLARE
    txn integer;
    difference bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN txn := OLD.transaction_id; ELSE txn := NEW.transaction_id; END IF;
    SELECT COALESCE(SUM(debit_pence), 0) - COALESCE(SUM(credit_pence), 0) INTO difference
        FROM finance_entry WHERE transaction_id = txn;
    IF difference <> 0 THEN
        RAISE EXCEPTION 'finance_entry_balanced: transaction % is out of balance by % pence',
            txn, difference USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER finance_entry_balanced
    AFTER INSERT OR UPDATE OR DELETE ON finance_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION finance_entry_balanced();

CREATE FUNCTION finance_entry_unchangeable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'finance_entry_unchangeable: ledger entries are never changed or deleted'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_entry_unchangeable
    BEFORE UPDATE OR DELETE ON finance_entry
    FOR EACH ROW EXECUTE FUNCTION finance_entry_unchangeable();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS finance_entry_unchangeable ON finance_entry;
DROP FUNCTION IF EXISTS finance_entry_unchangeable();
DROP TRIGGER IF EXISTS finance_entry_balanced ON finance_entry;
DROP FUNCTION IF EXISTS finance_entry_balanced();
"""


def seed_accounts(apps, schema_editor):
    Account = apps.get_model("finance", "Account")
    for code, name, kind in ACCOUNTS:
        Account.objects.update_or_create(code=code, defaults={"name": name, "kind": kind})


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BALANCE_SQL, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("finance", "0003_ledger")]

    operations = [
        migrations.RunPython(seed_accounts, migrations.RunPython.noop),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
