"""On PostgreSQL coop's queries go as prepared statements (coop/database.py):
from a query's sixth use on a connection PostgreSQL keeps its plan. A prepared statement
also keeps the shape of its answer, so the plain SQL reads on the booking path list their
columns instead of `SELECT *` (coop/sql.py columns()): after a migration adds a column,
each still answers, where `SELECT *` would fail with "cached plan must not change result
type" until the server's connection was renewed."""

import pytest
from django.db import connection, transaction
from rest_framework.authtoken.models import Token

from coop.sql import table
from events.models import Activity
from events.services.booking_lock import lock_activity
from members import auth_cache
from members.models import Member
from members.selectors import member_without_branch
from tests.events.conftest import make_activity

pytestmark = pytest.mark.django_db


def _prepared(table_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            [f"%{table_name}%"],
        )
        return cursor.fetchone()[0]


def test_a_query_is_prepared_from_its_sixth_use(cast):
    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    before = _prepared(Member._meta.db_table)
    for _ in range(6):
        member_without_branch(cast.member)
    assert _prepared(Member._meta.db_table) > before


def _from_another_connection(sql: str) -> None:
    """As `migrate` does it while the servers run: on a connection of its own."""
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.autocommit = True
        other.execute(sql)
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_the_plain_reads_still_answer_after_a_migration_adds_a_column(cast):
    token = Token.objects.create(user=cast.member)
    activity = make_activity(cast.organiser, cast.member_row.branch)
    # Each read prepared (used more than five times), as in a server that has run a while.
    for _ in range(6):
        member_without_branch(cast.member)
        auth_cache._token_owner(token.key)
        with transaction.atomic():
            lock_activity(activity.pk)
    tables = [table(model) for model in (Member, type(cast.member), Activity)]
    for name in tables:
        _from_another_connection(f"ALTER TABLE {name} ADD COLUMN added_by_a_migration integer")
    try:
        assert member_without_branch(cast.member) == cast.member_row
        assert auth_cache._token_owner(token.key)[0] == cast.member
        with transaction.atomic():
            assert lock_activity(activity.pk) == activity
    finally:
        for name in tables:
            _from_another_connection(f"ALTER TABLE {name} DROP COLUMN added_by_a_migration")
