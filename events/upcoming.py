"""The activities What's on and the API's list show: published, still to come (or in a
window), soonest first, as plain values in plain SQL. Both pages ask on every request, and
the ORM's building of the count and of the page's query cost 1-1.5 ms of Python a
request against 0.2-0.4 ms for PostgreSQL to answer them. events.selectors.activity_list is
the same list as model instances (the calendar feed reads it)."""

import datetime as dt
import functools

from django.db import connection
from django.utils import timezone

from coop.dates import day_at, next_month
from coop.sql import PlainList, adapted, column, dict_rows, table
from events.models import Activity, ActivityPlaces
from events.selectors import ACCESS
from members.models import Branch

# What each row holds: (key, model, field), in the SELECT's order. The keys are those
# QuerySet.values() would give (with_places's "taken" and "waiting" too).
ROW = (
    ("id", Activity, "id"),
    ("title", Activity, "title"),
    ("summary", Activity, "summary"),
    ("picture", Activity, "picture"),
    ("picture_alt", Activity, "picture_alt"),
    ("starts_at", Activity, "starts_at"),
    ("ends_at", Activity, "ends_at"),
    ("cancel_by", Activity, "cancel_by"),
    ("meeting_point", Activity, "meeting_point"),
    ("cost_pence", Activity, "cost_pence"),
    ("fee_pence", Activity, "fee_pence"),
    ("places", Activity, "places"),
    ("branch", Activity, "branch"),
    ("branch__name", Branch, "name"),
    ("taken", ActivityPlaces, "taken"),
    ("waiting", ActivityPlaces, "waiting"),
)


class Upcoming(PlainList):
    """The list, counted and sliced by Django's Paginator (DRF's pages use it too) in one
    plain query each (coop.sql.PlainList): `[start:stop]` gives a list of ROW dicts."""

    def __init__(
        self,
        *,
        branch: Branch | None = None,
        month: dt.date | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        access: tuple[str, ...] = (),
    ) -> None:
        """As events.selectors.activity_list's arguments."""
        # Which conditions apply, and their values in the same order.
        shape = ["start"]
        params: list = [start or timezone.now()]
        if end is not None:
            shape.append("end")
            params.append(end)
        if branch is not None:
            shape.append("branch")
            params.append(branch.pk)
        if month is not None:
            # The month's first midnight to the next month's, local time: what the ORM's
            # starts_at__year and __month ask, as a range an index can read.
            shape.append("month")
            params += [day_at(month.replace(day=1)), day_at(next_month(month))]
        self.shape = (*shape, *(name for name in ACCESS if name in access))
        self.params = adapted(params)

    def _count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(_sql(self.shape, rows=False), self.params)
            return int(cursor.fetchone()[0])

    def _rows(self, offset: int, limit: int | None) -> list[dict]:
        if limit is None and connection.vendor != "postgresql":
            limit = -1  # SQLite's "no limit" (PostgreSQL's is NULL)
        with connection.cursor() as cursor:
            cursor.execute(_sql(self.shape, rows=True), [*self.params, limit, offset])
            return dict_rows(cursor, ROW)


@functools.cache
def _sql(shape: tuple[str, ...], *, rows: bool) -> str:
    """The count, or the rows (LIMIT %s OFFSET %s after the conditions' values), of the
    published activities meeting the conditions `shape` names (Upcoming.__init__)."""
    a, places, branch = Activity, ActivityPlaces, Branch
    starts = column(a, "starts_at")
    where = [f"{column(a, 'status')} = '{Activity.Status.PUBLISHED.value}'", f"{starts} >= %s"]
    for name in shape[1:]:
        if name == "end":
            where.append(f"{starts} < %s")
        elif name == "branch":
            where.append(f"{column(a, 'branch')} = %s")
        elif name == "month":
            where.append(f"{starts} >= %s AND {starts} < %s")
        else:
            where.append(f"{column(a, name)}")
    conditions = " AND ".join(where)
    if not rows:
        return f"SELECT COUNT(*) FROM {table(a)} WHERE {conditions}"
    read = [
        f"COALESCE({column(model, name)}, 0)" if model is places else column(model, name)
        for _, model, name in ROW
    ]
    return (
        f"SELECT {', '.join(read)} FROM {table(a)}"
        f" JOIN {table(branch)} ON {column(branch, 'id')} = {column(a, 'branch')}"
        f" LEFT JOIN {table(places)} ON {column(places, 'activity')} = {column(a, 'id')}"
        f" WHERE {conditions} ORDER BY {starts}, {column(a, 'id')} LIMIT %s OFFSET %s"
    )
