"""The trip pages no journey walks at 320 px (issue 22's review): the organiser's
transport form (blank and with its errors), the trip's bookings with a ride that found no
room, the organiser's home with it, and the supporter's "times that suit" page. Each at
1,280 and 320 px: axe clean, no sideways scroll, one h1, big enough targets."""

import datetime as dt

import pytest
from django.urls import reverse

from events import services
from events.errors import BookingError
from tests.browser.conftest import axe_violations, page_facts, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast
from tests.events.conftest import make_activity, make_members
from tests.events.transport_helpers import add_transport, in_a_wheelchair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_organisers_transport_pages_and_the_supporters_times(page, live_server, client):
    cast = make_cast()
    trip = make_activity(
        cast.organiser, cast.member_row.branch, fee_pence=0, title="Seaside", at=dt.time(14)
    )
    add_transport(trip, cast.organiser, seats=2, wheelchair_spaces=0, kind="minibus")
    may = in_a_wheelchair(cast.member_row, cast.admin)
    with pytest.raises(BookingError):
        services.booking_create(activity=trip, member=may, actor=cast.member)
    bare = make_activity(cast.organiser, cast.member_row.branch, title="Picnic", days=9)
    (other,) = make_members(cast, 1)
    services.booking_create(activity=trip, member=other, actor=other.user)

    sign_in(page, live_server, client, cast.organiser)
    failures = {
        "transport-blank": check_page(page, live_server.url + reverse("transport", args=[bare.pk])),
        "transport-set": check_page(page, live_server.url + reverse("transport", args=[trip.pk])),
        "bookings": check_page(
            page, live_server.url + reverse("organiser-activity", args=[trip.pk])
        ),
        "home": check_page(page, live_server.url + reverse("organiser-home")),
    }
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(live_server.url + reverse("transport", args=[trip.pk]))
    page.fill("#id_seats", "")
    submit(page, "Save the transport")
    assert page.title().startswith("Error: ")
    failures["transport-error@320"] = axe_violations(page) or page_facts(page)["sideways"]

    sign_in(page, live_server, client, cast.supporter)
    times = live_server.url + reverse("supporter-times", args=[may.pk])
    failures["supporter-times"] = check_page(page, times)
    assert {name: found for name, found in failures.items() if found} == {}
