"""The transport pages: the organiser sets it on its own page and sees who found no room;
members read "Getting there and back" in easy read and are asked if they come on it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_time
from events import services
from events.models import Activity, Booking, Transport, TransportAsk
from tests.easy_read_pages import page_problems, visible_text
from tests.events.conftest import make_activity, make_members
from tests.events.test_booking_pages import walk_wizard
from tests.events.transport_helpers import add_transport, in_a_wheelchair

pytestmark = pytest.mark.django_db


def form_data(activity, **over) -> dict:
    local = timezone.localtime
    data = {
        "kind": "accessible_minibus",
        "seats": "12",
        "wheelchair_spaces": "2",
        "driver": "Sam",
        "pickup_point": "Riverside Library",
        "pickup_at": f"{local(activity.starts_at - dt.timedelta(minutes=30)):%Y-%m-%dT%H:%M}",
        "return_point": "Riverside Library",
        "return_at": f"{local(activity.ends_at + dt.timedelta(minutes=30)):%Y-%m-%dT%H:%M}",
    }
    return data | over


def test_the_organiser_adds_transport_on_its_own_page(client, cast, activity):
    client.force_login(cast.organiser)
    bookings_page = client.get(reverse("organiser-activity", args=[activity.pk])).content.decode()
    url = reverse("transport", args=[activity.pk])
    assert f'href="{url}">Add transport</a>' in bookings_page
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(activity))
    assert response.url == reverse("organiser-activity", args=[activity.pk])
    transport = Transport.objects.get(activity=activity)
    assert (transport.seats, transport.wheelchair_spaces, transport.driver) == (12, 2, "Sam")
    page = client.get(response.url).content.decode()
    assert "0 of 12 seats taken. 0 of 2 wheelchair spaces taken." in page
    assert "Change the transport" in page


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"seats": "2", "wheelchair_spaces": "3"}, "wheelchair_spaces", "more wheelchair spaces"),
        ({"pickup_point": ""}, "pickup_point", "Please say where it picks people up."),
        ({"pickup_at": "soon"}, "pickup_at", "Please give a date and time."),
        ({"kind": "taxi"}, "wheelchair_spaces", "Only an accessible minibus or taxi"),
        ({"return_at": "start"}, "return_at", "The drop-off must be after the activity ends."),
    ],
)
def test_bad_transport_shows_plain_words_and_saves_nothing(
    client, cast, activity, change, field, words
):
    client.force_login(cast.organiser)
    if change.get("return_at") == "start":
        change = {"return_at": f"{timezone.localtime(activity.starts_at):%Y-%m-%dT%H:%M}"}
    response = client.post(reverse("transport", args=[activity.pk]), form_data(activity, **change))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(words) >= 2  # in the summary at the top and by the field
    assert f'href="#id_{field}"' in page and "<title>Error: " in page
    assert not Transport.objects.exists()


@pytest.mark.parametrize("role", ["member", "supporter", "board", "finance", "outsider"])
def test_only_organisers_set_transport(client, cast, activity, role):
    client.force_login(getattr(cast, role))
    url = reverse("transport", args=[activity.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(activity)).status_code == 403
    assert not Transport.objects.exists()


def test_members_read_getting_there_and_back_in_easy_read(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, at=dt.time(14))
    transport = add_transport(activity, cast.organiser)
    client.force_login(cast.member)
    page = client.get(reverse("activity-detail", args=[activity.pk])).content.decode()
    assert "<h2>Getting there and back</h2>" in page
    pickup, back = easy_time(transport.pickup_at), easy_time(transport.return_at)
    assert f"An accessible minibus picks you up at Riverside Library at {pickup}." in page
    assert f"It brings you back to Riverside Library at {back}." in page
    assert "It has 2 wheelchair spaces." in page
    assert "Seats left: 12." in page and "Wheelchair spaces left: 2." in page


def test_no_transport_no_section(client, cast, activity):
    client.force_login(cast.member)
    page = client.get(reverse("activity-detail", args=[activity.pk])).content.decode()
    assert "Getting there and back" not in page


def test_booking_asks_if_they_come_on_it_and_the_booking_says_so(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0, at=dt.time(14))
    transport = add_transport(activity, cast.organiser)
    client.force_login(cast.member)
    question = walk_wizard(client, activity, [("bring", {"bring": "no"})]).content.decode()
    assert "Will you come on the accessible minibus?" in question
    assert "No, I will make my own way" in question
    steps = [("bring", {"bring": "no"}), ("travel", {"travel": "yes"})]
    check = walk_wizard(client, activity, steps).content.decode()
    assert "Yes, I will come on the accessible minibus" in check
    done = walk_wizard(client, activity, [*steps, ("check", {})])
    booking = Booking.objects.get(member=cast.member_row)
    assert booking.travel_seats == 1
    page = client.get(done.url).content.decode()
    pickup = easy_time(transport.pickup_at)
    assert f"An accessible minibus picks you up at Riverside Library at {pickup}." in page


def test_making_their_own_way_takes_no_seat(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    add_transport(activity, cast.organiser)
    client.force_login(cast.member)
    steps = [("bring", {"bring": "no"}), ("travel", {"travel": "no"}), ("check", {})]
    done = walk_wizard(client, activity, steps)
    assert Booking.objects.get(member=cast.member_row).travel_seats == 0
    assert "You make your own way there." in client.get(done.url).content.decode()


def test_no_wheelchair_space_the_member_is_told_and_the_organiser_sees_it(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    add_transport(activity, cast.organiser, wheelchair_spaces=1)
    (ann,) = make_members(cast, 1)
    in_a_wheelchair(ann, cast.admin)
    in_a_wheelchair(cast.member_row, cast.admin)
    services.booking_create(activity=activity, member=ann, actor=ann.user)
    client.force_login(cast.member)
    steps = [("bring", {"bring": "no"}), ("travel", {"travel": "yes"}), ("check", {})]
    done = walk_wizard(client, activity, steps)
    page = client.get(done.url).content.decode()
    assert "There is no wheelchair space left on the accessible minibus." in page
    assert "We have told the organiser." in page
    assert not Booking.objects.filter(member=cast.member_row).exists()
    client.force_login(cast.organiser)
    home = client.get(reverse("organiser-home")).content.decode()
    assert "No room to travel on Bowling" in home
    bookings = client.get(reverse("organiser-activity", args=[activity.pk])).content.decode()
    name = cast.member_row.display_name
    assert f"<strong>{name}</strong>: no wheelchair space left. Not booked yet." in bookings
    ask = TransportAsk.objects.get(member=cast.member_row)
    response = client.post(reverse("transport-ask-done", args=[ask.pk]))
    assert response.url == reverse("organiser-activity", args=[activity.pk])
    ask.refresh_from_db()
    assert ask.dealt_with_by == cast.organiser
    assert "No room to travel" not in client.get(reverse("organiser-home")).content.decode()


def test_only_organisers_deal_with_asks(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    ask = TransportAsk.objects.create(activity=activity, member=cast.member_row, need="seat")
    client.force_login(cast.member)
    assert client.post(reverse("transport-ask-done", args=[ask.pk])).status_code == 403
    ask.refresh_from_db()
    assert ask.dealt_with_at is None


def test_the_organiser_sees_who_travels_and_when_the_times_no_longer_fit(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    add_transport(activity, cast.organiser)
    ann, bea = make_members(cast, 2)
    in_a_wheelchair(ann, cast.admin)
    services.booking_create(activity=activity, member=ann, actor=ann.user)
    services.booking_create(activity=activity, member=bea, actor=bea.user, travel=False)
    client.force_login(cast.organiser)
    url = reverse("organiser-activity", args=[activity.pk])
    page = client.get(url).content.decode()
    assert "Travelling (1)" in page and f"{ann.display_name}: wheelchair space" in page
    assert "Please change the transport" not in page
    # The activity is moved 2 hours earlier past the services (through them its transport
    # moves with it: test_transport.py), as a row saved before that rule could be: the
    # pick-up is now after the start.
    moved = activity.starts_at - dt.timedelta(hours=2)
    Activity.objects.filter(pk=activity.pk).update(starts_at=moved, booking_closes_at=moved)
    page = client.get(url).content.decode()
    assert "Please change the transport" in page
    assert "The pick-up must be before the activity starts." in page


def test_a_cancelled_activitys_ride_with_no_room_no_longer_waits_on_the_home(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    TransportAsk.objects.create(activity=activity, member=cast.member_row, need="seat")
    client.force_login(cast.organiser)
    assert "No room to travel on Bowling" in client.get(reverse("organiser-home")).content.decode()
    services.activity_cancel(activity=activity, actor=cast.organiser, reason="The bus broke down")
    assert "No room to travel" not in client.get(reverse("organiser-home")).content.decode()


def test_a_pick_up_the_evening_before_reads_easily_on_the_member_pages(client, cast):
    activity = make_activity(
        cast.organiser, cast.member_row.branch, fee_pence=0, title="Stars", at=dt.time(0, 10)
    )
    add_transport(activity, cast.organiser)
    booking = services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    client.force_login(cast.member)
    for url in (
        reverse("activity-detail", args=[activity.pk]),
        reverse("booking-detail", args=[booking.pk]),
    ):
        main = visible_text(client.get(url).content.decode()).main
        assert "at 11:40pm. That is the day before, on " in " ".join(main.split())
        assert page_problems(main, quoted=(activity.summary, "The bowling alley")) == []
