"""May reads who made each of her bookings as she would say it ("Booked by: You", "Booked
by: Your supporter, Sue Okafor"), not "Booked on their behalf: No"; and a refund line
only when something was given back. The download keeps its yes/no and its pence."""

import pytest
from django.urls import reverse

from events import services
from events.models import Booking
from tests.events.conftest import make_activity
from tests.members.test_own_data_easy_read import main_text

pytestmark = pytest.mark.django_db


def _book(cast, actor, title):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=400, title=title)
    return services.booking_create(
        activity=activity, member=cast.member_row, actor=actor, payment="cash"
    )


def test_may_reads_who_booked_each_place_for_her(client, cast):
    _book(cast, cast.member, "Bowling")
    _book(cast, cast.supporter, "Cinema")
    _book(cast, cast.organiser, "Picnic")
    client.force_login(cast.member)
    text = main_text(client.get(reverse("my-data")).content.decode())
    bowling, cinema, picnic = (text.index(t) for t in ("Bowling", "Cinema", "Picnic"))
    assert "Booked by: You" in text[bowling:cinema]
    assert "Booked by: Your supporter, Sue Okafor" in text[cinema:picnic]
    organiser = cast.organiser.get_full_name()
    assert organiser and f"Booked by: {organiser}, for the co-operative" in text[picnic:]
    assert "behalf" not in text
    # Nothing was given back: no line says "£0".
    assert "Given back" not in text and "Refunded" not in text and "£0" not in text
    bookings = client.get(reverse("my-data-json")).json()["activities"]["bookings"]
    assert [(b["booked_on_their_behalf"], b["refunded_pence"]) for b in bookings] == [
        (False, 0),
        (True, 0),
        (True, 0),
    ]
    assert bookings[0]["booked_on_their_behalf_label"] == "You"


def test_a_fee_given_back_is_said(client, cast):
    booking = _book(cast, cast.member, "Bowling")
    # Only how it reads is checked here; the refund's own story is in the fee tests.
    Booking.objects.filter(pk=booking.pk).update(refunded_pence=150)
    client.force_login(cast.member)
    text = main_text(client.get(reverse("my-data")).content.decode())
    assert "Given back: £1.50" in text


def test_staff_with_no_name_set_are_someone_not_a_username(client, cast):
    cast.organiser.first_name = cast.organiser.last_name = ""
    cast.organiser.save()
    _book(cast, cast.organiser, "Picnic")
    client.force_login(cast.member)
    text = main_text(client.get(reverse("my-data")).content.decode())
    assert "Booked by: Someone from the co-operative" in text
    assert f"Booked by: {cast.organiser.username}" not in text
