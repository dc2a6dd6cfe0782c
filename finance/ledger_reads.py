"""What the ledger page reads on every request, in plain SQL: the accounts for its filter,
a page of the period's transactions and their entries. The ORM's building of these three
queries cost 1-2 ms of Python a page, more than PostgreSQL's answers (0.3-0.6 ms). (The accounts'
totals, and the count of the period's transactions, come from
finance.selectors.account_totals.)"""

import datetime as dt
import functools

from django.db import connection

from coop.sql import PlainList, adapted, column, dict_rows, placeholders, table
from finance.models import Account, Entry, Transaction

# A transaction's row on the page: (key, model, field), in the SELECT's order.
TRANSACTION = (
    ("id", Transaction, "id"),
    ("date", Transaction, "date"),
    ("description", Transaction, "description"),
)


def accounts_by_name() -> list[tuple[str, str, int]]:
    """Every account's code, name and id, by name."""
    with connection.cursor() as cursor:
        cursor.execute(_accounts_sql())
        return cursor.fetchall()


@functools.cache
def _accounts_sql() -> str:
    a = Account
    return (
        f"SELECT {column(a, 'code')}, {column(a, 'name')}, {column(a, 'id')} FROM {table(a)}"
        f" ORDER BY {column(a, 'name')}, {column(a, 'id')}"
    )


class Transactions(PlainList):
    """The transactions dated from `start` to `end` (inclusive), with `account_id` only
    those with an entry on that account (read from that account's lines), by date then
    id: a list Django's Paginator slices (coop.sql.PlainList: `[start:stop]` is one plain
    query giving rows of TRANSACTION), counted by the caller
    (finance.selectors.transactions_in, from the daily sums)."""

    def __init__(self, start: dt.date, end: dt.date, *, account_id: int | None, count: int) -> None:
        self.params = adapted([start, end] if account_id is None else [start, end, account_id])
        self._counted = count

    def _rows(self, offset: int, limit: int | None) -> list[dict]:
        if limit is None:
            raise TypeError("Transactions are read a page at a time.")
        with connection.cursor() as cursor:
            cursor.execute(_transactions_sql(len(self.params) == 3), [*self.params, limit, offset])
            return dict_rows(cursor, TRANSACTION)


@functools.cache
def _transactions_sql(of_account: bool) -> str:
    t, e = Transaction, Entry
    read = ", ".join(column(model, name) for _, model, name in TRANSACTION)
    if not of_account:
        return (
            f"SELECT {read} FROM {table(t)}"
            f" WHERE {column(t, 'date')} >= %s AND {column(t, 'date')} <= %s"
            f" ORDER BY {column(t, 'date')}, {column(t, 'id')} LIMIT %s OFFSET %s"
        )
    # One account's: the page's transactions come from its lines, in (date, transaction)
    # order from their index (migration 0014), each transaction once however many lines
    # it has on the account; then each transaction by its id.
    lines = (
        f"SELECT DISTINCT {column(e, 'date')} AS day, {column(e, 'transaction')} AS txn"
        f" FROM {table(e)} WHERE {column(e, 'date')} >= %s AND {column(e, 'date')} <= %s"
        f" AND {column(e, 'account')} = %s ORDER BY day, txn LIMIT %s OFFSET %s"
    )
    return (
        f"SELECT {read} FROM ({lines}) page JOIN {table(t)} ON {column(t, 'id')} = page.txn"
        f" ORDER BY page.day, page.txn"
    )


def entries_of(transaction_ids: list[int]) -> list[tuple[int, str, int, int]]:
    """The entries of these transactions, by transaction then entry: each one's
    transaction id, account name, debit and credit in pence."""
    if not transaction_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_entries_sql(len(transaction_ids)), transaction_ids)
        return cursor.fetchall()


@functools.cache
def _entries_sql(transactions: int) -> str:
    e, a = Entry, Account
    ids = placeholders(transactions)
    return (
        f"SELECT {column(e, 'transaction')}, {column(a, 'name')}, {column(e, 'debit_pence')},"
        f" {column(e, 'credit_pence')} FROM {table(e)}"
        f" JOIN {table(a)} ON {column(a, 'id')} = {column(e, 'account')}"
        f" WHERE {column(e, 'transaction')} IN ({ids})"
        f" ORDER BY {column(e, 'transaction')}, {column(e, 'id')}"
    )
