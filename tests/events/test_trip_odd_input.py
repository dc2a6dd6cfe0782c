"""Odd input on the trip pages (issue 22's review): numbers too big for a vehicle, and
changes to an activity that is cancelled. Each gets plain words and changes nothing."""

import pytest
from django.urls import reverse

from events import services
from events.errors import BookingError
from events.models import Transport
from tests.events.test_transport_pages import form_data
from tests.events.transport_helpers import add_transport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        {"seats": "40000"},
        {"seats": "2147483648"},
        {"kind": "accessible_minibus", "seats": "40001", "wheelchair_spaces": "40000"},
    ],
)
def test_too_many_seats_is_refused_in_plain_words(client, cast, activity, change):
    client.force_login(cast.organiser)
    response = client.post(reverse("transport", args=[activity.pk]), form_data(activity, **change))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please give at most 100 seats." in page
    assert "<title>Error: " in page
    assert not Transport.objects.exists()


def test_the_service_refuses_too_many_seats(cast, activity):
    with pytest.raises(BookingError, match="at most 100 seats"):
        add_transport(activity, cast.organiser, seats=101, wheelchair_spaces=0)
    assert not Transport.objects.exists()


def test_a_cancelled_activity_gets_no_transport(client, cast, activity):
    services.activity_cancel(activity=activity, actor=cast.organiser, reason="The hall flooded.")
    client.force_login(cast.organiser)
    response = client.post(reverse("transport", args=[activity.pk]), form_data(activity))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This activity is cancelled. Its transport cannot change." in page
    assert not Transport.objects.exists()
