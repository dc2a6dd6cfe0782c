"""What booking through the API reads, and how: the member without their branch (neither
the booking nor its answer needs it), and the places counted under the activity's lock in
one plain query (events/services/bookings.py), with the answers the ORM gave."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events.models import Booking
from members.selectors import member_for_user, member_without_branch
from tests.events.conftest import make_activity, make_members
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
