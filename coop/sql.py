"""Names for the few plain SQL queries on paths every request or booking takes, where the
ORM's building of a query costs more than the query (0.3-1 ms of Python against 0.05-0.1
ms): tables and columns quoted as the database wants and read from the models, so a
renamed field is renamed here too. The SQL itself must run on PostgreSQL and SQLite, but
for insert's, which leaves SQLite to the ORM."""

import functools

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models.base import DEFERRED
from django.utils import timezone

# The largest key a bigint column holds. SQLite's driver refuses a bigger number in a plain
# query (OverflowError), where the ORM answers "no such row"; PostgreSQL's finds none.
BIGGEST_KEY = 2**63 - 1


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model, name: str, alias: str | None = "") -> str:
    """The field's column, quoted and named by its table, or by `alias`; alone if `alias`
    is None."""
    quoted = connection.ops.quote_name(model._meta.get_field(name).column)
    return f"{alias or table(model)}.{quoted}" if alias is not None else quoted


def placeholders(count: int) -> str:
    """`count` parameters for an IN (...) list: "%s, %s, %s"."""
    return ", ".join(["%s"] * count)


def adapted(params: list) -> list:
    """The parameters as the ORM would send them (RawQuery adapts its parameters so):
    SQLite takes an aware datetime only as UTC text."""
    return [connection.ops.adapt_unknown_value(value) for value in params]


def columns(model) -> str:
    """Every column of the model, named by its table, for a SELECT: listed, not `*`. A
    prepared statement (see coop/database.py) keeps the shape of its answer,
    so after a migration adds a column `SELECT *` would fail in every running server until
    its connection is renewed; a list of the model's own columns keeps its shape."""
    return ", ".join(column(model, field.name) for field in model._meta.concrete_fields)


def first_raw(model, sql: str, params: list):
    """The first `model` instance the plain query gives, as Model.objects.raw would give
    it (each column of a field through the field's and the database's conversions, a
    field not read deferred, any other column set as an attribute), or None. Read with a
    cursor: RawQuerySet's working out of the columns cost 0.1-0.2 ms of Python a call,
    and the activity a booking locks is read with it, under the lock."""
    with connection.cursor() as cursor:
        cursor.execute(sql, adapted(params))
        row = cursor.fetchone()
        names = [described[0] for described in cursor.description]
    if model._meta.pk.column not in names:  # as RawQuerySet refuses
        raise FieldDoesNotExist("Raw query must include the primary key")
    if row is None:
        return None
    known = _columns_read(model)
    values = {attname: DEFERRED for attname, _, _ in known.values()}
    extra = {}
    for name, value in zip(names, row, strict=True):
        if name not in known:
            extra[name] = value
            continue
        attname, expression, converters = known[name]
        values[attname] = _converted(value, expression, converters)
    instance = model.from_db(connection.alias, list(values), list(values.values()))
    for name, value in extra.items():
        setattr(instance, name, value)
    return instance


@functools.cache
def _columns_read(model) -> dict[str, tuple]:
    """Each concrete field's column, in the model's order: its attribute's name, its
    expression and its conversions (read_as)."""
    return {
        field.column: (field.attname, *read_as(model, field.name))
        for field in model._meta.concrete_fields
    }


@functools.cache
def read_as(model, name: str) -> tuple:
    """The field's expression and the conversions of what the database returns for it
    (the database's, then the field's), as the ORM applies them: each is called as
    convert(value, expression, connection). SQLite, say, returns dates as text."""
    expression = model._meta.get_field(name).get_col(model._meta.db_table)
    converters = (
        *connection.ops.get_db_converters(expression),
        *expression.get_db_converters(connection),
    )
    return expression, converters


def dict_rows(cursor, fields: tuple[tuple[str, object, str], ...]) -> list[dict]:
    """The cursor's rows as dicts, each column named and converted as the field it reads:
    `fields` gives (key, model, field name) for each column in the SELECT's order, as
    QuerySet.values() would give them."""
    reads = [(key, *read_as(model, name)) for key, model, name in fields]
    return [
        {
            key: _converted(value, expression, converters)
            for (key, expression, converters), value in zip(reads, row, strict=True)
        }
        for row in cursor.fetchall()
    ]


def _converted(value, expression, converters):
    for convert in converters:
        value = convert(value, expression, connection)
    return value


class PlainList:
    """A list read by plain SQL a slice at a time, as Django's Paginator (and DRF's, which
    uses it) reads one: `count()`, then `[start:stop]`, a list of rows. A subclass gives
    `_count()` and `_rows(offset, limit)` (limit None: to the end); the count is read
    once. The parameters a subclass keeps go through `adapted`, as the ORM's do."""

    ordered = True  # Paginator warns of a list in no order

    _counted: int | None = None

    def count(self) -> int:
        if self._counted is None:
            self._counted = self._count()
        return self._counted

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list:
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError(f"{type(self).__name__} is read a slice at a time.")
        start = key.start or 0
        if start < 0 or (key.stop is not None and key.stop < 0):
            raise ValueError("Negative indexing is not supported.")  # as a QuerySet
        if key.stop is not None and key.stop <= start:
            return []
        return self._rows(start, None if key.stop is None else key.stop - start)

    def _count(self) -> int:
        raise NotImplementedError

    def _rows(self, offset: int, limit: int | None) -> list:
        raise NotImplementedError


@functools.cache
def _insert_sql(model, rows: int) -> tuple[str, tuple] | None:
    """INSERT `rows` new `model` rows (their fields but an automatic key as %s, row after
    row, in the order of the fields given back) RETURNING their keys in order; for a model
    with django-simple-history's HistoricalRecords, each row's history record is written
    from what was inserted in the same statement, with the change's time and user as the
    last two %s. None when the model or its history has a column this cannot fill."""
    if not isinstance(model._meta.pk, models.AutoField):  # BigAutoField is one too
        return None
    if model._meta.parents or model.save is not models.Model.save:
        return None  # rows in more than one table, or a save() of its own
    if any(f.has_db_default() or f.generated for f in model._meta.concrete_fields):
        return None
    quote = connection.ops.quote_name
    fields = tuple(f for f in model._meta.concrete_fields if not f.primary_key)
    row = f"({', '.join(['%s'] * len(fields))})"
    rows_sql = (
        f"INSERT INTO {table(model)} ({', '.join(quote(f.column) for f in fields)})"
        f" VALUES {', '.join([row] * rows)}"
    )
    if not _has_history(model):
        return f"{rows_sql} RETURNING {quote(model._meta.pk.column)}", fields
    own = {f.attname: f.column for f in model._meta.concrete_fields}
    history = getattr(model, model._meta.simple_history_manager_attribute).model
    named, values = [], []
    if not isinstance(history._meta.pk, models.AutoField):
        return None
    for field in history._meta.concrete_fields:
        if field.primary_key:
            continue  # the record's own number, from its sequence
        named.append(quote(field.column))
        if field.attname in own:
            values.append(f"new.{quote(own[field.attname])}")
        elif field.attname in _HISTORY_VALUES:
            values.append(_HISTORY_VALUES[field.attname])
        else:
            return None
    key = quote(model._meta.pk.column)
    sql = (
        f"WITH new AS ({rows_sql} RETURNING *) INSERT INTO {table(history)} ({', '.join(named)})"
        f" SELECT {', '.join(values)} FROM new ORDER BY new.{key}"
        f" RETURNING {quote(history._meta.get_field(model._meta.pk.attname).column)}"
    )
    return sql, fields


# What a new row's history record says besides the row: when, what ("+": created), who.
_HISTORY_VALUES = {
    "history_date": "%s",
    "history_change_reason": "NULL",
    "history_type": "'+'",
    "history_user_id": "%s",
}


# What django-simple-history reads from an instance being saved, which only save() honours.
_READ_BY_HISTORY = ("_change_reason", "_history_date", "skip_history_when_saving")


def _has_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def insert(instances: list, *, history_user=None) -> None:
    """Save new `instances` of one model (as Model.save() or bulk_create would: filling
    `auto_now_add` fields and setting each key) in one plain statement on PostgreSQL, with
    each one's django-simple-history record ("+", by `history_user`) when the model keeps
    one. The ORM's building of an INSERT costs about 0.3-0.5 ms of Python, and save()
    with history takes two: a new booking, its audit entry and its message are written
    under the activity's lock, which every booking of it waits on.
    `history_user` is who the history records, whatever an instance's own _history_user.
    No pre_save or post_save signal is sent (as bulk_create), so only for models whose one
    receiver of those is django-simple-history's (tests/events/test_booking_insert.py
    checks the models this is used for). Elsewhere (SQLite; a model or a history this
    cannot write; an instance with one of _READ_BY_HISTORY set) the ORM writes them:
    save() for a model with history, with `history_user` given to it, else bulk_create."""
    if not instances:
        return
    model = type(instances[0])
    made = None
    if connection.vendor == "postgresql" and getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        made = _insert_sql(model, len(instances))
    if any(hasattr(i, name) for i in instances for name in _READ_BY_HISTORY):
        made = None
    if any(i.pk is not None for i in instances):
        made = None  # a key given: the ORM's way
    if made is None:
        if not _has_history(model):
            model.objects.bulk_create(instances)
            return
        for instance in instances:
            instance._history_user = history_user
            instance.save(force_insert=True)
            del instance._history_user  # a later save() records its own request's user
        return
    sql, fields = made
    params = [
        f.get_db_prep_save(f.pre_save(instance, True), connection)
        for instance in instances
        for f in fields
    ]
    if _has_history(model):
        params += [timezone.now(), getattr(history_user, "pk", None)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        keys = [row[0] for row in cursor.fetchall()]
    for instance, key in zip(instances, sorted(keys), strict=True):
        instance.pk = key
        instance._state.adding = False
        instance._state.db = connection.alias
