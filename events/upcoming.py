"""The activities What's on and the API's list show: published, still to come (or in a
window), soonest first, as plain values in plain SQL. Both pages ask on every request, and
the ORM's building of the count and of the page's query cost about 1.5 ms of Python a
request against 0.2 ms for PostgreSQL to answer them. events.selectors.activity_list is
the same list as model instances (the calendar feed reads it)."""

import datetime as dt
import functools

from django.db import connection
from django.utils import timezone

from coop.dates import day_at
from coop.sql import column, dict_rows, table
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


class Upcoming:
    """The list, counted and sliced by Django's Paginator (DRF's pages use it too) in one
    plain query each: `count()` and `[start:stop]`, which gives a list of row dicts."""

    ordered = True  # soonest first, then by id: Paginator warns of an unordered list

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
        self.params: list = [start or timezone.now()]
        if end is not None:
            shape.append("end")
            self.params.append(end)
        if branch is not None:
            shape.append("branch")
            self.params.append(branch.pk)
        if month is not None:
            # The month's first midnight to the next month's, local time: what the ORM's
            # starts_at__year and __month ask, as a range an index can read.
            first = month.replace(day=1)
            following = (first + dt.timedelta(days=32)).replace(day=1)
            shape.append("month")
            self.params += [day_at(first), day_at(following)]
        self.shape = (*shape, *(name for name in ACCESS if name in access))
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            with connection.cursor() as cursor:
                cursor.execute(_sql(self.shape, rows=False), self.params)
                self._count = int(cursor.fetchone()[0])
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[dict]:
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("Upcoming is read a slice at a time.")
        start = key.start or 0
        if key.stop is not None and key.stop <= start:
            return []
        limit = -1 if key.stop is None else key.stop - start  # SQLite's "no limit" is -1
        if limit == -1 and connection.vendor == "postgresql":
            limit = None  # PostgreSQL's is NULL
        with connection.cursor() as cursor:
            cursor.execute(_sql(self.shape, rows=True), [*self.params, limit, start])
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
