"""Seats and wheelchair spaces under a race, on PostgreSQL with threads that each hold
their own connection: the checks run under the activity's lock, so none is overfilled."""

import pytest

from events import services
from events.errors import BookingError
from events.models import Booking, TransportAsk
from tests.events.conftest import make_activity, make_members
from tests.events.test_booking_races import run_together
from tests.events.transport_helpers import add_transport, in_a_wheelchair

pytestmark = pytest.mark.django_db(transaction=True)


def test_six_wheelchair_users_booking_two_spaces_at_once(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=20, fee_pence=0)
    add_transport(activity, cast.organiser, seats=12, wheelchair_spaces=2)
    members = [in_a_wheelchair(m, cast.admin) for m in make_members(cast, 6)]
    results = run_together(
        [
            (lambda m=m: services.booking_create(activity=activity, member=m, actor=m.user))
            for m in members
        ]
    )
    refused = [r for r in results if isinstance(r, BookingError)]
    assert len(refused) == 4 and {r.code for r in refused} == {"no_wheelchair_space"}
    booked = Booking.objects.filter(activity=activity, status=Booking.Status.CONFIRMED)
    assert booked.count() == 2 and all(b.wheelchair_space for b in booked)
    assert TransportAsk.objects.filter(activity=activity, dealt_with_at=None).count() == 4


def test_ten_people_booking_four_seats_at_once(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=20, fee_pence=0)
    add_transport(activity, cast.organiser, kind="minibus", seats=4, wheelchair_spaces=0)
    members = make_members(cast, 10)
    results = run_together(
        [
            (lambda m=m: services.booking_create(activity=activity, member=m, actor=m.user))
            for m in members
        ]
    )
    assert sum(isinstance(r, BookingError) for r in results) == 6
    booked = Booking.objects.filter(activity=activity, status=Booking.Status.CONFIRMED)
    assert sum(b.travel_seats for b in booked) == 4
