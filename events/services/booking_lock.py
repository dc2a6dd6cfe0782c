"""The two reads a booking makes under the activity's row lock: the locked activity (with
its transport) and the places its bookings hold. Every booking of one activity waits on
that lock, so the time they take is paid once per booking in turn: both are plain SQL
(coop/sql.py), where the ORM's building of them cost about 1 ms of Python a booking. And
the one read the API makes before it: the activity unless it is a draft."""

import functools

from django.db import connection

from coop.sql import BIGGEST_KEY, column, columns, first_raw, placeholders, table
from events.errors import BookingError
from events.models import Activity, Booking, Transport
from members.models import Member

# The statuses as plain strings, as the database drivers take them.
HOLDING = [str(status) for status in Booking.HOLDING]
LIVE = [str(status) for status in Booking.LIVE]


@functools.cache
def _lock_sql() -> str:
    """SELECT activity %s, with the id of its transport (NULL: none), locking its row."""
    a, t = Activity, Transport
    lock = f" FOR UPDATE OF {table(a)}" if connection.features.has_select_for_update_of else ""
    return (
        f"SELECT {columns(a)}, {column(t, 'id')} AS transport_pk FROM {table(a)}"
        f" LEFT JOIN {table(t)} ON {column(t, 'activity')} = {column(a, 'id')}"
        f" WHERE {column(a, 'id')} = %s{lock}"
    )


def lock_activity(pk: int) -> Activity:
    """The activity, locked, with its transport in the same read. That read sees the
    transport as it was when it began: one set up while it waited for the lock is one set
    up after this booking (which then does not travel, and takes no seat), and one that
    was there is read again under the lock, as its seats may have changed meanwhile.
    Activity.DoesNotExist when there is no such activity. Only inside a transaction (as
    the ORM's select_for_update insists): outside one the lock would end with the read."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_activity() must run inside transaction.atomic().")
    activity = first_raw(Activity, _lock_sql(), [pk])
    if activity is None:
        raise Activity.DoesNotExist("Activity matching query does not exist.")  # as get()
    if activity.transport_pk is None:
        # As select_related leaves it: transport_of() knows there is none, with no query.
        Activity.transport.related.set_cached_value(activity, None)
    else:
        activity.transport = Transport.objects.get(pk=activity.transport_pk)
    return activity


@functools.cache
def _places_sql() -> str:
    """SELECT (member, status, places, seats, wheelchair space) of the bookings of
    activity %s holding a place, and of member %s's live booking; the HOLDING and LIVE
    statuses given after each."""
    b = Booking
    holding = placeholders(len(HOLDING))
    live = placeholders(len(LIVE))
    return (
        f"SELECT {column(b, 'member')}, {column(b, 'status')}, {column(b, 'places_used')},"
        f" {column(b, 'travel_seats')}, {column(b, 'wheelchair_space')} FROM {table(b)}"
        f" WHERE {column(b, 'activity')} = %s AND ({column(b, 'status')} IN ({holding})"
        f" OR ({column(b, 'member')} = %s AND {column(b, 'status')} IN ({live})))"
    )


def places_taken_unless_booked(activity: Activity, member: Member) -> tuple[int, tuple[int, int]]:
    """The places held on the locked activity, and the seats and wheelchair spaces those
    bookings take on its transport (as riders() counts them). Raises BookingError when the
    member has booked it already. One read under the lock answers all three."""
    with connection.cursor() as cursor:
        cursor.execute(_places_sql(), [activity.pk, *HOLDING, member.pk, *LIVE])
        live = cursor.fetchall()
    if any(row[0] == member.pk for row in live):
        raise BookingError("You have booked this already.", code="already_booked")
    holding = [row for row in live if row[1] in HOLDING]
    seats = sum(row[3] for row in holding)
    spaces = sum(1 for row in holding if row[4])
    return sum(row[2] for row in holding), (seats, spaces)


@functools.cache
def _unless_draft_sql(fields: tuple[str, ...]) -> str:
    """SELECT the id, status and `fields` of activity %s unless its status is %s."""
    a = Activity
    read = ", ".join(column(a, name) for name in ("id", "status", *fields))
    return (
        f"SELECT {read} FROM {table(a)}"
        f" WHERE {column(a, 'id')} = %s AND {column(a, 'status')} <> %s"
    )


def activity_unless_draft(pk: int, fields: tuple[str, ...] = ()) -> Activity | None:
    """Activity `pk` with its id, status and `fields` read (the rest deferred), or None
    for a draft (nobody books one or marks who came) or no such activity. Booking through
    the API reads only this before the lock, which reads the rest; the register reads its
    title and start. One plain query: the whole activity read through the ORM cost about
    1 ms of Python, the ORM's building of this read 0.4 ms."""
    if not 0 < pk <= BIGGEST_KEY:  # a number the database would refuse to compare
        return None
    return first_raw(Activity, _unless_draft_sql(fields), [pk, str(Activity.Status.DRAFT)])
