"""Support on the day and costs, in the browser at 1,280 and 320 px with JavaScript on and
off: an activity missing its support worker is flagged on the organiser's page and held
back from publishing until one is booked; real costs go in the books against the branch
and members read their fair share. Every page axe clean with no sideways scroll."""

import pytest
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_date
from events import services
from events.models import Activity, CostLine
from finance.models import Transaction
from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast
from tests.events.conftest import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def main_text(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def test_an_activity_missing_its_support_worker_is_flagged_and_held_back(
    any_page, live_server, client
):
    page, cast = any_page, make_cast()
    games = make_activity(cast.organiser, cast.member_row.branch, publish=False, title="Games")
    services.support_need_set(activity=games, workers_needed=1, actor=cast.organiser)
    sign_in(page, live_server, client, cast.organiser)
    look = Looks(page)

    page.goto(live_server.url + reverse("organiser-activity", args=[games.pk]))
    assert "Support is missing." in main_text(page)
    look("activity page flagged")
    submit(page, "Publish it")
    assert "This activity needs 1 support worker. None is booked yet." in main_text(page)
    games.refresh_from_db()
    assert games.status == Activity.Status.DRAFT

    page.goto(live_server.url + reverse("organiser-home"))
    line = f"Support workers to book for Games, {easy_date(games.starts_at)}: 1"
    assert line in main_text(page)
    with page.expect_navigation():
        page.get_by_role("link", name=line).click()
    assert page.locator("h1").inner_text() == "Support workers: Games"
    look("support page")
    page.fill("#id_name", "Sam Patel")
    page.check("#id_role_0")
    page.fill("#id_hours", "4")
    page.fill("#id_cost_pence", "60")
    submit(page, "Book them")
    assert "Sam Patel is booked." in main_text(page)
    assert "All are booked." in main_text(page)
    look("support booked")

    page.goto(live_server.url + reverse("organiser-activity", args=[games.pk]))
    submit(page, "Publish it")
    assert "Published. Members can book it now." in main_text(page)
    games.refresh_from_db()
    assert games.status == Activity.Status.PUBLISHED
    assert look.failures == {}


def test_real_costs_go_in_the_books_and_members_read_their_share(any_page, live_server, client):
    page, cast = any_page, make_cast()
    trip = make_activity(
        cast.organiser,
        cast.member_row.branch,
        publish=False,
        title="Seaside",
        places=4,
        cost_pence=0,
        fee_pence=0,
    )
    services.support_need_set(activity=trip, workers_needed=1, actor=cast.organiser)
    services.support_booking_add(
        activity=trip, name="Sam", role="pa", minutes=480, cost_pence=9600, actor=None
    )
    sign_in(page, live_server, client, cast.organiser)
    look = Looks(page)

    page.goto(live_server.url + reverse("organiser-activity", args=[trip.pk]))
    with page.expect_navigation():
        page.get_by_role("link", name="Costs", exact=True).click()
    assert page.locator("h1").inner_text() == "Costs: Seaside"
    look("costs page")
    page.check("#id_kind_1")
    page.fill("#id_what", "driver and fuel")
    page.fill("#id_planned_pence", "20")
    submit(page, "Add the cost")
    page.check("#id_charged_0")
    submit(page, "Save who pays")
    assert 'Members read: "That £5 pays your share of driver and fuel."' in main_text(page)
    line = CostLine.objects.get()
    page.fill(f"#id_pay{line.pk}-real_pence", "20")
    page.fill(f"#id_pay{line.pk}-paid_on", timezone.localdate().isoformat())
    page.check(f"#id_pay{line.pk}-paid_with_0")
    submit(page, "Record that driver and fuel is paid")
    assert "Paying for driver and fuel is in the books." in main_text(page)
    look("cost paid")
    spent = Transaction.objects.get(key=f"activity-cost:{line.pk}")
    assert spent.branch == trip.branch
    codes = sorted((e.account.code, e.debit_pence) for e in spent.entries.all())
    assert codes == [("activity_costs", 2000), ("bank", 0)]

    page.goto(live_server.url + reverse("organiser-activity", args=[trip.pk]))
    submit(page, "Publish it")
    sign_in(page, live_server, client, cast.member)
    page.goto(live_server.url + reverse("activity-detail", args=[trip.pk]))
    text = main_text(page)
    assert "It costs £5 on the day." in text
    assert "That £5 pays your share of driver and fuel." in text
    assert "The co-operative pays for the support workers. You do not pay for them." in text
    look("member reads the share")
    assert look.failures == {}
