"""Changing how a booked member gets there (the minibus, or their own way): the service
counts seats and wheelchair spaces under the activity's lock, refuses in plain words with
nothing changed, does it once when sent twice, and frees room to the waiting list."""

import datetime as dt

import pytest
from django.utils import timezone

from coop.models import AuditEntry
from events import services
from events.errors import BookingError
from events.models import Activity, Booking, TransportAsk
from events.services.travel_switch import booking_travel_switch
from events.transport_room import riders
from tests.events.conftest import make_members
from tests.events.transport_helpers import book, in_a_wheelchair, trip

pytestmark = pytest.mark.django_db


def switch(booking, member, ride):
    return booking_travel_switch(booking=booking, actor=member.user, ride=ride)


def switched(booking) -> int:
    return AuditEntry.objects.filter(
        action="booking.travel_switched", target_id=str(booking.pk)
    ).count()


def test_switch_to_own_way_and_back(cast):
    activity = trip(cast)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann, guests=[{"kind": "carer"}])
    assert booking.travel_seats == 2
    booking = switch(booking, ann, ride=False)
    booking.refresh_from_db()
    assert (booking.travel_seats, booking.wheelchair_space) == (0, False)
    assert riders(activity) == (0, 0)
    booking = switch(booking, ann, ride=True)
    booking.refresh_from_db()
    assert (booking.travel_seats, booking.wheelchair_space) == (2, False)
    assert riders(activity) == (2, 0)
    assert switched(booking) == 2


def test_sent_twice_it_is_done_once(cast):
    activity = trip(cast)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann, travel=False)
    switch(booking, ann, ride=True)
    switch(booking, ann, ride=True)
    assert switched(booking) == 1
    assert riders(activity) == (1, 0)


def test_no_seat_left_is_refused_and_nothing_changes(cast):
    activity = trip(cast, seats=1, wheelchair_spaces=0, kind="car")
    ann, bea = make_members(cast, 2)
    book(activity, ann)
    booking = book(activity, bea, travel=False)
    with pytest.raises(BookingError) as caught:
        switch(booking, bea, ride=True)
    assert caught.value.message == (
        "There is no seat left on the car. You can still make your own way."
    )
    booking.refresh_from_db()
    assert booking.travel_seats == 0
    assert riders(activity) == (1, 0)
    assert switched(booking) == 0


def test_a_wheelchair_user_takes_a_space(cast):
    activity = trip(cast, wheelchair_spaces=1)
    (ann,) = make_members(cast, 1)
    in_a_wheelchair(ann, cast.admin)
    booking = book(activity, ann, travel=False)
    booking = switch(booking, ann, ride=True)
    booking.refresh_from_db()
    assert (booking.travel_seats, booking.wheelchair_space) == (1, True)
    switch(booking, ann, ride=False)
    assert riders(activity) == (0, 0)


def test_no_wheelchair_space_is_refused_and_told_to_the_organisers(cast):
    activity = trip(cast, wheelchair_spaces=1)
    ann, bea = make_members(cast, 2)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    book(activity, ann)
    booking = book(activity, bea, travel=False)
    with pytest.raises(BookingError) as caught:
        switch(booking, bea, ride=True)
    assert caught.value.code == "no_wheelchair_space"
    assert "no wheelchair space left on the accessible minibus" in caught.value.message
    booking.refresh_from_db()
    assert (booking.travel_seats, booking.wheelchair_space) == (0, False)
    ask = TransportAsk.objects.get(activity=activity, member=bea, dealt_with_at=None)
    assert ask.need == TransportAsk.Need.WHEELCHAIR


def test_riding_closes_an_open_ask(cast):
    activity = trip(cast, wheelchair_spaces=1)
    ann, bea = make_members(cast, 2)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    first = book(activity, ann)
    booking = book(activity, bea, travel=False)
    with pytest.raises(BookingError):
        switch(booking, bea, ride=True)
    switch(first, ann, ride=False)  # Ann's space is free now
    switch(booking, bea, ride=True)
    assert not TransportAsk.objects.filter(member=bea, dealt_with_at=None).exists()


def test_cancelled_booking_is_refused(cast):
    activity = trip(cast)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann, travel=False)
    services.booking_cancel(booking=booking, actor=ann.user)
    with pytest.raises(BookingError) as caught:
        switch(booking, ann, ride=True)
    assert caught.value.code == "not_live"
    booking.refresh_from_db()
    assert booking.travel_seats == 0


def test_cancelled_activity_is_refused(cast):
    activity = trip(cast)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann, travel=False)
    Activity.objects.filter(pk=activity.pk).update(status=Activity.Status.CANCELLED)
    with pytest.raises(BookingError) as caught:
        switch(booking, ann, ride=True)
    assert caught.value.code == "cancelled"


def test_past_activity_is_refused(cast):
    activity = trip(cast)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann)
    now, hour = timezone.now(), dt.timedelta(hours=1)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=now - hour,
        ends_at=now + hour,
        booking_closes_at=now - 2 * hour,
        cancel_by=now - 2 * hour,
    )
    with pytest.raises(BookingError) as caught:
        switch(booking, ann, ride=False)
    assert caught.value.code == "past"
    booking.refresh_from_db()
    assert booking.travel_seats == 1


def test_a_waiting_booking_is_refused(cast):
    activity = trip(cast, places=1)
    ann, bea = make_members(cast, 2)
    book(activity, ann)
    waiting = book(activity, bea)
    assert waiting.status == Booking.Status.WAITING
    with pytest.raises(BookingError):
        switch(waiting, bea, ride=False)


def test_own_way_frees_room_to_the_waiting_list(cast, django_capture_on_commit_callbacks):
    activity = trip(cast, places=2, seats=1, wheelchair_spaces=0, kind="car")
    ann, xan, bea = make_members(cast, 3)
    riding = book(activity, ann)
    leaving = book(activity, xan, travel=False)
    bea_waits = book(activity, bea)  # full: waits, wanting to ride
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=leaving, actor=xan.user)
    bea_waits.refresh_from_db()
    assert bea_waits.status == Booking.Status.WAITING  # a place, but no seat
    with django_capture_on_commit_callbacks(execute=True):
        switch(riding, ann, ride=False)
    bea_waits.refresh_from_db()
    assert bea_waits.status == Booking.Status.OFFERED
