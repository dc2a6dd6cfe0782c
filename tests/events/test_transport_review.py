"""A second look at transport: seats and wheelchair spaces when a member's needs change
while they wait, when the organiser adds room, and when a member's data is erased."""

import pytest

from events import services
from events.models import Booking
from events.personal_data import erase_bookings
from members import services as member_services
from tests.events.conftest import make_members
from tests.events.transport_helpers import add_transport, book, in_a_wheelchair, trip

pytestmark = pytest.mark.django_db


def test_someone_who_needs_a_wheelchair_since_joining_the_waiting_list_waits_for_a_space(
    cast, django_capture_on_commit_callbacks
):
    activity = trip(cast, places=2, seats=12, wheelchair_spaces=1)
    ann, xan, bea, yan = make_members(cast, 4)
    in_a_wheelchair(ann, cast.admin)
    book(activity, ann)  # the only wheelchair space
    leaving = book(activity, xan)
    bea_waits = book(activity, bea)
    yan_waits = book(activity, yan)
    assert bea_waits.wheelchair_space is False
    in_a_wheelchair(bea, cast.admin)  # her needs change while she waits
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=leaving, actor=xan.user)
    bea_waits.refresh_from_db()
    yan_waits.refresh_from_db()
    # No wheelchair space is left for her: the place goes to Yan, and Bea keeps waiting.
    assert bea_waits.status == Booking.Status.WAITING
    assert yan_waits.status == Booking.Status.OFFERED


def test_an_offer_keeps_a_wheelchair_space_for_someone_who_needs_one_now(
    cast, django_capture_on_commit_callbacks
):
    activity = trip(cast, places=1, seats=12, wheelchair_spaces=1)
    xan, bea = make_members(cast, 2)
    leaving = book(activity, xan)
    bea_waits = book(activity, bea)
    in_a_wheelchair(bea, cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=leaving, actor=xan.user)
    bea_waits.refresh_from_db()
    assert bea_waits.status == Booking.Status.OFFERED
    assert bea_waits.wheelchair_space is True  # the space is kept for her, and counted


def test_adding_a_wheelchair_space_offers_the_free_place_to_who_waits_for_it(
    cast, django_capture_on_commit_callbacks
):
    activity = trip(cast, places=2, seats=12, wheelchair_spaces=1)
    ann, xan, bea = make_members(cast, 3)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    book(activity, ann)
    leaving = book(activity, xan)
    bea_waits = book(activity, bea)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=leaving, actor=xan.user)
    bea_waits.refresh_from_db()
    assert bea_waits.status == Booking.Status.WAITING  # a place, but no wheelchair space
    with django_capture_on_commit_callbacks(execute=True):
        add_transport(activity, cast.organiser, wheelchair_spaces=2)
    bea_waits.refresh_from_db()
    # The organiser made room: Bea, waiting longest, is offered the place at once (before
    # someone not on the waiting list could book it).
    assert bea_waits.status == Booking.Status.OFFERED


def test_erasing_a_member_forgets_that_their_bookings_kept_a_wheelchair_space(cast):
    activity = trip(cast, places=5, seats=12, wheelchair_spaces=1)
    (ann,) = make_members(cast, 1)
    in_a_wheelchair(ann, cast.admin)
    booking = book(activity, ann)
    assert booking.wheelchair_space is True
    member_services.member_erase(member=ann, actor=cast.admin, reason="Ann asked, by phone")
    erase_bookings(ann.user)  # run twice: erasing again changes nothing more
    booking.refresh_from_db()
    # Her access needs are emptied; her bookings must not still say she uses a wheelchair.
    assert booking.wheelchair_space is False
    assert not booking.history.filter(wheelchair_space=True).exists()
