"""The organiser's support workers and costs pages, the flag on the organiser's home and
activity page, publishing held back, and the words members read on the activity page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_date
from events import services
from events.models import Activity, CostGrant, CostLine, SupportBooking
from finance.models import Transaction
from tests.events.conftest import make_activity

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def trip(cast) -> Activity:
    return make_activity(
        cast.organiser,
        cast.member_row.branch,
        publish=False,
        title="Seaside",
        places=4,
        cost_pence=0,
        fee_pence=0,
    )


@pytest.fixture
def organiser(client, cast):
    client.force_login(cast.organiser)
    return client


@pytest.mark.parametrize("name", ["activity-support", "activity-costs"])
@pytest.mark.parametrize("role", ["member", "supporter", "finance", "outsider"])
def test_only_organisers_reach_the_pages(client, cast, trip, name, role):
    client.force_login(cast.by_role(role))
    url = reverse(name, args=[trip.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"do": "need", "workers_needed": "3"}).status_code == 403
    assert not SupportBooking.objects.exists()


def test_an_activity_short_of_support_is_flagged_and_held_back(organiser, cast, trip):
    services.support_need_set(activity=trip, workers_needed=1, actor=cast.organiser)
    page = text(organiser.get(reverse("organiser-activity", args=[trip.pk])))
    assert "Support is missing." in page and "It needs 1 support worker. 0 are booked." in page
    assert reverse("activity-support", args=[trip.pk]) in page
    response = organiser.post(reverse("activity-publish", args=[trip.pk]), follow=True)
    assert "This activity needs 1 support worker. None is booked yet." in text(response)
    trip.refresh_from_db()
    assert trip.status == Activity.Status.DRAFT
    home = text(organiser.get(reverse("organiser-home")))
    line = f"Support workers to book for Seaside, {easy_date(trip.starts_at)}: 1"
    assert line in home


def test_publishing_without_the_support_after_ticking_the_box(organiser, cast, trip):
    services.support_need_set(activity=trip, workers_needed=1, actor=cast.organiser)
    response = organiser.post(
        reverse("activity-publish", args=[trip.pk]), {"without_support": "yes"}, follow=True
    )
    assert "Published." in text(response)
    trip.refresh_from_db()
    assert trip.status == Activity.Status.PUBLISHED


def test_when_no_support_is_missing_the_home_says_so(organiser, trip):
    assert "<li>No support workers to book.</li>" in text(organiser.get(reverse("organiser-home")))


def test_booking_a_support_worker_through_the_page_books_once(organiser, cast, trip):
    url = reverse("activity-support", args=[trip.pk])
    organiser.post(url, {"do": "need", "workers_needed": "1"})
    token = organiser.get(url).context["book_form"]["token"].value()
    data = {
        "do": "book",
        "token": token,
        "name": "Sam Patel",
        "role": "support_worker",
        "hours": "3.5",
        "cost_pence": "52.50",
    }
    for _ in range(2):
        assert organiser.post(url, data).status_code == 302
    booking = SupportBooking.objects.get()
    assert (booking.minutes, booking.cost_pence, booking.hours_words) == (
        210,
        5250,
        "3 hours 30 minutes",
    )
    page = text(organiser.get(url))
    assert "It needs 1 support worker. All are booked." in page
    assert "Sam Patel" in page


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"name": ""}, "Please give the support worker&#x27;s name."),
        ({"hours": "lots"}, "Please give how many hours, like 4 or 3.5."),
        ({"hours": "30"}, "Please give 24 hours or fewer."),
        ({"cost_pence": "ten"}, "Please type an amount in pounds, like 5 or 5.50."),
        ({"role": ""}, "Please say if it is a support worker or a PA."),
    ],
)
def test_bad_bookings_are_explained_and_change_nothing(organiser, trip, change, words):
    data = {"do": "book", "name": "Sam", "role": "pa", "hours": "2", "cost_pence": "30"}
    response = organiser.post(reverse("activity-support", args=[trip.pk]), {**data, **change})
    assert response.status_code == 200 and words in response.content.decode()
    assert not SupportBooking.objects.exists()


def test_paying_and_cancelling_support_through_the_page(organiser, cast, trip):
    paid, other = (
        services.support_booking_add(
            activity=trip, name=n, role="pa", minutes=60, cost_pence=2000, actor=None
        )
        for n in ("Sam", "Jo")
    )
    today = timezone.localdate().isoformat()
    url = reverse("support-pay", args=[paid.pk])
    for _ in range(2):
        organiser.post(url, {f"pay{paid.pk}-paid_on": today, f"pay{paid.pk}-paid_with": "bank"})
    assert Transaction.objects.get().branch == trip.branch
    response = organiser.post(reverse("support-pay", args=[other.pk]), {}, follow=True)
    assert "Please give the day." in text(response)
    organiser.post(reverse("support-cancel", args=[other.pk]))
    other.refresh_from_db()
    assert other.status == "cancelled"
    response = organiser.post(reverse("support-cancel", args=[paid.pk]), follow=True)
    assert "Sam is paid already, so the booking cannot be cancelled." in text(response)


def test_costs_page_plans_pays_takes_a_grant_and_charges_the_share(organiser, cast, trip):
    url = reverse("activity-costs", args=[trip.pk])
    line = {"do": "line", "kind": "transport", "what": "driver and fuel", "planned_pence": "30"}
    line["token"] = organiser.get(url).context["line_form"]["token"].value()
    for _ in range(2):
        assert organiser.post(url, line).status_code == 302
    cost = CostLine.objects.get()
    grant = {
        "do": "grant",
        "source": "Riverside Fund",
        "amount_pence": "10",
        "received_on": timezone.localdate().isoformat(),
        "paid_with": "bank",
        "token": organiser.get(url).context["grant_form"]["token"].value(),
    }
    for _ in range(2):
        response = organiser.post(url, grant)
        assert response.status_code == 302, response.context["grant_form"].errors
    assert CostGrant.objects.get().amount_pence == 1000
    assert organiser.post(url, {"do": "share", "charged": "yes"}).status_code == 302
    trip.refresh_from_db()
    assert trip.cost_pence == 500  # (£30 - £10) / 4
    page = text(organiser.get(url))
    assert 'Members read: "That £5 pays your share of driver and fuel."' in page
    pay = {
        f"pay{cost.pk}-real_pence": "32",
        f"pay{cost.pk}-paid_on": timezone.localdate().isoformat(),
        f"pay{cost.pk}-paid_with": "cash",
    }
    organiser.post(reverse("cost-pay", args=[cost.pk]), pay)
    organiser.post(reverse("cost-pay", args=[cost.pk]), pay)
    spent = Transaction.objects.get(reference="expense")
    assert (spent.branch, spent.key) == (trip.branch, f"activity-cost:{cost.pk}")
    page = text(organiser.get(url))
    assert "With the real costs paid so far, it comes to £5.50 each." in page
    assert "This was paid already. It is in the books once." in page


def test_bad_cost_input_is_explained(organiser, trip):
    url = reverse("activity-costs", args=[trip.pk])
    response = organiser.post(url, {"do": "line", "kind": "venue", "planned_pence": "x"})
    page = response.content.decode()
    assert "Please say what it pays for, like &quot;driver and fuel&quot;." in page
    assert "Please type an amount in pounds, like 5 or 5.50." in page
    response = organiser.post(url, {"do": "share"})
    assert "Please choose yes or no." in response.content.decode()
    assert not CostLine.objects.exists()


def test_members_read_who_pays_for_support_and_their_share(client, cast, trip):
    services.support_need_set(activity=trip, workers_needed=1, actor=cast.organiser)
    services.support_booking_add(
        activity=trip, name="Sam", role="pa", minutes=60, cost_pence=2000, actor=None
    )
    services.cost_line_add(
        activity=trip, kind="transport", what="driver and fuel", planned_pence=2000, actor=None
    )
    services.cost_share_set(activity=trip, charged=True, actor=cast.organiser)
    services.activity_publish(activity=trip, actor=cast.organiser)
    client.force_login(cast.member)
    page = text(client.get(reverse("activity-detail", args=[trip.pk])))
    assert "<p>It costs £5 on the day.</p>" in page
    assert "<p>That £5 pays your share of driver and fuel.</p>" in page
    assert "<p>The co-operative pays for the support workers. You do not pay for them.</p>" in page
    assert "Sam" not in page


def test_the_admin_shows_support_and_costs_and_changes_neither(admin_client, cast, trip):
    booking = services.support_booking_add(
        activity=trip, name="Sam", role="pa", minutes=60, cost_pence=2000, actor=None
    )
    assert admin_client.get(reverse("admin:events_supportbooking_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:events_costline_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:events_supportbooking_add")).status_code == 403
    admin_client.post(
        reverse("admin:events_supportbooking_change", args=[booking.pk]), {"name": "Changed"}
    )
    booking.refresh_from_db()
    assert booking.name == "Sam"
