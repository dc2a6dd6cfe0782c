"""Bea, on the board, reads "Who is on the board": the two co-chairs, the partner
organisations, the co-chairs' helper's hours and the board's training, and follows a role
to its easy-read page; at 1,280 and 320 px with JavaScript on and off, every page axe clean
with no sideways scroll. Then axe over the pages a co-chair changes, with their errors
(issue 22)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from board.terms import people_services as services
from board.terms import services as term_services
from tests.board.conftest import add_member
from tests.board.meeting_helpers import editor, make_board
from tests.browser.conftest import Looks, axe_violations, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def the_board(cast) -> None:
    """Maya co-chairs with Patricia; three partners; the helper's hours; two trainings."""
    make_board(cast)  # Maya is a co-chair
    start = timezone.localdate() - dt.timedelta(days=60)
    patricia = add_member(cast.admin, "patricia", "Patricia", "Hale")
    term_services.term_add(member=patricia, role="co_chair", starts_on=start, actor=cast.admin)
    for organisation, person in [
        ("Riverside Council", "Hannah Price"),
        ("Greenway Housing Association", "Tom Okoro"),
        ("Open Doors Charity", "Gill Ward"),
    ]:
        services.partner_seat_add(
            organisation=organisation, person_name=person, starts_on=start, actor=cast.admin
        )
    helper = services.helper_add(
        name="Jo Baker", hourly_rate_pence=1250, starts_on=start, actor=cast.admin
    )
    services.helper_hours_add(
        helper=helper,
        worked_on=timezone.localdate(),
        minutes=270,
        what_for="Booking the seaside minibus",
        actor=cast.admin,
    )
    services.training_add(
        what="Chairing meetings", held_on=start, who="Patricia and May", actor=cast.admin
    )


def test_a_board_member_reads_who_is_on_the_board_and_a_role(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    the_board(cast)
    sign_in(page, live_server, client, cast.board)
    look = Looks(page)

    page.goto(live_server.url + reverse("board-home"))
    submit(page, "Who is on the board")
    assert page.url.endswith(reverse("board-terms"))
    look("who")
    main = page.locator("main").inner_text()
    for words in (
        "May Okafor",
        "Patricia Hale",
        "Riverside Council",
        "Greenway Housing Association",
        "Open Doors Charity",
        "Hannah Price",
        "Jo Baker worked 4 hours 30 minutes on 1 day. The pay is £56.25.",
        "Chairing meetings",
        "Patricia and May went.",
    ):
        assert words in main, words
    co_chairs = page.locator("#co-chairs + p + ul li").all_inner_texts()
    assert co_chairs == ["Patricia Hale", "May Okafor"]  # by last name
    assert page.locator("main form").count() == 0  # Bea reads; she changes nothing

    page.locator("main table").first.locator("a", has_text="Co-chair").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("board-role", args=["co-chair"]))
    assert page.locator("h1").inner_text() == "Co-chair"
    assert "There are 2 co-chairs. They help each other." in page.locator("main").inner_text()
    look("co-chair role")

    page.goto(live_server.url + reverse("board-terms"))
    submit(page, "More about the partner seats")
    assert "They never vote in board elections." in page.locator("main").inner_text()
    look("partners")
    submit(page, "What a partner seat means")
    assert page.locator("h1").inner_text() == "Partner seat"
    look("partner role")
    page.goto(live_server.url + reverse("board-helper"))
    assert "Booking the seaside minibus" in page.locator("main").inner_text()
    look("helper")
    assert look.failures == {}


def test_the_pages_a_co_chair_changes_pass_axe_with_their_errors(page, live_server, client):
    cast = make_cast()
    the_board(cast)
    sign_in(page, live_server, client, editor(cast))
    failures = {}
    for name in ("board-terms", "board-partners", "board-helper", "board-training"):
        failures[name] = check_page(page, live_server.url + reverse(name))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("board-partners"))
    submit(page, "Add the partner seat")
    assert page.title().startswith("Error: ")
    assert (
        "Please write the organisation" in page.locator(".error-summary, main").first.inner_text()
    )
    failures["partners-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("board-helper"))
    page.fill("input[name='minutes']", "lots")
    submit(page, "Save the hours")
    assert page.title().startswith("Error: ")
    assert "Please type the hours as a number, like 3 or 2.5." in page.content()
    failures["hours-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("board-training"))
    submit(page, "Save the training")
    assert page.title().startswith("Error: ")
    failures["training-error"] = axe_violations(page)
    # Members read the role pages.
    sign_in(page, live_server, client, cast.member)
    failures["roles"] = check_page(page, live_server.url + reverse("board-roles"))
    failures["role"] = check_page(page, live_server.url + reverse("board-role", args=["helper"]))
    assert {name: found for name, found in failures.items() if found} == {}
