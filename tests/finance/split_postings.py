"""Transactions written past the services (as seed_scale does), their lines split between
two INSERT statements, one of them with two lines on one account: what the daily counts'
trigger must still count once each. Used on PostgreSQL and, through `manage.py shell`,
on SQLite."""

import datetime as dt

from finance.chart import account_for
from finance.models import Entry, Transaction


def post_split(day: dt.date) -> None:
    """Five transactions of £1.00 (the first £2.00), bank to cash, on `day` and the next
    day in turn; the first has two bank lines."""
    bank, cash = account_for("bank"), account_for("cash")
    txns = Transaction.objects.bulk_create(
        Transaction(date=day + dt.timedelta(days=i % 2), description=f"Bulk {i}") for i in range(5)
    )
    Entry.objects.bulk_create(
        [Entry(transaction=t, account=bank, debit_pence=100) for t in txns]
        + [Entry(transaction=txns[0], account=bank, debit_pence=50)]
    )
    Entry.objects.bulk_create(
        [Entry(transaction=t, account=cash, credit_pence=100) for t in txns[1:]]
        + [Entry(transaction=txns[0], account=cash, credit_pence=150)]
    )
