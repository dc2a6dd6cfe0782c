"""Names for the few plain SQL queries on paths every request or booking takes, where the
ORM's building of a query costs more than the query (0.3-1 ms of Python against 0.05-0.1
ms): tables and columns quoted as the database wants and read from the models, so a
renamed field is renamed here too. The SQL itself must run on PostgreSQL and SQLite."""

from django.db import connection


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model, name: str, alias: str | None = "") -> str:
    """The field's column, quoted and named by its table, or by `alias`; alone if `alias`
    is None."""
    quoted = connection.ops.quote_name(model._meta.get_field(name).column)
    return f"{alias or table(model)}.{quoted}" if alias is not None else quoted


def columns(model) -> str:
    """Every column of the model, named by its table, for a SELECT: listed, not `*`. A
    prepared statement (see coop/database.py) keeps the shape of its answer,
    so after a migration adds a column `SELECT *` would fail in every running server until
    its connection is renewed; a list of the model's own columns keeps its shape."""
    return ", ".join(column(model, field.name) for field in model._meta.concrete_fields)


def first_raw(model, sql: str, params: list):
    """The first `model` instance the plain query gives (Model.objects.raw: the model's
    own conversions of what the database returns), or None."""
    return next(iter(model.objects.raw(sql, params)), None)
