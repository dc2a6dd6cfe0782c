"""axe over every activity and booking page, for members and organisers, error states
included; the attendance page at phone width."""

import pytest
from django.urls import reverse

from events import services
from tests.browser.conftest import axe_violations, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast
from tests.events.conftest import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_activity_and_booking_pages_pass_axe(page, live_server, client):
    cast = make_cast()
    activity = make_activity(cast.organiser, cast.member_row.branch)
    sign_in(page, live_server, client, cast.member)
    failures = {}
    for name, url in [
        ("list", reverse("activity-list")),
        ("detail", reverse("activity-detail", kwargs={"pk": activity.pk})),
        ("my-bookings", reverse("my-bookings")),
    ]:
        failures[name] = check_page(page, live_server.url + url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("activity-list") + "?month=nonsense")
    failures["list-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("book", kwargs={"pk": activity.pk}))
    submit(page, "Continue")
    assert page.title().startswith("Error: ")
    failures["bring-error"] = axe_violations(page)
    page.check("#id_bring-bring_1")
    submit(page, "Continue")
    failures["guests"] = axe_violations(page)
    submit(page, "Continue")
    assert page.title().startswith("Error: ")
    failures["guests-error"] = axe_violations(page)
    page.fill("#id_guests-carers", "1")
    submit(page, "Continue")
    failures["payment"] = axe_violations(page)
    page.check("input[value=cash]")
    submit(page, "Continue")
    assert page.locator("h1").inner_text() == "Check your answers"
    failures["check"] = axe_violations(page)
    submit(page, "Book my place")
    assert "You are booked" in page.content()
    failures["booked"] = axe_violations(page)
    submit(page, "Cancel this booking")
    failures["cancel"] = axe_violations(page)
    assert {k: v for k, v in failures.items() if v} == {}


def test_organiser_pages_pass_axe_including_the_phone_attendance_page(page, live_server, client):
    cast = make_cast()
    activity = make_activity(cast.organiser, cast.member_row.branch)
    services.booking_create(
        activity=activity,
        member=cast.member_row,
        actor=cast.organiser,
        payment="cash_received",
        guests=[{"kind": "carer"}],
    )
    sign_in(page, live_server, client, cast.organiser)
    failures = {}
    for name, url in [
        ("activities", reverse("organiser-activities")),
        ("new", reverse("activity-new")),
        ("activity", reverse("organiser-activity", kwargs={"pk": activity.pk})),
        ("attendance", reverse("attendance", kwargs={"pk": activity.pk})),
        ("cancel", reverse("activity-cancel", kwargs={"pk": activity.pk})),
        ("book-for", reverse("book-for", kwargs={"pk": activity.pk}) + "?q=okafor"),
    ]:
        failures[name] = check_page(page, live_server.url + url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("activity-new"))
    submit(page, "Save the activity")
    assert page.title().startswith("Error: ")
    failures["new-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("activity-cancel", kwargs={"pk": activity.pk}))
    submit(page, "Cancel the activity")
    failures["cancel-error"] = axe_violations(page)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("attendance", kwargs={"pk": activity.pk}))
    # Before the start, "Here" needs the box ticked: pressed without it, nothing moves.
    submit(page, "Here")
    assert "Please say that you want to mark it now." in page.content()
    failures["too-early"] = axe_violations(page)
    page.locator("input[name=early]").first.check()
    submit(page, "Here")
    assert "fee coming back" in page.content() or "fee given back" in page.content()
    assert "Their fee of £10 goes back in cash" in page.content()
    failures["marked"] = axe_violations(page)
    assert {k: v for k, v in failures.items() if v} == {}
