"""Getting there and back, in the browser: a wheelchair user books the last wheelchair
space on the minibus; the next wheelchair user is told plainly there is none left, and
the organiser sees it on their home page and the trip's bookings. Every page axe clean."""

import datetime as dt

import pytest
from django.urls import reverse

from events import services
from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast
from tests.events.conftest import make_activity, make_members
from tests.events.transport_helpers import add_transport, in_a_wheelchair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def book_on_the_minibus(page, live_server, activity) -> None:
    page.goto(live_server.url + reverse("activity-detail", args=[activity.pk]))
    submit(page, "Book a place")
    page.check("#id_bring-bring_0")  # No, just me
    submit(page, "Continue")
    assert page.locator("h1").inner_text() == "Will you come on the accessible minibus?"
    page.check("#id_travel-travel_0")  # Yes
    submit(page, "Continue")
    submit(page, "Book my place")


def test_the_last_wheelchair_space_then_none_and_the_organiser_sees_it(page, live_server, client):
    cast = make_cast()
    activity = make_activity(
        cast.organiser, cast.member_row.branch, fee_pence=0, title="Seaside trip", at=dt.time(14)
    )
    add_transport(activity, cast.organiser, wheelchair_spaces=2)
    first, ann = (in_a_wheelchair(m, cast.admin) for m in make_members(cast, 2))
    may = in_a_wheelchair(cast.member_row, cast.admin)
    services.booking_create(activity=activity, member=first, actor=first.user)
    look = Looks(page)

    sign_in(page, live_server, client, ann.user)
    page.goto(live_server.url + reverse("activity-detail", args=[activity.pk]))
    assert "Wheelchair spaces left: 1." in page.locator("main").inner_text()
    look("activity")
    book_on_the_minibus(page, live_server, activity)
    main = page.locator("main").inner_text()
    assert "You are booked" in main and "A wheelchair space is kept for you." in main
    look("booked")

    sign_in(page, live_server, client, may.user)
    book_on_the_minibus(page, live_server, activity)
    main = page.locator("main").inner_text()
    assert "There is no wheelchair space left on the accessible minibus." in main
    assert "We have told the organiser." in main
    assert "No wheelchair space is left." in main
    look("refused")

    sign_in(page, live_server, client, cast.organiser)
    page.goto(live_server.url + reverse("organiser-home"))
    submit(page, "No room to travel on Seaside trip")
    main = page.locator("main").inner_text()
    assert f"{may.display_name}: no wheelchair space left. Not booked yet." in main
    assert "2 of 2 wheelchair spaces taken." in main
    look("organiser")
    submit(page, "Change the transport")
    page.fill("#id_seats", "")
    submit(page, "Save the transport")
    assert page.title().startswith("Error: ")
    look("transport form error")
    assert look.failures == {}
