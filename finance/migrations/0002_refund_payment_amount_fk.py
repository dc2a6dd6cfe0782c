"""A refund's copy of its payment's amount is held to the real amount by a two-column
foreign key (PostgreSQL; SQLite runs only the demo). With it, the CheckConstraint
finance_refund_not_above_payment cannot be dodged by writing a false copy, and a payment's
amount cannot change once a refund points at it."""

from django.db import migrations

CONSTRAINT = "finance_refund_payment_amount_matches"


def add_foreign_key(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE finance_refund ADD CONSTRAINT {CONSTRAINT} "
        "FOREIGN KEY (payment_id, payment_amount_pence) "
        "REFERENCES finance_payment (id, amount_pence)"
    )


def drop_foreign_key(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE finance_refund DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [migrations.RunPython(add_foreign_key, drop_foreign_key)]
