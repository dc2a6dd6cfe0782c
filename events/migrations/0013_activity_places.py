"""Each activity's places taken and people waiting, kept by the database.

Every list of activities (What's on, the API's list, the organiser's, home pages) showed
places left by counting each activity's bookings in two correlated subqueries: at `make
bench`'s L the API's list of 50 read about 2,100 bookings, 1.5 ms of PostgreSQL's time a
page. events_activityplaces keeps, for each activity with a booking,
- `taken`: the sum of `places_used` over its bookings holding places (Booking.HOLDING),
- `waiting`: how many of its bookings are on the waiting list,
and a row trigger on events_booking keeps them: a booking made, deleted, or changed in
status, places or activity moves its numbers. A change within one activity is one
INSERT ... ON CONFLICT with the difference; nothing is written when the numbers do not
move (a confirmed booking marked attended, a booking's notes). On PostgreSQL the trigger
fires on every UPDATE, not UPDATE OF its columns: a trigger naming columns would stop a
later migration from changing those columns' types.

Locks: a booking's change writes its activity's row here, so two transactions changing
bookings of one activity queue on that row until the first commits. Booking already locks
the activity itself (events.services.booking_lock), so the race for places is no slower;
bookings of different activities never share a row.

The statuses are written into the trigger here. If Booking.HOLDING ever changes, a new
migration must make the trigger again (tests/events/test_activity_places.py checks every
status against Booking.HOLDING).

Existing bookings are counted once, here, with events_booking locked against writes
meanwhile on PostgreSQL (SHARE ROW EXCLUSIVE: reads go on; bookings wait for the
migration to end). SQLite (the demo) gets the same trigger, as three.
"""

import django.db.models.deletion
from django.db import migrations, models

HOLDING = ("awaiting_payment", "confirmed", "offered", "attended", "no_show")
WAITING = "waiting"
_IN_HOLDING = "IN (" + ", ".join(f"'{s}'" for s in HOLDING) + ")"


def _taken(row: str) -> str:
    return f"CASE WHEN {row}.status {_IN_HOLDING} THEN {row}.places_used ELSE 0 END"


def _waiting(row: str) -> str:
    return f"CASE WHEN {row}.status = '{WAITING}' THEN 1 ELSE 0 END"


PG_SQL = f"""
CREATE FUNCTION events_booking_places() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_taken integer := 0;
    old_waiting integer := 0;
    new_taken integer := 0;
    new_waiting integer := 0;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_taken := {_taken("OLD")};
        old_waiting := {_waiting("OLD")};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_taken := {_taken("NEW")};
        new_waiting := {_waiting("NEW")};
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.activity_id = NEW.activity_id THEN
        new_taken := new_taken - old_taken;
        new_waiting := new_waiting - old_waiting;
        old_taken := 0;
        old_waiting := 0;
    END IF;
    IF old_taken <> 0 OR old_waiting <> 0 THEN
        -- Only ever an UPDATE: a booking that counted has its activity's row already.
        UPDATE events_activityplaces
            SET taken = taken - old_taken, waiting = waiting - old_waiting
            WHERE activity_id = OLD.activity_id;
    END IF;
    IF new_taken <> 0 OR new_waiting <> 0 THEN
        INSERT INTO events_activityplaces (activity_id, taken, waiting)
            VALUES (NEW.activity_id, new_taken, new_waiting)
            ON CONFLICT (activity_id) DO UPDATE SET
                taken = events_activityplaces.taken + EXCLUDED.taken,
                waiting = events_activityplaces.waiting + EXCLUDED.waiting;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER events_booking_places
    AFTER INSERT OR DELETE OR UPDATE ON events_booking
    FOR EACH ROW EXECUTE FUNCTION events_booking_places();
"""

PG_DROP_SQL = """
DROP TRIGGER IF EXISTS events_booking_places ON events_booking;
DROP FUNCTION IF EXISTS events_booking_places();
"""

_SQLITE_ADD = f"""
    INSERT INTO events_activityplaces (activity_id, taken, waiting)
        SELECT NEW.activity_id, {_taken("NEW")}, {_waiting("NEW")}
        WHERE NEW.status {_IN_HOLDING} OR NEW.status = '{WAITING}'
        ON CONFLICT (activity_id) DO UPDATE SET
            taken = taken + excluded.taken, waiting = waiting + excluded.waiting;
"""
_SQLITE_TAKE_AWAY = f"""
    UPDATE events_activityplaces
        SET taken = taken - {_taken("OLD")}, waiting = waiting - {_waiting("OLD")}
        WHERE activity_id = OLD.activity_id;
"""
SQLITE_SQL = [
    f"CREATE TRIGGER events_booking_places_insert AFTER INSERT ON events_booking"
    f" BEGIN {_SQLITE_ADD} END",
    f"CREATE TRIGGER events_booking_places_delete AFTER DELETE ON events_booking"
    f" BEGIN {_SQLITE_TAKE_AWAY} END",
    "CREATE TRIGGER events_booking_places_update"
    " AFTER UPDATE OF status, places_used, activity_id ON events_booking"
    f" BEGIN {_SQLITE_TAKE_AWAY} {_SQLITE_ADD} END",
]
SQLITE_DROP_SQL = [
    f"DROP TRIGGER IF EXISTS events_booking_places_{op}" for op in ("insert", "delete", "update")
]

BACKFILL_SQL = f"""
INSERT INTO events_activityplaces (activity_id, taken, waiting)
SELECT b.activity_id,
    SUM(CASE WHEN b.status {_IN_HOLDING} THEN b.places_used ELSE 0 END),
    SUM(CASE WHEN b.status = '{WAITING}' THEN 1 ELSE 0 END)
FROM events_booking b
WHERE b.status {_IN_HOLDING} OR b.status = '{WAITING}'
GROUP BY b.activity_id
"""


def keep_places(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # Not behind a long transaction for ever, holding up every booking meanwhile: after
        # 10 s waiting for a lock (this one, or events_activity's for the new table's
        # foreign key at the end) the migration fails, changes nothing, and is run again.
        schema_editor.execute("SET LOCAL lock_timeout = '10s'")
        schema_editor.execute("LOCK TABLE events_booking IN SHARE ROW EXCLUSIVE MODE")
        schema_editor.execute(PG_SQL, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_SQL:
            schema_editor.execute(sql, params=None)
    else:
        raise NotImplementedError(f"events_activityplaces has no trigger for {vendor}")
    schema_editor.execute(BACKFILL_SQL, params=None)


def stop_keeping_places(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP_SQL, params=None)
    else:
        for sql in SQLITE_DROP_SQL:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_proposals"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActivityPlaces",
            fields=[
                (
                    "activity",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="places_kept",
                        serialize=False,
                        to="events.activity",
                    ),
                ),
                ("taken", models.IntegerField(default=0)),
                ("waiting", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name_plural": "activity places",
            },
        ),
        migrations.RunPython(keep_places, stop_keeping_places),
    ]
