"""The demo's change of how someone gets there: the lake trip's own-way booker comes on
the minibus now; safe to load twice."""

import pytest

from coop.models import AuditEntry
from events.demo.transport import TITLE, loaded_transport
from events.demo.travel_switch import loaded_travel_switch
from events.models import Booking
from members.demo import load_people

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_booking_switched_to_the_minibus():
    load_people()
    loaded_transport()
    loaded = loaded_travel_switch()
    again = loaded_travel_switch()
    assert again.notes == loaded.notes
    (entry,) = AuditEntry.objects.filter(action="booking.travel_switched")
    booking = Booking.objects.get(pk=entry.target_id)
    assert booking.activity.title == TITLE
    assert booking.travel_seats == 1
    assert booking.member.display_name in loaded.notes[0]
    assert not Booking.objects.filter(activity__title=TITLE, travel_seats=0).exists()
