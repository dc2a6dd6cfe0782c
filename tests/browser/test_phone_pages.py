"""Phones (issue 20): each person's main pages at 320 px with JavaScript on read without
the page scrolling sideways and pass axe; the menu is shut behind its "Menu" button until
opened on a phone, and open at 1,280 px. The organiser's bookings, the board's numbers, who
is on the board and the sitting fees read as blocks, a very long name or email breaks, on
What's on the first activity shows near the top of a phone's screen, and the choices
above the members and the numbers fold away the same way."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from board.meetings import services as meeting_services
from board.models import SittingFee
from events.models import Booking
from members import services as member_services
from members.models import Member
from tests.board.meeting_helpers import hold, make_board, plan
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
    "board": [
        "board-home",
        "activity-summary",
        "election-list",
        "meeting-list",
        "meeting-actions",
        "board-terms",
        "sitting-fees",
    ],
    "finance": [
        "finance-home",
        "sitting-fees",
        "finance-payments",
        "finance-cash",
        "finance-books",
        "finance-budget",
        "finance-ledger",
    ],
    "returning": ["returning-home", "election-list"],
    "admin": ["administrator-home", "member-list", "long-member", "board-terms"],
}

# Tables that still scroll sideways inside their own region on a phone: the money tables,
# whose columns are read across.
TABLES_MAY_SCROLL = {
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
# Words in headings that a phone breaks in two ("activit / y"): a picture beside a panel's
# words left them too narrow. Only words of up to 20 letters: a longer one (a very long
# name) cannot fit a phone's line and must break.
BROKEN_HEADING_WORDS = """() => {
    const broken = [];
    for (const h of document.querySelectorAll('main h1, main h2, main h3')) {
        const walk = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        for (let node = walk.nextNode(); node; node = walk.nextNode()) {
            for (const m of node.data.matchAll(/\\S+/g)) {
                if (m[0].length > 20) continue;
                const r = document.createRange();
                r.setStart(node, m.index);
                r.setEnd(node, m.index + m[0].length);
                const tops = new Set([...r.getClientRects()].filter(x => x.width > 0)
                    .map(x => Math.round(x.top)));
                if (tops.size > 1) broken.push(m[0]);
            }
        }
    }
    return broken;
}"""


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
    with a very long name and email), activities held in two areas for the board, and a
    board (May a co-chair) that met today: one sitting fee paid, the others owed."""
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
    board = make_board(cast)
    met = hold(cast, plan(cast, days=0), board)
    meeting_services.sitting_fee_pay(
        fee=SittingFee.objects.filter(meeting=met).first(), method="bank", actor=cast.finance
    )
    made = {
        "bookings": reverse("organiser-activity", args=[soon.pk]),
        "long-member": reverse("member-detail", args=[long_member.pk]),
    }
    return cast, made


def check_phone_page(page, url: str, *, tables_scroll: bool = False) -> dict:
    """At 320 px: no sideways scroll, no table wider than the screen (unless told), no word
    of a heading broken in two, axe clean, and the menu's links hidden behind its button."""
    page.goto(url)
    failures = {}
    if page_facts(page)["sideways"]:
        failures["sideways"] = True
    if not tables_scroll and (tables := page.evaluate(OVERFLOWING_TABLES)):
        failures["tables-scroll"] = tables
    if broken := page.evaluate(BROKEN_HEADING_WORDS):
        failures["broken-words"] = broken
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


def test_who_is_on_the_board_and_the_sitting_fees_read_as_blocks(phone, live_server, client):
    cast, _ = make_world()
    sign_in(phone, live_server, client, cast.admin)
    phone.goto(live_server.url + reverse("board-terms"))
    assert layout(phone, "Role") == ("block", '"Role: "')
    assert phone.get_by_role("button", name=re.compile("End today.*May Okafor")).is_visible()
    sign_in(phone, live_server, client, cast.finance)
    phone.goto(live_server.url + reverse("sitting-fees"))
    assert layout(phone, "Pay") == ("block", '"Pay: "')
    assert layout(phone, "Paid") == ("block", '"Paid: "')
    assert phone.get_by_role("button", name="Paid by bank").first.is_visible()
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(live_server.url + reverse("sitting-fees"))
    assert layout(phone, "Pay") == ("table-row", "none")


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


# Pages whose choices come before a list: the line that opens them, one choice, and an
# address whose choice is wrong (the choices then show open, beside their mistake).
FOLDED = {
    "member-list": ("organiser", "Find members", "Search", "?q=" + "x" * 101),
    "activity-summary": ("board", "Choose the dates and the area", "Area", "?date_from=soon"),
}


@pytest.mark.parametrize("name", list(FOLDED))
def test_the_choices_fold_on_a_phone_so_the_list_comes_first(phone, live_server, client, name):
    role, line, choice, wrong = FOLDED[name]
    cast, _ = make_world()
    sign_in(phone, live_server, client, cast.by_role(role))
    url = live_server.url + reverse(name)
    phone.goto(url)
    field = phone.get_by_label(choice, exact=True)
    assert not field.is_visible()
    folded = phone.locator("details.filters-box").bounding_box()
    assert folded["height"] <= 80, folded  # one line, then the list
    phone.get_by_text(line, exact=True).click()
    assert field.is_visible() and not page_facts(phone)["sideways"]
    phone.goto(url + wrong)
    assert field.is_visible()
    assert axe_violations(phone) == []
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(url)
    assert field.is_visible()
    assert not phone.get_by_text(line, exact=True).is_visible()
