"""What booking through the API reads, and how: the member without their branch (neither
the booking nor its answer needs it), and the places counted under the activity's lock in
one plain query (events/services/booking_lock.py), with the answers the ORM gave."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events.errors import BookingError
from events.models import Activity, Booking
from events.services.booking_lock import lock_activity, places_taken_unless_booked
from events.transport_room import riders, transport_of
from members.selectors import member_for_user, member_without_branch
from tests.events.conftest import make_activity, make_members
from tests.events.transport_helpers import add_transport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_member_without_branch_is_the_users_member_or_none(cast):
    member = member_without_branch(cast.member)
    assert member == member_for_user(cast.member) == cast.member_row
    assert (member.user_id, member.status, member.branch_id) == (
        cast.member.pk,
        cast.member_row.status,
        cast.member_row.branch_id,
    )
    assert member_without_branch(UserFactory(username="no-member")) is None
    assert member_without_branch(AnonymousUser()) is None


def book_for_yourself(member, activity):
    return token_client(member.user).post(
        reverse("events_api:booking-create", kwargs={"pk": activity.pk}),
        {"payment": "cash"},
        format="json",
    )


@pytest.mark.parametrize("full", [False, True], ids=["a place", "waiting"])
def test_booking_for_yourself_with_a_token_reads_no_branch_of_yours(cast, full):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1, fee_pence=0)
    first, member = make_members(cast, 2)
    if full:
        assert book_for_yourself(first, activity).json()["status"] == Booking.Status.CONFIRMED
    with CaptureQueriesContext(connection) as queries:
        response = book_for_yourself(member, activity)
    assert response.status_code == 201, response.content
    status = Booking.Status.WAITING if full else Booking.Status.CONFIRMED
    assert response.json()["status"] == status
    assert Booking.objects.get(member=member).status == status
    assert not [q["sql"] for q in queries.captured_queries if '"members_branch"' in q["sql"]]


def test_places_taken_count_holding_bookings_only_and_their_seats(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=20, fee_pence=0)
    members = make_members(cast, 8)
    rows = [  # status, places, seats, wheelchair space
        (Booking.Status.CONFIRMED, 2, 2, True),
        (Booking.Status.AWAITING_PAYMENT, 1, 1, False),
        (Booking.Status.OFFERED, 3, 0, False),
        (Booking.Status.ATTENDED, 1, 1, True),
        (Booking.Status.NO_SHOW, 1, 0, False),
        (Booking.Status.WAITING, 4, 4, True),
        (Booking.Status.CANCELLED, 5, 5, True),
    ]
    for member, (status, places, seats, space) in zip(members, rows, strict=False):
        Booking.objects.create(
            activity=activity,
            member=member,
            status=status,
            places_used=places,
            travel_seats=seats,
            wheelchair_space=space,
        )
    other = make_activity(cast.organiser, cast.member_row.branch, places=9, title="Other")
    Booking.objects.create(activity=other, member=members[7], places_used=2, travel_seats=2)
    assert riders(activity) == (4, 2)  # as the transport's own count has it
    assert places_taken_unless_booked(activity, members[7]) == (8, (4, 2))
    # Booked already: any live booking (waiting too), but not a cancelled one.
    for member in members[:6]:
        with pytest.raises(BookingError) as refused:
            places_taken_unless_booked(activity, member)
        assert refused.value.code == "already_booked"
    assert places_taken_unless_booked(activity, members[6]) == (8, (4, 2))


def test_the_locked_activity_comes_with_its_transport_or_knows_it_has_none(
    cast, django_assert_num_queries
):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=3, fee_pence=0)
    with transaction.atomic(), django_assert_num_queries(1) as queries:
        locked = lock_activity(activity.pk)
        assert transport_of(locked) is None
    # The row is locked (PostgreSQL: the activity's row only, not its transport's).
    assert queries.captured_queries[0]["sql"].endswith(' FOR UPDATE OF "events_activity"')
    assert (locked.pk, locked.title, locked.places, locked.status) == (
        activity.pk,
        "Bowling",
        3,
        Activity.Status.PUBLISHED,
    )
    transport = add_transport(activity, cast.organiser, seats=7)
    with transaction.atomic(), django_assert_num_queries(2):  # the transport read again
        locked = lock_activity(activity.pk)
        assert (transport_of(locked).pk, transport_of(locked).seats) == (transport.pk, 7)
    with transaction.atomic(), pytest.raises(Activity.DoesNotExist):
        lock_activity(999999)


@pytest.mark.django_db(transaction=True)
def test_the_lock_is_refused_outside_a_transaction(cast):
    """Outside a transaction the row lock would end with the read: refused, as the ORM's
    select_for_update refuses."""
    activity = make_activity(cast.organiser, cast.member_row.branch)
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        lock_activity(activity.pk)
