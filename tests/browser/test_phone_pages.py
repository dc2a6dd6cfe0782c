"""Phones (issue 20): each person's main pages at 320 px with JavaScript on read without
the page scrolling sideways and pass axe; the menu is shut behind its "Menu" button until
opened on a phone, and open at 1,280 px. The organiser's bookings and the board's numbers
read as blocks, a very long name or email breaks, and on What's on the first activity
shows near the top of a phone's screen."""

import datetime as dt

import pytest
from django.urls import reverse

from events.models import Booking
from members import services as member_services
from members.models import Member
from tests.browser.conftest import axe_violations, page_facts, sign_in, watch_console
from tests.conftest import make_cast
from tests.events.after_helpers import book, past_activity
from tests.events.conftest import make_activity, make_members
from tests.factories import BranchFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

B = Booking.Status
F = Booking.FeeStatus
LONG_EMAIL = "bartholomew.maximilian.featherstonehaugh.wolfeschlegel@a-very-long-example-domain.org"
LONG_NAME = "Wolfeschlegelsteinhausenbergerdorff"

# Each person's main pages, by URL name; "bookings" and "long-member" are made below.
PAGES = {
    "member": ["me", "activity-list", "my-bookings", "suggestions", "election-list"],
    "supporter": ["supporter-home", "activity-list", "my-bookings", "election-list"],
    "organiser": [
        "organiser-home",
        "organiser-activities",
        "bookings",
        "member-list",
        "long-member",
    ],
    "board": ["board-home", "activity-summary", "election-list", "meeting-list", "meeting-actions"],
    "finance": [
        "finance-home",
        "finance-payments",
        "finance-cash",
        "finance-books",
        "finance-budget",
        "finance-ledger",
    ],
    "returning": ["returning-home", "election-list"],
    "admin": ["administrator-home", "member-list", "long-member"],
}

# Tables that still scroll sideways inside their own region on a phone: the organiser's
# home (being reworked apart) and the money tables, whose columns are read across.
TABLES_MAY_SCROLL = {
    "organiser-home",
    "finance-payments",
    "finance-cash",
    "finance-books",
    "finance-budget",
    "finance-ledger",
}
MENU_LINKS = "nav[aria-label='Your pages'] a"
OVERFLOWING_TABLES = """() => [...document.querySelectorAll('main table')]
    .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth)
    .map(t => t.outerHTML.slice(0, 80))"""


@pytest.fixture
def phone(browser):
    """A 320 by 640 px page with JavaScript on (axe needs it), failing on console errors."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    errors = watch_console(page)
    yield page
    context.close()
    assert errors == [], "browser console errors:\n" + "\n".join(errors)


def make_world():
    """make_cast's people, an activity with several kinds of booking (one for a member
    with a very long name and email), and activities held in two areas for the board."""
    cast = make_cast()
    branch = cast.member_row.branch
    soon = make_activity(cast.organiser, branch, places=10)
    cash, waiting = make_members(cast, 2)
    long_user = UserFactory(username="long")
    long_member = member_services.member_add(
        actor=cast.admin,
        user=long_user,
        branch=branch,
        first_name="Bartholomew",
        last_name=LONG_NAME,
        status=Member.Status.ACTIVE,
        admitted_on=dt.date(2025, 1, 1),
        email=LONG_EMAIL,
        contact_preferences=["email"],
    )
    Booking.objects.create(
        activity=soon,
        member=cash,
        status=B.CONFIRMED,
        fee_pence=500,
        fee_status=F.AWAITING,
        payment_method=Booking.PaymentMethod.CASH,
    )
    book(soon, cast.member_row, B.CONFIRMED, F.HELD, fee=500)
    book(soon, long_member, B.CONFIRMED)
    book(soon, waiting, B.WAITING)
    book(soon, cast.member_row, B.CANCELLED, F.KEPT, fee=500)
    south = BranchFactory(name="Southgate", slug="southgate")
    for area in (branch, south):
        held = past_activity(cast.organiser, area, days=-3)
        book(held, cast.member_row if area == branch else long_member, B.ATTENDED)
    made = {
        "bookings": reverse("organiser-activity", args=[soon.pk]),
        "long-member": reverse("member-detail", args=[long_member.pk]),
    }
    return cast, made


def check_phone_page(page, url: str, *, tables_scroll: bool = False) -> dict:
    """At 320 px: no sideways scroll, no table wider than the screen (unless told), axe
    clean, and the menu's links hidden behind its button."""
    page.goto(url)
    failures = {}
    if page_facts(page)["sideways"]:
        failures["sideways"] = True
    if not tables_scroll and (tables := page.evaluate(OVERFLOWING_TABLES)):
        failures["tables-scroll"] = tables
    if violations := axe_violations(page):
        failures["axe"] = violations
    links = page.locator(MENU_LINKS)
    if links.count() == 0 or any(links.nth(i).is_visible() for i in range(links.count())):
        failures["menu-not-shut"] = True
    return failures


def check_menu(page, url: str) -> dict:
    """The "Menu" button opens the links from the keyboard, is a big target, and the open
    menu passes axe; at 1,280 px the links show with no button."""
    page.goto(url)
    failures = {}
    button = page.locator("nav summary")
    box = button.bounding_box()
    if button.inner_text().strip() != "Menu" or box["width"] < 44 or box["height"] < 44:
        failures["button"] = (button.inner_text(), box)
    button.focus()
    page.keyboard.press("Enter")
    links = page.locator(MENU_LINKS)
    if not all(links.nth(i).is_visible() for i in range(links.count())):
        failures["menu-does-not-open"] = True
    if (violations := axe_violations(page)) or page_facts(page)["sideways"]:
        failures["open-menu"] = violations or "sideways"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    if button.is_visible() or not all(links.nth(i).is_visible() for i in range(links.count())):
        failures["wide-menu-not-open"] = True
    page.set_viewport_size({"width": 320, "height": 640})
    return failures


@pytest.mark.parametrize("role", list(PAGES))
def test_each_persons_pages_fit_a_phone(phone, live_server, client, role):
    cast, made = make_world()
    sign_in(phone, live_server, client, cast.by_role(role))
    failures = {}
    for name in PAGES[role]:
        path = made.get(name) or reverse(name)
        url = live_server.url + path
        if problems := check_phone_page(phone, url, tables_scroll=name in TABLES_MAY_SCROLL):
            failures[name] = problems
    if problems := check_menu(phone, live_server.url + reverse(PAGES[role][0])):
        failures["menu"] = problems
    assert failures == {}, failures


def test_the_member_menu_has_elections(phone, live_server, client):
    cast, _ = make_world()
    for person in (cast.member, cast.supporter):
        sign_in(phone, live_server, client, person)
        phone.goto(live_server.url + reverse("my-bookings"))
        link = phone.locator(MENU_LINKS, has_text="Elections")
        assert link.get_attribute("href") == reverse("election-list")


def test_the_bookings_and_the_numbers_read_as_blocks_on_a_phone(phone, live_server, client):
    cast, made = make_world()
    sign_in(phone, live_server, client, cast.organiser)
    phone.goto(live_server.url + made["bookings"])
    # Each booking is a block of lines, each line starting with its column's name.
    assert layout(phone, "Fee") == ("block", '"Fee: "')
    assert LONG_NAME in phone.locator("main").inner_text()
    assert phone.get_by_role("button", name="Took £5 cash").is_visible()
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(live_server.url + made["bookings"])
    assert phone.get_by_role("columnheader", name="Access needs").first.is_visible()
    assert layout(phone, "Fee") == ("table-row", "none")
    sign_in(phone, live_server, client, cast.board)
    phone.goto(live_server.url + reverse("activity-summary"))
    assert phone.get_by_role("rowheader", name="Southgate").is_visible()
    assert layout(phone, "Fees given back") == ("table-row", "none")
    phone.set_viewport_size({"width": 320, "height": 640})
    phone.goto(live_server.url + reverse("activity-summary"))
    assert phone.get_by_role("rowheader", name="Southgate").is_visible()
    assert layout(phone, "Fees given back") == ("block", '"Fees given back: "')


def layout(page, label: str) -> tuple[str, str]:
    """How the first row with a cell for this column shows, and what that cell starts with."""
    return tuple(
        page.evaluate(
            """(label) => { const cell = document.querySelector(`td[data-label="${label}"]`);
            return [getComputedStyle(cell.parentElement).display,
                    getComputedStyle(cell, '::before').content]; }""",
            label,
        )
    )


def test_whats_on_shows_the_first_activity_near_the_top_of_a_phone(phone, live_server, client):
    cast, _ = make_world()
    sign_in(phone, live_server, client, cast.member)
    phone.goto(live_server.url + reverse("activity-list"))
    first = phone.locator(".activity-card").first.bounding_box()
    assert first["y"] <= 400, first
    area = phone.get_by_label("Area")
    assert not area.is_visible()
    phone.get_by_text("Choose what to see").click()
    area.select_option(label="Southgate")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Show activities").click()
    assert "There are no activities to book just now." in phone.locator("main").inner_text()
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(live_server.url + reverse("activity-list"))
    assert phone.get_by_label("Area").is_visible()
    assert not phone.get_by_text("Choose what to see").is_visible()


def test_the_menu_and_the_choices_open_without_javascript(browser, live_server, client):
    cast, _ = make_world()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    sign_in(page, live_server, client, cast.member)
    page.goto(live_server.url + reverse("activity-list"))
    elections = page.locator(MENU_LINKS, has_text="Elections")
    assert not elections.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert elections.is_visible() and not page_facts(page)["sideways"]
    page.get_by_text("Choose what to see").click()
    assert page.get_by_label("Month").is_visible()
    with page.expect_navigation():
        elections.click()
    assert page.url.endswith(reverse("election-list"))
    context.close()
