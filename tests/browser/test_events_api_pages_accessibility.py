"""axe-core over the calendar page (the events pages with the API and feeds), for a
member, after making a new private link, and for someone who is not a member; plus the
page facts ACCESSIBILITY.md asks for at 1280 and 320px."""

import pytest
from django.urls import reverse

from tests.browser.conftest import axe_violations, page_facts, sign_in, submit
from tests.conftest import make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def problems_on(page) -> dict:
    """What axe finds at both widths, and the page facts it does not check."""
    failures = {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        if violations := axe_violations(page):
            failures[f"axe@{width}"] = violations
        facts = page_facts(page)
        if facts["sideways"]:
            failures[f"sideways@{width}"] = True
        if width == 1280:
            wrong = {
                "lang": facts["lang"] != "en-GB",
                "one h1": facts["h1"] != 1,
                "main": facts["main"] != 1,
                "skip link": facts["skip"] != "#main",
                "19px text": facts["bodyPx"] < 19,
                "44px targets": bool(facts["smallTargets"]),
                "title": not facts["title"].startswith("Your calendar"),
            }
            if any(wrong.values()):
                failures["facts"] = [name for name, bad in wrong.items() if bad]
    return failures


def test_calendar_page_passes_axe_for_a_member_and_after_a_new_link(page, live_server, client):
    cast = make_cast()
    sign_in(page, live_server, client, cast.member)
    page.goto(live_server.url + reverse("calendar"))
    assert page.locator("#private-link").input_value().endswith(".ics")
    failures = {"first visit": problems_on(page)}
    old = page.locator("#private-link").input_value()
    submit(page, "Make a new private link")
    assert "Your new private link is ready" in page.content()
    assert page.locator("#private-link").input_value() != old
    page.set_viewport_size({"width": 1280, "height": 900})
    failures["new link"] = axe_violations(page)
    assert failures == {"first visit": {}, "new link": []}


@pytest.mark.parametrize("role", ["outsider", "organiser"])
def test_calendar_page_passes_axe_for_someone_who_is_not_a_member(page, live_server, client, role):
    cast = make_cast()
    sign_in(page, live_server, client, cast.by_role(role))
    page.goto(live_server.url + reverse("calendar"))
    assert page.locator("#private-link").count() == 0
    assert page.locator("#public-link").input_value().endswith("/calendar/activities.ics")
    assert problems_on(page) == {}
