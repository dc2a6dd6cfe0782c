"""Sue, who supports May, books a place for May from the activity page, pays in cash on
the day and cancels it, at 1,280 and 320 px with JavaScript on and off: every page axe
clean with no sideways scroll."""

import pytest
from django.urls import reverse

from events.models import Booking
from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast
from tests.events.conftest import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press(page, text: str) -> None:
    """`submit` for words with an apostrophe (which a CSS text selector cannot hold)."""
    target = page.get_by_role("button", name=text).or_(page.get_by_role("link", name=text))
    with page.expect_navigation():
        target.first.click()


def test_supporter_books_pays_in_cash_and_cancels_for_may(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    activity = make_activity(cast.organiser, cast.member_row.branch)
    sign_in(page, live_server, client, cast.supporter)
    look = Looks(page)

    page.goto(live_server.url + reverse("supporter-home"))
    look("home")
    press(page, "What's on for May")
    look("whats-on")
    submit(page, "Bowling")
    look("activity")
    submit(page, "Book a place for May")
    assert page.locator("h1").inner_text() == "Is anyone coming with May?"
    look("bring")
    page.get_by_label("No, just May").check()
    submit(page, "Continue")
    look("payment")
    page.get_by_label("Pay £5 in cash to an organiser").check()
    submit(page, "Continue")
    assert page.locator("h1").inner_text() == "Check your answers"
    look("check")
    press(page, "Book May's place")
    assert page.locator("h1").inner_text() == "May is booked"
    look("booked")
    booking = Booking.objects.get(member=cast.member_row)
    assert booking.on_behalf and booking.fee_status == Booking.FeeStatus.AWAITING
    assert "Give it to the organiser" in page.locator("main").inner_text()

    page.goto(live_server.url + reverse("my-bookings"))
    assert "May's bookings" in page.locator("main").inner_text()
    look("bookings")
    page.goto(live_server.url + reverse("activity-detail", kwargs={"pk": activity.pk}))
    assert "May has a booking" in page.locator("main").inner_text()
    press(page, "See May's booking")
    submit(page, "Cancel this booking")
    assert page.locator("h1").inner_text() == "Cancel May's booking for Bowling?"
    look("cancel")
    press(page, "Yes, cancel May's booking")
    look("cancelled")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    page.goto(live_server.url + reverse("supporter-home"))
    press(page, "Ideas for May")
    look("ideas")
    submit(page, "Suggest an activity for May")
    look("idea-new")
    submit(page, "Send my idea")
    assert page.title().startswith("Error: ")
    look("idea-error")
    assert look.failures == {}


def test_the_browser_finds_the_site_picture(page, live_server):
    response = page.request.get(live_server.url + "/favicon.ico")
    assert response.status == 200
    assert "svg" in response.headers["content-type"]
