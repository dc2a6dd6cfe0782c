"""The demo's trip with transport: one of 2 wheelchair spaces taken, a second wheelchair
user can book the last, a third is refused and the organisers see it; safe to load twice."""

import pytest

from events import services
from events.demo.transport import TITLE, loaded_transport
from events.models import Activity, Booking, TransportAsk
from events.services.transport import NoRoomToTravel
from members.demo import load_people
from members.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_trip_has_a_wheelchair_space_left_for_one_more():
    load_people()
    loaded = loaded_transport()
    again = loaded_transport()
    assert Activity.objects.filter(title=TITLE).count() == 1 and again.notes == loaded.notes
    trip = Activity.objects.get(title=TITLE)
    assert (trip.transport.seats, trip.transport.wheelchair_spaces) == (8, 2)
    riding = trip.bookings.filter(status=Booking.Status.CONFIRMED)
    assert riding.count() == 5
    assert riding.filter(wheelchair_space=True).count() == 1
    assert riding.filter(travel_seats=0).count() == 1
    second, third = (
        User.objects.get(username=line.split(" as ")[1].split()[0].rstrip(":")).member
        for line in loaded.notes[1:]
    )
    booked = services.booking_create(activity=trip, member=second, actor=second.user)
    assert booked.wheelchair_space
    with pytest.raises(NoRoomToTravel):
        services.booking_create(activity=trip, member=third, actor=third.user)
    assert TransportAsk.objects.filter(activity=trip, member=third).exists()
