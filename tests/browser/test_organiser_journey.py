"""The organiser's day on a phone, at 1,280 and 320 px with JavaScript on and off: from
their own page to today's activity, its bookings, the cash to take, who came and the cash
to give back, then the calls to make. Every page axe clean with no sideways scroll."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Activity
from members.outbox.services import Words, tell
from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast
from tests.events.conftest import make_activity, make_members
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def follow(page, name: str) -> None:
    """Follow the link named exactly `name` and wait for the next page."""
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).click()


def todays_walk(cast) -> Activity:
    """A walk starting now with a £3 fee: May pays cash on the day, Tom paid it already."""
    walk = make_activity(cast.organiser, cast.member_row.branch, fee_pence=300, title="Park walk")
    services.booking_create(
        activity=walk, member=cast.member_row, actor=cast.member, payment="cash"
    )
    (tom,) = make_members(cast, 1)
    services.booking_create(
        activity=walk, member=tom, actor=cast.organiser, payment="cash_received"
    )
    now = timezone.now()
    Activity.objects.filter(pk=walk.pk).update(
        starts_at=now,
        ends_at=now + dt.timedelta(hours=2),
        booking_closes_at=now - dt.timedelta(minutes=5),
        cancel_by=now - dt.timedelta(minutes=5),
    )
    return walk


def test_the_organiser_runs_todays_activity_from_their_page(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    walk = todays_walk(cast)
    caller = MemberFactory(
        user=None, first_name="Carl", contact_preferences=["phone"], phone="07700 900222"
    )
    tell(caller, "test_news", Words("A place is free for you", ["Hello."]))
    sign_in(page, live_server, client, cast.organiser)
    look = Looks(page)

    page.goto(live_server.url + reverse("home"))
    assert page.locator("h1").inner_text() == "Organiser"
    main = page.locator("main").inner_text()
    assert "Today and next" in main and "Park walk" in main
    assert "Cash to take at Park walk, today: 1" in main
    assert "No cash to give back." in main
    look("home")

    follow(page, "Park walk")
    assert page.locator("h1").inner_text() == "Park walk"
    look("bookings")
    submit(page, "Took £3 cash")
    assert "Cash taken from May Okafor." in page.locator("main").inner_text()
    look("cash taken")

    submit(page, "Mark who came")
    assert page.locator("h1").inner_text() == "Who came: Park walk"
    look("who came")
    with page.expect_navigation():
        page.locator("button[name=mark][value=here]").first.click()
    assert "I gave £3 back" in page.locator("main").inner_text()
    look("marked here")

    page.goto(live_server.url + reverse("organiser-home"))
    assert "Cash to give back at Park walk, today: 1" in page.locator("main").inner_text()
    follow(page, "Cash to give back at Park walk, today: 1")
    assert page.url.startswith(live_server.url + reverse("attendance", args=[walk.pk]))
    submit(page, "I gave £3 back")
    assert "Cash given back to May Okafor." in page.locator("main").inner_text()

    page.goto(live_server.url + reverse("organiser-home"))
    main = page.locator("main").inner_text()
    assert "No cash to take today." in main and "No cash to give back." in main
    follow(page, "Calls to make today: 1")
    assert page.locator("h1").inner_text() == "Messages to deal with"
    assert "Carl" in page.locator("#calls ~ ul.call-list").inner_text()
    look("calls")
    assert look.failures == {}
