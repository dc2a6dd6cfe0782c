"""A pytest plugin: after every test that used the database, the ledger must balance.

Every transaction's debits equal its credits and every transaction has at least two
entries. The deferred balance trigger is fired first (SET CONSTRAINTS ALL IMMEDIATE),
because a test's own database transaction is rolled back, never committed, and so would
otherwise never reach the check. Loaded from tests/conftest.py:
pytest_plugins = ["tests.ledger_check"].
"""

import pytest

DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}

UNBALANCED_SQL = """
SELECT t.id, COALESCE(SUM(e.debit_pence), 0), COALESCE(SUM(e.credit_pence), 0), COUNT(e.id)
FROM finance_transaction t LEFT JOIN finance_entry e ON e.transaction_id = t.id
GROUP BY t.id
HAVING COALESCE(SUM(e.debit_pence), 0) <> COALESCE(SUM(e.credit_pence), 0) OR COUNT(e.id) < 2
ORDER BY t.id
"""


def ledger_problems() -> list[str]:
    """What is wrong with the ledger now, in words (empty when it balances)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(UNBALANCED_SQL)
        rows = cursor.fetchall()
    return [
        f"transaction {pk}: debits {debit}p, credits {credit}p, {count} entries"
        for pk, debit, credit, count in rows
    ]


def _uses_db(request: pytest.FixtureRequest) -> bool:
    return bool(request.node.get_closest_marker("django_db")) or bool(
        DB_FIXTURES & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def ledger_balances(request: pytest.FixtureRequest):
    if not _uses_db(request):
        yield
        return
    # Set up the test database first, so it is torn down after this check runs.
    request.getfixturevalue("_django_db_helper")
    yield
    from django.db import connection

    if connection.connection is None or connection.needs_rollback:
        return  # the test left its transaction broken on purpose: nothing to read
    problems = ledger_problems()
    if problems:
        pytest.fail("The ledger does not balance: " + "; ".join(problems), pytrace=False)
