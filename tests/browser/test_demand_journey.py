"""What members can come to (issue 22), at 1,280 and 320 px with JavaScript on and off:
May narrows What's on to step-free places, then says which times suit her; the board's
numbers page then shows the full activity, its waiting list, and Saturday, which suits
many members but has no activities coming. Every page axe clean, no sideways scroll."""

import pytest
from django.urls import reverse

from events import services
from members import services as member_services
from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast
from tests.events.conftest import make_members
from tests.events.test_demand import activity_at, next_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_may_finds_step_free_places_and_says_when_she_can_come(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    activity_at(cast, next_on(1, 11), title="Cafe with a ramp", step_free=True)
    activity_at(cast, next_on(2, 19), title="Cellar quiz night")
    full = activity_at(cast, next_on(3, 11), title="Boat trip", places=1)
    others = make_members(cast, 2)
    for member in others:
        member_services.member_times_set(member=member, actor=cast.admin, times=["saturday"])
        services.booking_create(activity=full, member=member, actor=member.user, payment="cash")
    sign_in(page, live_server, client, cast.member)
    look = Looks(page)

    page.goto(live_server.url + reverse("activity-list"))
    if page.locator("details.filters-box summary").is_visible():
        page.click("details.filters-box summary")  # folded on a phone; open when wide
    page.get_by_label("No steps: good for wheelchairs").check()
    submit(page, "Show activities")
    main = page.locator("main").inner_text()
    assert "Cafe with a ramp" in main and "Cellar quiz night" not in main
    assert "You are only seeing activities with:" in main
    look("whats-on-step-free")
    submit(page, "See all activities")
    assert "Cellar quiz night" in page.locator("main").inner_text()

    page.goto(live_server.url + reverse("me"))
    with page.expect_navigation():
        page.click(f'a[href="{reverse("my-times")}"]')
    look("my-times")
    page.get_by_label("Saturday").check()
    page.get_by_label("Monday to Friday, in the evening").check()
    submit(page, "Save the times")
    assert "Monday to Friday, in the evening, Saturday" in page.locator("main").inner_text()
    look("me-with-times")

    sign_in(page, live_server, client, cast.board)
    page.goto(live_server.url + reverse("activity-summary"))
    main = page.locator("main").inner_text()
    assert "What members could not come to" in main
    assert "1 person is on a waiting list now." in main
    assert "Saturday suits 3 members. No activities are planned then." in main
    look("board-numbers")
    assert look.failures == {}
