"""May finds her next activity and the open election from her own page, at 1,280 and
320 px with JavaScript on and off: every page axe clean with no sideways scroll."""

import pytest
from django.urls import reverse

from events import services
from tests.board.conftest import voting_election
from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast
from tests.events.conftest import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_may_finds_her_next_activity_and_the_open_election(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0, days=3)
    services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    setup = voting_election(cast)
    sign_in(page, live_server, client, cast.member)
    look = Looks(page)

    page.goto(live_server.url + reverse("home"))
    assert page.locator("h1").inner_text().startswith("Hello")
    look("home")
    main = page.locator("main").inner_text()
    assert "Your next activity" in main and "You are booked." in main
    submit(page, "Bowling")
    assert "Bowling" in page.locator("h1").inner_text()
    look("booking")

    page.goto(live_server.url + reverse("me"))
    submit(page, "Vote now")
    assert page.url.endswith(reverse("election-vote", args=[setup.election.pk]))
    look("vote")
    assert look.failures == {}
