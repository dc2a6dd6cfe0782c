"""The demo's cinema trip: a wheelchair user booked to ride before her needs said so; no
space is kept, the organisers see it, and one is free to keep; safe to load twice."""

import pytest

from events.demo.cast import cast
from events.demo.transport import _wheelchair_users, loaded_transport
from events.demo.transport_needs import TITLE, loaded_transport_needs
from events.models import Activity
from events.services.transport_needs import wheelchair_space_keep
from events.transport_needs import wheelchair_space_missing
from members.demo import load_people

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_rider_short_of_a_wheelchair_space():
    load_people()
    loaded_transport()
    loaded = loaded_transport_needs()
    again = loaded_transport_needs()
    assert again.notes == loaded.notes
    assert Activity.objects.filter(title=TITLE).count() == 1
    demo = cast()
    (booking,) = wheelchair_space_missing()
    assert booking.activity.title == TITLE
    assert booking.member == _wheelchair_users(demo)[1]
    assert booking.member.display_name in loaded.notes[0]
    assert wheelchair_space_keep(booking=booking, actor=demo.organiser).wheelchair_space
    assert not wheelchair_space_missing().exists()
