"""Each activity's places taken and people waiting, kept by the database (ActivityPlaces,
events migration 0013): after any change to bookings, what is kept is what counting the
bookings gives, and lists of activities read it in the same query."""

import random

from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext

from events import selectors
from events.models import Activity, ActivityPlaces, Booking
from tests.events.conftest import make_activity, make_members


def counted(activities: list[Activity]) -> dict[int, tuple[int, int]]:
    """Places taken and people waiting, counted from the bookings."""
    rows = (
        Activity.objects.filter(pk__in=[a.pk for a in activities])
        .annotate(
            taken=Sum("bookings__places_used", filter=Q(bookings__status__in=Booking.HOLDING)),
            waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING)),
        )
        .values_list("pk", "taken", "waiting")
    )
    return {pk: (taken or 0, waiting) for pk, taken, waiting in rows}


def kept(activities: list[Activity]) -> dict[int, tuple[int, int]]:
    """What lists read: the kept numbers, through selectors.with_places."""
    rows = selectors.with_places(Activity.objects.filter(pk__in=[a.pk for a in activities]))
    return {a.pk: (a.taken, a.waiting) for a in rows}


def test_every_status_counts_as_booking_holding_says(cast):
    """The trigger has the statuses written in: this fails if Booking.HOLDING changes
    without a migration making the trigger again."""
    activity = make_activity(cast.organiser, cast.member_row.branch, places=50)
    members = make_members(cast, len(Booking.Status.choices))
    expected_taken = expected_waiting = 0
    for member, status in zip(members, Booking.Status.values, strict=True):
        Booking.objects.create(activity=activity, member=member, status=status, places_used=2)
        if status in Booking.HOLDING:
            expected_taken += 2
        if status == Booking.Status.WAITING:
            expected_waiting += 1
        assert kept([activity]) == counted([activity])
    assert kept([activity]) == {activity.pk: (expected_taken, expected_waiting)}


def test_each_kind_of_change_moves_the_numbers(cast):
    one = make_activity(cast.organiser, cast.member_row.branch, places=20)
    two = make_activity(cast.organiser, cast.member_row.branch, places=20, title="Walk")
    member, other = make_members(cast, 2)
    assert kept([one, two]) == {one.pk: (0, 0), two.pk: (0, 0)}  # no row: nought
    assert not ActivityPlaces.objects.filter(activity=one).exists()

    booking = Booking.objects.create(
        activity=one, member=member, status=Booking.Status.CONFIRMED, places_used=2
    )
    waiting = Booking.objects.create(activity=one, member=other, status=Booking.Status.WAITING)
    assert kept([one, two]) == {one.pk: (2, 1), two.pk: (0, 0)}

    steps = [
        ("places_used", 3, {one.pk: (3, 1), two.pk: (0, 0)}),
        ("status", Booking.Status.ATTENDED, {one.pk: (3, 1), two.pk: (0, 0)}),
        ("status", Booking.Status.CANCELLED, {one.pk: (0, 1), two.pk: (0, 0)}),
        ("status", Booking.Status.CONFIRMED, {one.pk: (3, 1), two.pk: (0, 0)}),
        ("activity", two, {one.pk: (0, 1), two.pk: (3, 0)}),
        ("status", Booking.Status.WAITING, {one.pk: (0, 1), two.pk: (0, 1)}),
        ("activity", one, {one.pk: (0, 2), two.pk: (0, 0)}),
    ]
    for field, value, expected in steps:
        setattr(booking, field, value)
        booking.save()
        assert kept([one, two]) == expected == counted([one, two]), (field, value)

    waiting.status = Booking.Status.OFFERED
    waiting.save(update_fields=["status"])
    assert kept([one, two]) == {one.pk: (1, 1), two.pk: (0, 0)}
    Booking.objects.filter(pk=waiting.pk).delete()
    Booking.objects.filter(pk=booking.pk).delete()
    assert kept([one, two]) == {one.pk: (0, 0), two.pk: (0, 0)} == counted([one, two])


def test_bulk_changes_keep_the_numbers_too(cast):
    """QuerySet.update and bulk_create send no signals: the trigger still sees them."""
    activities = [
        make_activity(cast.organiser, cast.member_row.branch, places=50, title=t)
        for t in ("Swim", "Cafe", "Film")
    ]
    members = make_members(cast, 12)
    rnd = random.Random(23)
    statuses = Booking.Status.values
    Booking.objects.bulk_create(
        Booking(
            activity=rnd.choice(activities),
            member=m,
            status=rnd.choice(statuses),
            places_used=rnd.randint(1, 3),
        )
        for m in members
    )
    assert kept(activities) == counted(activities)
    for _ in range(40):
        booking = Booking.objects.order_by("?").first()
        change = rnd.choice(["status", "places", "move", "bulk"])
        if change == "status":
            Booking.objects.filter(pk=booking.pk).update(status=rnd.choice(statuses))
        elif change == "places":
            Booking.objects.filter(pk=booking.pk).update(places_used=rnd.randint(1, 4))
        elif change == "move":
            Booking.objects.filter(pk=booking.pk).update(activity=rnd.choice(activities))
        else:
            Booking.objects.filter(activity=rnd.choice(activities)).update(
                status=rnd.choice(statuses)
            )
        assert kept(activities) == counted(activities), change


def test_booking_through_the_service_and_the_list_agree(cast, free_activity):
    """What's on's query reads the kept numbers in its one query: no bookings counted."""
    from events import services

    members = make_members(cast, 7)
    for member in members:
        services.booking_create(member=member, activity=free_activity, actor=member.user)
    assert kept([free_activity]) == {free_activity.pk: (5, 2)} == counted([free_activity])
    with CaptureQueriesContext(connection) as queries:
        rows = list(selectors.activity_list().filter(pk=free_activity.pk))
    assert [(a.taken, a.waiting, a.left) for a in rows] == [(5, 2, 0)]
    assert len(queries) == 1 and "events_booking" not in queries[0]["sql"]


def test_the_trigger_leaves_the_bookings_columns_free_to_change_type(db):
    """A trigger on UPDATE OF named columns would make PostgreSQL refuse a later
    migration's change of their types; this one names none."""
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT widen")
        for column, kind in (("status", "varchar(30)"), ("places_used", "integer")):
            cursor.execute(f"ALTER TABLE events_booking ALTER COLUMN {column} TYPE {kind}")
        cursor.execute("ROLLBACK TO SAVEPOINT widen")
