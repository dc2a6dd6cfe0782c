"""A member's needs say "wheelchair" only after their booking to ride: no wheelchair
space is kept for them. The organisers see it on their list of what waits and on the
bookings page, and keep a space when one is free (under the activity's lock, once)."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_date
from coop.models import AuditEntry
from events import services
from events.errors import BookingError
from events.models import Activity, Booking
from events.services.transport_needs import wheelchair_space_keep
from events.transport_needs import (
    wheelchair_need_lines,
    wheelchair_space_missing,
    wheelchair_space_spare,
)
from events.transport_room import riders
from members import services as member_services
from tests.events.conftest import make_activity, make_members
from tests.events.transport_helpers import add_transport, book, in_a_wheelchair, trip

pytestmark = pytest.mark.django_db


def needs_changed(cast, **over):
    """Seaside with transport; Ann booked to ride, then her needs say wheelchair."""
    activity = trip(cast, **over)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann)
    assert booking.travel_seats == 1 and booking.wheelchair_space is False
    in_a_wheelchair(ann, cast.admin)
    return activity, booking


def keep_url(booking) -> str:
    return reverse("wheelchair-space-keep", args=[booking.pk])


def page(client, activity) -> str:
    html = client.get(reverse("organiser-activity", args=[activity.pk])).content.decode()
    return " ".join(html.split())


# The lists


def test_a_rider_whose_needs_changed_is_listed(cast):
    activity, booking = needs_changed(cast)
    assert list(wheelchair_space_missing()) == [booking]
    assert list(wheelchair_space_spare()) == []


def test_a_rider_with_a_space_kept_is_not_listed(cast):
    activity = trip(cast)
    (bea,) = make_members(cast, 1)
    in_a_wheelchair(bea, cast.admin)
    booking = book(activity, bea)
    assert booking.wheelchair_space is True
    assert list(wheelchair_space_missing()) == []


def test_someone_making_their_own_way_is_not_listed(cast):
    activity = trip(cast)
    (ann,) = make_members(cast, 1)
    book(activity, ann, travel=False)
    in_a_wheelchair(ann, cast.admin)
    assert list(wheelchair_space_missing()) == []


def test_a_booking_set_to_ride_before_its_needs_changed_is_listed(cast):
    """Booked with no transport, later set to ride by hand: no space kept either."""
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    (ann,) = make_members(cast, 1)
    in_a_wheelchair(ann, cast.admin)
    booking = book(activity, ann)
    assert booking.travel_seats == 0
    add_transport(activity, cast.organiser)
    Booking.objects.filter(pk=booking.pk).update(travel_seats=1)
    assert list(wheelchair_space_missing()) == [booking]


def test_cancelled_bookings_and_activities_are_not_listed(cast):
    activity, booking = needs_changed(cast)
    services.booking_cancel(booking=booking, actor=booking.member.user)
    assert list(wheelchair_space_missing()) == []
    other, second = needs_changed(cast)
    services.activity_cancel(activity=other, actor=cast.organiser, reason="Rain all day.")
    assert list(wheelchair_space_missing()) == []


def test_an_activity_gone_by_is_not_listed(cast):
    activity, booking = needs_changed(cast)
    now, hour = timezone.now(), dt.timedelta(hours=1)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=now - hour,
        ends_at=now + hour,
        booking_closes_at=now - 2 * hour,
        cancel_by=now - 2 * hour,
    )
    assert list(wheelchair_space_missing()) == []


def test_a_space_kept_for_someone_who_no_longer_needs_it_is_told(client, cast):
    activity = trip(cast)
    (bea,) = make_members(cast, 1)
    in_a_wheelchair(bea, cast.admin)
    booking = book(activity, bea)
    member_services.member_update(member=bea, actor=cast.admin, changes={"access_needs": []})
    assert list(wheelchair_space_spare()) == [booking]
    assert list(wheelchair_space_missing()) == []
    client.force_login(cast.organiser)
    assert "Their needs no longer say they use a wheelchair." in page(client, activity)
    booking.refresh_from_db()
    assert booking.wheelchair_space is True  # only told: nothing changes


# What the organiser sees


def test_the_organisers_home_has_a_line_to_the_bookings_page(client, cast):
    client.force_login(cast.organiser)
    home = " ".join(client.get(reverse("organiser-home")).content.decode().split())
    assert "Needs a wheelchair space" not in home
    activity, booking = needs_changed(cast)
    home = " ".join(client.get(reverse("organiser-home")).content.decode().split())
    url = reverse("organiser-activity", args=[activity.pk])
    words = f"Needs a wheelchair space on Seaside, {easy_date(activity.starts_at)}: 1"
    assert f'<a href="{url}">{words}</a>' in home


def test_the_bookings_page_says_it_by_the_name_with_a_button(client, cast):
    activity, booking = needs_changed(cast)
    client.force_login(cast.organiser)
    html = page(client, activity)
    name = booking.member.display_name
    assert f"{name}: <strong>now needs a wheelchair space; none is kept</strong>." in html
    assert f'action="{keep_url(booking)}"' in html
    assert f"Keep a wheelchair space for {name}" in html


# Keeping a space


def test_keeping_a_free_space_counts_it_once_when_sent_twice(client, cast):
    activity, booking = needs_changed(cast)
    client.force_login(cast.organiser)
    for _ in range(2):
        response = client.post(keep_url(booking))
        assert response.url == reverse("organiser-activity", args=[activity.pk])
    booking.refresh_from_db()
    assert booking.wheelchair_space is True
    assert riders(activity) == (1, 1)
    assert AuditEntry.objects.filter(action="booking.wheelchair_space_kept").count() == 1
    assert list(wheelchair_space_missing()) == []
    html = page(client, activity)
    assert "1 of 2 wheelchair spaces taken." in html
    assert "none is kept" not in html


def test_with_no_space_free_it_is_refused_and_nothing_changes(client, cast):
    activity, booking = needs_changed(cast, wheelchair_spaces=1)
    (cy,) = make_members(cast, 1)
    in_a_wheelchair(cy, cast.admin)
    book(activity, cy)  # the only space
    client.force_login(cast.organiser)
    response = client.post(keep_url(booking))
    said = [str(m) for m in get_messages(response.wsgi_request)]
    name = booking.member.display_name
    assert said == [
        "There is no wheelchair space left on the accessible minibus. "
        f"Please change the transport, or talk to {name}."
    ]
    booking.refresh_from_db()
    assert booking.wheelchair_space is False
    assert riders(activity) == (2, 1)
    assert not AuditEntry.objects.filter(action="booking.wheelchair_space_kept").exists()
    assert list(wheelchair_space_missing()) == [booking]


def test_a_vehicle_with_no_wheelchair_space_says_so(cast):
    activity, booking = needs_changed(cast, kind="minibus", wheelchair_spaces=0)
    with pytest.raises(BookingError, match="The minibus has no space for a wheelchair"):
        wheelchair_space_keep(booking=booking, actor=cast.organiser)
    booking.refresh_from_db()
    assert booking.wheelchair_space is False


def test_a_space_is_not_kept_for_someone_who_does_not_need_one(cast):
    activity = trip(cast)
    (ann,) = make_members(cast, 1)
    booking = book(activity, ann)
    with pytest.raises(BookingError, match="do not say they use a wheelchair"):
        wheelchair_space_keep(booking=booking, actor=cast.organiser)
    assert riders(activity) == (1, 0)


@pytest.mark.parametrize("role", ["member", "supporter", "board", "finance", "outsider"])
def test_only_organisers_keep_a_space(client, cast, role):
    activity, booking = needs_changed(cast)
    client.force_login(getattr(cast, role))
    assert client.post(keep_url(booking)).status_code == 403
    booking.refresh_from_db()
    assert booking.wheelchair_space is False
    assert wheelchair_need_lines(getattr(cast, role)) == []
    assert len(wheelchair_need_lines(cast.organiser)) == 1


def test_keeping_a_space_asks_for_a_post(client, cast):
    activity, booking = needs_changed(cast)
    client.force_login(cast.organiser)
    assert client.get(keep_url(booking)).status_code == 405


def test_sqlite_without_json_contains_finds_the_same_bookings(cast, monkeypatch):
    """The demo runs on SQLite, which has no JSON `contains`: the lists must not raise
    there (the organiser's home gave a 500) and must find what PostgreSQL finds."""
    from django.db import connection

    _activity, missing = needs_changed(cast)
    spare = book(trip(cast), make_members(cast, 1)[0])
    Booking.objects.filter(pk=spare.pk).update(wheelchair_space=True)
    on_postgres = (list(wheelchair_space_missing()), list(wheelchair_space_spare()))
    assert on_postgres == ([missing], [spare])
    monkeypatch.setattr(connection.features, "supports_json_field_contains", False)
    assert (list(wheelchair_space_missing()), list(wheelchair_space_spare())) == on_postgres
    assert len(wheelchair_need_lines(cast.organiser)) == 1
