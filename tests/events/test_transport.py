"""Getting there and back: seats and wheelchair spaces on an activity's transport, counted
with the places; a ride that finds no room goes to the organisers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from coop.dates import easy_date, easy_time
from coop.easyread import easy_read_problems
from coop.models import AuditEntry
from events import services
from events.errors import BookingError
from events.models import Booking, Transport, TransportAsk
from events.personal_data import erase_bookings, export_bookings
from events.services.reminders import reminder_words
from events.services.transport import NoRoomToTravel
from events.transport_words import pickup_line
from members.outbox.models import Message
from tests.events.conftest import make_activity, make_members
from tests.events.transport_helpers import add_transport, book, in_a_wheelchair
from tests.events.transport_helpers import trip as seaside

pytestmark = pytest.mark.django_db


def trip(cast, **over):
    return seaside(cast, **{"places": 10, **over})


def test_riders_cannot_be_more_than_the_seats(cast):
    activity = trip(cast, seats=2, wheelchair_spaces=0, kind="minibus")
    first, second, third = make_members(cast, 3)
    assert book(activity, first).travel_seats == 1
    assert book(activity, second).status == Booking.Status.CONFIRMED
    with pytest.raises(NoRoomToTravel) as refused:
        book(activity, third)
    assert refused.value.code == "no_seat"
    assert refused.value.message == (
        "There are not enough seats left on the minibus. We have told the organiser. "
        "You can still book and make your own way there."
    )
    assert not Booking.objects.filter(member=third).exists()
    ask = TransportAsk.objects.get(member=third)
    assert ask.need == "seat" and ask.dealt_with_at is None
    # Making their own way, they still get one of the places.
    own = book(activity, third, travel=False)
    assert own.status == Booking.Status.CONFIRMED and own.travel_seats == 0
    ask.refresh_from_db()
    assert ask.dealt_with_at is not None  # booked now: nothing waits for the organiser


def test_guests_travel_with_the_member_and_take_seats(cast):
    activity = trip(cast, seats=3)
    first, second = make_members(cast, 2)
    booking = book(activity, first, guests=[{"kind": "carer"}, {"kind": "support_worker"}])
    assert booking.travel_seats == 3
    with pytest.raises(NoRoomToTravel):
        book(activity, second)


def test_a_wheelchair_user_needs_a_wheelchair_space(cast):
    activity = trip(cast, seats=12, wheelchair_spaces=1)
    ann, bea, cal = make_members(cast, 3)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    assert book(activity, ann).wheelchair_space is True
    with pytest.raises(NoRoomToTravel) as refused:
        book(activity, bea)
    assert refused.value.code == "no_wheelchair_space"
    assert refused.value.message.startswith(
        "There is no wheelchair space left on the accessible minibus. We have told the organiser."
    )
    assert TransportAsk.objects.get(member=bea).need == "wheelchair"
    # Someone who does not use a wheelchair still gets a seat.
    assert book(activity, cal).wheelchair_space is False


def test_refused_twice_the_organiser_sees_it_once(cast):
    activity = trip(cast, seats=12, wheelchair_spaces=1)
    ann, bea = make_members(cast, 2)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    book(activity, ann)
    for _ in range(2):
        with pytest.raises(NoRoomToTravel):
            book(activity, bea)
    assert TransportAsk.objects.filter(member=bea).count() == 1
    assert AuditEntry.objects.filter(action="transport.no_room").count() == 1


def test_the_organiser_books_them_to_make_their_own_way(cast):
    activity = trip(cast, seats=12, wheelchair_spaces=1)
    ann, bea = make_members(cast, 2)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    book(activity, ann)
    with pytest.raises(NoRoomToTravel):
        book(activity, bea)
    booking = services.booking_create(
        activity=activity, member=bea, actor=cast.organiser, travel=False
    )
    assert booking.status == Booking.Status.CONFIRMED and not booking.wheelchair_space
    ask = TransportAsk.objects.get(member=bea)
    assert ask.dealt_with_by == cast.organiser


def test_dealing_with_an_ask_twice_is_safe(cast):
    activity = trip(cast, seats=1, wheelchair_spaces=0, kind="car")
    ann, bea = make_members(cast, 2)
    book(activity, ann)
    with pytest.raises(NoRoomToTravel):
        book(activity, bea)
    ask = TransportAsk.objects.get(member=bea)
    first = services.transport_ask_close(ask=ask, actor=cast.organiser).dealt_with_at
    again = services.transport_ask_close(ask=ask, actor=cast.admin)
    assert again.dealt_with_at == first and again.dealt_with_by == cast.organiser


def test_a_cancelled_wheelchair_booking_frees_its_space(cast):
    activity = trip(cast, seats=12, wheelchair_spaces=1)
    ann, bea = make_members(cast, 2)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    services.booking_cancel(booking=book(activity, ann), actor=ann.user)
    assert book(activity, bea).wheelchair_space is True


def test_without_transport_nobody_travels(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    (ann,) = make_members(cast, 1)
    in_a_wheelchair(ann, cast.admin)
    booking = book(activity, ann)
    assert booking.travel_seats == 0 and not booking.wheelchair_space


def test_a_waiting_list_offer_keeps_to_the_wheelchair_spaces(
    cast, django_capture_on_commit_callbacks
):
    activity = trip(cast, places=2, seats=12, wheelchair_spaces=1)
    ann, xan, bea, yan = make_members(cast, 4)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    book(activity, ann)
    leaving = book(activity, xan)
    bea_waits = book(activity, bea)  # full: waits, wanting a wheelchair space
    yan_waits = book(activity, yan)
    assert bea_waits.status == yan_waits.status == Booking.Status.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=leaving, actor=xan.user)
    bea_waits.refresh_from_db()
    yan_waits.refresh_from_db()
    # Bea waits longest, but the only wheelchair space is Ann's: the place goes to Yan.
    assert bea_waits.status == Booking.Status.WAITING
    assert yan_waits.status == Booking.Status.OFFERED


def test_a_waiting_list_offer_keeps_to_the_seats(cast, django_capture_on_commit_callbacks):
    activity = trip(cast, places=2, seats=1, wheelchair_spaces=0, kind="car")
    ann, xan, bea, yan = make_members(cast, 4)
    book(activity, ann)
    leaving = book(activity, xan, travel=False)
    bea_waits = book(activity, bea)
    yan_waits = book(activity, yan, travel=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=leaving, actor=xan.user)
    bea_waits.refresh_from_db()
    yan_waits.refresh_from_db()
    assert (bea_waits.status, yan_waits.status) == ("waiting", "offered")


# Setting the transport: the rules in plain words, and a repeat changes nothing.


def details(activity, **over):
    fields = dict(
        kind="accessible_minibus",
        seats=12,
        wheelchair_spaces=2,
        driver="Sam",
        pickup_point="Riverside Library",
        pickup_at=activity.starts_at - dt.timedelta(minutes=30),
        return_point="Riverside Library",
        return_at=activity.ends_at + dt.timedelta(minutes=30),
    )
    return fields | over


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"seats": 0}, "The transport needs at least 1 seat."),
        (
            {"seats": 2, "wheelchair_spaces": 3},
            "There cannot be more wheelchair spaces than seats.",
        ),
        (
            {"kind": "minibus"},
            "Only an accessible minibus or taxi has wheelchair spaces. Choose one, or put 0.",
        ),
        ({"pickup_at": "start"}, "The pick-up must be before the activity starts."),
        ({"pickup_at": "long before"}, "The pick-up must be at most 12 hours before the start."),
        ({"return_at": "before end"}, "The drop-off must be after the activity ends."),
    ],
)
def test_bad_transport_is_refused_in_plain_words(cast, activity, change, words):
    times = {
        "start": activity.starts_at,
        "long before": activity.starts_at - dt.timedelta(hours=13),
        "before end": activity.ends_at - dt.timedelta(minutes=1),
    }
    change = {k: times.get(v, v) if isinstance(v, str) else v for k, v in change.items()}
    with pytest.raises(BookingError) as refused:
        services.transport_set(
            activity=activity, actor=cast.organiser, **details(activity, **change)
        )
    assert refused.value.message == words
    assert not Transport.objects.filter(activity=activity).exists()


def test_seats_cannot_go_below_the_people_booked_to_travel(cast):
    activity = trip(cast, seats=12, wheelchair_spaces=1)
    ann, bea = make_members(cast, 2)
    in_a_wheelchair(ann, cast.admin)
    book(activity, ann)
    book(activity, bea)
    with pytest.raises(BookingError) as refused:
        services.transport_set(
            activity=activity, actor=cast.organiser, **details(activity, wheelchair_spaces=0)
        )
    assert refused.value.code == "too_few_seats"
    assert refused.value.message == (
        "2 people are booked to travel, 1 in a wheelchair. There must be room for them all."
    )
    assert Transport.objects.get(activity=activity).wheelchair_spaces == 1


def test_setting_the_same_transport_twice_changes_it_once(cast, activity):
    for _ in range(2):
        services.transport_set(activity=activity, actor=cast.organiser, **details(activity))
    assert Transport.objects.filter(activity=activity).count() == 1
    assert AuditEntry.objects.filter(action="activity.transport_set").count() == 1
    services.transport_set(activity=activity, actor=cast.organiser, **details(activity, seats=8))
    assert Transport.objects.get(activity=activity).seats == 8
    entry = AuditEntry.objects.filter(action="activity.transport_set").order_by("pk").last()
    assert entry.data == {"seats": "8"}


def test_the_api_books_a_ride_or_says_plainly_there_is_no_room(cast):
    activity = trip(cast, seats=12, wheelchair_spaces=1)
    ann, bea = make_members(cast, 2)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    url = reverse("events_api:booking-create", kwargs={"pk": activity.pk})
    api = APIClient()
    api.force_authenticate(ann.user)
    assert api.post(url, {"payment": "cash"}, format="json").status_code == 201
    api.force_authenticate(bea.user)
    refused = api.post(url, {"payment": "cash"}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "no_wheelchair_space"
    own_way = api.post(url, {"payment": "cash", "travel": False}, format="json")
    assert own_way.status_code == 201
    assert Booking.objects.get(member=bea).travel_seats == 0


def test_a_vehicle_with_no_wheelchair_space_says_so(cast):
    activity = trip(cast, kind="minibus", wheelchair_spaces=0)
    (ann,) = make_members(cast, 1)
    in_a_wheelchair(ann, cast.admin)
    with pytest.raises(NoRoomToTravel) as refused:
        book(activity, ann)
    assert refused.value.message == (
        "The minibus has no space for a wheelchair. "
        "We have told the organiser. They will get in touch with you."
    )
    assert TransportAsk.objects.get(member=ann).need == "wheelchair"


def test_own_data_says_how_they_travel_and_erasure_drops_the_wheelchair_note(cast):
    activity = trip(cast, seats=12, wheelchair_spaces=1)
    ann, bea = make_members(cast, 2)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(bea, cast.admin)
    book(activity, ann)
    with pytest.raises(NoRoomToTravel):
        book(activity, bea)
    (row,) = export_bookings(ann.user)["bookings"]
    assert row["seats_on_our_transport"] == 1 and row["wheelchair_space_kept"] is True
    erase_bookings(bea.user)
    assert not TransportAsk.objects.filter(member=bea).exists()


def test_the_booked_message_and_the_reminder_say_where_it_picks_them_up(cast):
    activity = trip(cast)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann)
    pickup_at = activity.transport.pickup_at
    line = f"An accessible minibus picks you up at Riverside Library at {easy_time(pickup_at)}."
    booked = Message.objects.get(member=ann, kind="booking_booked")
    assert line in booked.body.splitlines()
    assert line in reminder_words(booking)


def test_a_pick_up_the_evening_before_says_so_in_short_sentences(cast):
    """A trip at ten past midnight: the minibus comes at 11:40pm the day before. The day
    has its own sentence, so both stay short enough for easy read."""
    activity = make_activity(
        cast.organiser, cast.member_row.branch, fee_pence=0, title="Stars", at=dt.time(0, 10)
    )
    add_transport(activity, cast.organiser)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann)
    pickup_at = activity.transport.pickup_at
    day_before = timezone.localdate(activity.starts_at) - dt.timedelta(days=1)
    assert timezone.localdate(pickup_at) == day_before
    line = (
        "An accessible minibus picks you up at Riverside Library at 11:40pm."
        f" That is the day before, on {easy_date(pickup_at)}."
    )
    booked = Message.objects.get(member=ann, kind="booking_booked")
    assert line in booked.body.splitlines()
    assert line in reminder_words(booking)
    assert easy_read_problems(line) == []


def test_the_transport_moves_with_its_activity(cast):
    """Moved a day later, the trip's minibus picks up and drops off a day later too, so
    the booked member is not told the old time; the move is audited."""
    activity = trip(cast)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann)
    before = Transport.objects.get(activity=activity)
    day = dt.timedelta(days=1)
    services.activity_update(
        activity=activity,
        actor=cast.organiser,
        starts_at=activity.starts_at + day,
        ends_at=activity.ends_at + day,
        booking_closes_at=activity.booking_closes_at + day,
    )
    after = Transport.objects.get(activity=activity)
    assert after.pickup_at == before.pickup_at + day
    assert after.return_at == before.return_at + day
    assert AuditEntry.objects.filter(action="activity.transport_moved").count() == 1
    booking.refresh_from_db()
    line = (
        f"An accessible minibus picks you up at Riverside Library at {easy_time(after.pickup_at)}."
    )
    assert line in reminder_words(booking)
    # Only the end moves: so does the drop-off, by as much.
    services.activity_update(
        activity=activity,
        actor=cast.organiser,
        ends_at=activity.ends_at + day + dt.timedelta(hours=1),
    )
    later = Transport.objects.get(activity=activity)
    assert later.pickup_at == after.pickup_at
    assert later.return_at == after.return_at + dt.timedelta(hours=1)


def test_a_move_the_transport_cannot_follow_is_refused_in_plain_words(cast):
    """Moved with its activity, valid transport stays valid (each time keeps its distance
    from the start or end it follows). One saved before today's rules (written here past
    the services: a pick-up 13 hours early) cannot follow: the move is refused in plain
    words and nothing changes."""
    activity = trip(cast)
    Transport.objects.filter(activity=activity).update(
        pickup_at=activity.starts_at - dt.timedelta(hours=13)
    )
    before = Transport.objects.get(activity=activity)
    starts_at = activity.starts_at
    with pytest.raises(BookingError) as refused:
        services.activity_update(
            activity=activity,
            actor=cast.organiser,
            starts_at=activity.starts_at + dt.timedelta(minutes=30),
        )
    assert refused.value.message == (
        "The transport does not fit the new times. The pick-up must be at most 12 hours"
        " before the start. Please change the transport first."
    )
    activity.refresh_from_db()
    assert activity.starts_at == starts_at
    assert Transport.objects.get(activity=activity).pickup_at == before.pickup_at
    assert not AuditEntry.objects.filter(action="activity.transport_moved").exists()


def test_a_pick_up_more_than_a_day_before_says_its_day(cast):
    """Never "the day before" unless it is: a pick-up moved two days early (past the
    services, as an old row could be) says its own day."""
    activity = trip(cast)
    transport = Transport.objects.get(activity=activity)
    Transport.objects.filter(pk=transport.pk).update(
        pickup_at=transport.pickup_at - dt.timedelta(days=2)
    )
    transport.refresh_from_db()
    assert pickup_line(transport) == (
        f"An accessible minibus picks you up at Riverside Library at"
        f" {easy_time(transport.pickup_at)}. That is on {easy_date(transport.pickup_at)}."
    )


def test_the_admin_shows_an_activitys_times_but_leaves_moving_it_to_the_pages(admin_client, cast):
    """Moved in the admin, an activity's transport would not follow it: there its times,
    places and fee are shown, not changed. A new one is still given them there."""
    activity = trip(cast)
    page = admin_client.get(reverse("admin:events_activity_change", args=[activity.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="starts_at_0"' not in html and 'name="places"' not in html
    assert 'name="title"' in html
    added = admin_client.get(reverse("admin:events_activity_add")).content.decode()
    assert 'name="starts_at_0"' in added and 'name="places"' in added
