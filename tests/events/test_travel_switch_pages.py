"""The "Change how you get there" form: on the member's booking page (and their
supporter's), and on the organiser's bookings page. POST only; another member's booking
is as if it did not exist."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from events import services
from events.models import Booking
from tests.easy_read_pages import page_problems, visible_text
from tests.events.conftest import make_activity, make_members
from tests.events.transport_helpers import trip

pytestmark = pytest.mark.django_db


def may_books(cast, **kw) -> Booking:
    activity = trip(cast, **kw.pop("transport", {}))
    return services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, **kw
    )


def text(response) -> str:
    return " ".join(response.content.decode().split())


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def url(booking) -> str:
    return reverse("travel-switch", args=[booking.pk])


def test_the_member_switches_on_their_booking_page(client, cast):
    booking = may_books(cast)
    client.force_login(cast.member)
    page = text(client.get(reverse("booking-detail", args=[booking.pk])))
    assert "Change how you get there" in page
    assert "I will make my own way" in page
    html = client.get(reverse("booking-detail", args=[booking.pk])).content.decode()
    main = visible_text(html).main
    assert page_problems(main, quoted=(booking.activity.summary, "The bowling alley")) == []
    response = client.post(url(booking), {"ride": "no"}, follow=True)
    assert "You will make your own way." in said(response)
    booking.refresh_from_db()
    assert booking.travel_seats == 0
    assert "I will come on the accessible minibus" in text(response)
    client.post(url(booking), {"ride": "yes"})
    booking.refresh_from_db()
    assert booking.travel_seats == 1


def test_no_seat_is_told_in_plain_words(client, cast):
    booking = may_books(cast, travel=False, transport={"seats": 1, "wheelchair_spaces": 1})
    (ann,) = make_members(cast, 1)
    services.booking_create(activity=booking.activity, member=ann, actor=ann.user)
    client.force_login(cast.member)
    response = client.post(url(booking), {"ride": "yes"}, follow=True)
    assert said(response) == [
        "There is no seat left on the accessible minibus. You can still make your own way."
    ]
    booking.refresh_from_db()
    assert booking.travel_seats == 0


def test_the_supporter_switches_for_the_member(client, cast):
    booking = may_books(cast)
    client.force_login(cast.supporter)
    page = text(client.get(reverse("booking-detail", args=[booking.pk])))
    who = cast.member_row.called
    assert f"{who} will make their own way" in page
    response = client.post(url(booking), {"ride": "no"})
    assert response.url == reverse("booking-detail", args=[booking.pk])
    booking.refresh_from_db()
    assert booking.travel_seats == 0


def test_the_organiser_switches_on_the_bookings_page(client, cast):
    booking = may_books(cast)
    client.force_login(cast.organiser)
    bookings_page = reverse("organiser-activity", args=[booking.activity_id])
    name = cast.member_row.display_name
    assert f"{name} will make their own way" in text(client.get(bookings_page))
    response = client.post(url(booking), {"ride": "no", "back": "organiser"})
    assert response.url == bookings_page
    booking.refresh_from_db()
    assert booking.travel_seats == 0


def test_a_bad_choice_changes_nothing(client, cast):
    booking = may_books(cast)
    client.force_login(cast.member)
    response = client.post(url(booking), {"ride": "maybe"}, follow=True)
    assert said(response) == ["Please choose how you will get there."]
    booking.refresh_from_db()
    assert booking.travel_seats == 1


def test_no_form_without_transport_or_when_cancelled(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    booking = services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    client.force_login(cast.member)
    assert "Change how you get there" not in text(
        client.get(reverse("booking-detail", args=[booking.pk]))
    )
    riding = may_books(cast)
    services.booking_cancel(booking=riding, actor=cast.member)
    assert "Change how you get there" not in text(
        client.get(reverse("booking-detail", args=[riding.pk]))
    )
    response = client.post(url(riding), {"ride": "no"}, follow=True)
    assert said(response) == ["This booking cannot change now."]


@pytest.mark.parametrize("role", ["board", "finance", "outsider"])
def test_others_cannot_switch(client, cast, role):
    booking = may_books(cast)
    client.force_login(getattr(cast, role))
    assert client.post(url(booking), {"ride": "no"}).status_code == 404
    booking.refresh_from_db()
    assert booking.travel_seats == 1


def test_another_member_cannot_switch(client, cast):
    booking = may_books(cast)
    (ann,) = make_members(cast, 1)
    client.force_login(ann.user)
    assert client.post(url(booking), {"ride": "no"}).status_code == 404


def test_signed_out_and_get_are_turned_away(client, cast):
    booking = may_books(cast)
    assert client.post(url(booking), {"ride": "no"}).status_code == 302  # to sign in
    client.force_login(cast.member)
    assert client.get(url(booking)).status_code == 405
    booking.refresh_from_db()
    assert booking.travel_seats == 1
