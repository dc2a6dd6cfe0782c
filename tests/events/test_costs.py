"""What an activity costs: planned and real cost lines, paying them (spending against the
activity's branch), grants (income to the branch) and each person's fair share."""

import datetime as dt

import pytest
from django.utils import timezone

from coop.errors import CoopError
from coop.models import AuditEntry
from events import services
from events.cost_share import round_up, share_for, words_and
from events.models import Activity, CostGrant, CostLine
from finance.models import Transaction
from tests.events.conftest import make_activity
from tests.ledger_check import ledger_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip(cast) -> Activity:
    return make_activity(
        cast.organiser,
        cast.member_row.branch,
        publish=False,
        title="Seaside trip",
        places=8,
        cost_pence=0,
        fee_pence=0,
    )


def minibus(trip, actor, pence=4000) -> CostLine:
    return services.cost_line_add(
        activity=trip,
        kind="transport",
        what="driver and fuel",
        planned_pence=pence,
        supplier="Green Cabs",
        actor=actor,
    )


def held(activity: Activity) -> None:
    """The activity happened this morning."""
    now = timezone.now()
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=now - dt.timedelta(hours=3),
        ends_at=now - dt.timedelta(hours=1),
        booking_closes_at=now - dt.timedelta(hours=4),
        cancel_by=now - dt.timedelta(hours=4),
    )


def entries(txn) -> list:
    return sorted((e.account.code, e.debit_pence, e.credit_pence) for e in txn.entries.all())


def test_the_share_is_the_cost_divided_by_the_places(cast, trip):
    minibus(trip, cast.organiser)
    share = share_for(trip)
    assert (share.planned_pence, share.exact_pence, share.each_pence) == (4000, 500, 500)
    assert share.what == "driver and fuel"
    assert share.member_line == "The co-operative pays for driver and fuel. You do not pay for it."


def test_the_share_is_rounded_up_to_a_round_figure(cast, trip):
    minibus(trip, cast.organiser, pence=5401)  # 675.125p each
    share = share_for(trip)
    assert (share.exact_pence, share.each_pence) == (676, 700)
    assert [round_up(n) for n in (0, 1, 50, 51, 500)] == [0, 50, 50, 100, 500]
    assert words_and(["a", "b", "c"]) == "a, b and c"


def test_support_workers_are_never_in_the_share(cast, trip):
    minibus(trip, cast.organiser)
    services.support_booking_add(
        activity=trip, name="Sam", role="pa", minutes=300, cost_pence=7500, actor=cast.organiser
    )
    share = share_for(trip)
    assert (share.support_pence, share.each_pence) == (7500, 500)


def test_charging_the_share_makes_it_the_cost_on_the_day(cast, trip):
    minibus(trip, cast.organiser)
    services.cost_share_set(activity=trip, charged=True, actor=cast.organiser)
    trip.refresh_from_db()
    assert trip.cost_pence == 500
    assert share_for(trip).member_line == "That £5 pays your share of driver and fuel."
    # A draft follows its costs: another cost planned makes the share bigger.
    services.cost_line_add(
        activity=trip, kind="venue", what="the beach hut", planned_pence=800, actor=cast.organiser
    )
    trip.refresh_from_db()
    assert trip.cost_pence == 600
    assert share_for(trip).what == "driver and fuel and the beach hut"
    # Not charged: the co-operative pays; the cost on the day stays as it was set.
    services.cost_share_set(activity=trip, charged=False, actor=cast.organiser)
    trip.refresh_from_db()
    assert trip.cost_pence == 600


def test_once_published_a_charged_cost_changes_only_when_the_organiser_says(cast, trip):
    minibus(trip, cast.organiser)
    services.cost_share_set(activity=trip, charged=True, actor=cast.organiser)
    services.activity_publish(activity=trip, actor=cast.organiser)
    minibus(trip, cast.organiser, pence=800)
    trip.refresh_from_db()
    assert (trip.cost_pence, share_for(trip).each_pence) == (500, 600)
    services.cost_share_set(activity=trip, charged=True, actor=cast.organiser)
    trip.refresh_from_db()
    assert trip.cost_pence == 600


def test_a_grant_is_income_to_the_branch_and_makes_the_share_smaller(cast, trip):
    minibus(trip, cast.organiser)
    services.cost_share_set(activity=trip, charged=True, actor=cast.organiser)
    for _ in range(2):  # the form sent twice: one grant
        services.cost_grant_add(
            activity=trip,
            source="Riverside Fund",
            amount_pence=1600,
            received_on=timezone.localdate(),
            paid_with="bank",
            actor=cast.organiser,
            key="token-1",
        )
    grant = CostGrant.objects.get()
    txn = grant.income.transaction
    assert txn.branch == trip.branch
    assert entries(txn) == [("bank", 1600, 0), ("grants", 0, 1600)]
    trip.refresh_from_db()
    assert (share_for(trip).each_pence, trip.cost_pence) == (300, 300)  # (4000-1600)/8
    assert ledger_problems() == []


def test_a_grant_bigger_than_the_costs_makes_the_share_nothing(cast, trip):
    minibus(trip, cast.organiser, pence=1000)
    services.cost_grant_add(
        activity=trip,
        source="Fund",
        amount_pence=5000,
        received_on=timezone.localdate(),
        paid_with="cash",
        actor=cast.organiser,
    )
    assert share_for(trip).each_pence == 0


def test_paying_a_real_cost_posts_spending_against_the_branch_once(cast, trip):
    line = minibus(trip, cast.organiser)
    today = timezone.localdate()
    for _ in range(2):
        line = services.cost_line_pay(
            line=line, real_pence=4400, paid_on=today, paid_with="cash", actor=cast.organiser
        )
    txn = Transaction.objects.get()
    assert (txn.branch, txn.key, txn.date) == (trip.branch, f"activity-cost:{line.pk}", today)
    assert entries(txn) == [("activity_costs", 4400, 0), ("cash", 0, 4400)]
    assert (line.real_pence, line.paid_on) == (4400, today)
    share = share_for(trip)
    assert (share.planned_pence, share.real_pence, share.real_each_pence) == (4000, 4400, 550)
    assert AuditEntry.objects.filter(action="cost.paid").count() == 1
    assert ledger_problems() == []
    with pytest.raises(CoopError, match="paid"):
        services.cost_line_remove(line=line, actor=cast.organiser)


@pytest.mark.parametrize("bad", [0, -100, "40", None, 2_000_000])
def test_a_bad_real_cost_is_refused_and_posts_nothing(cast, trip, bad):
    line = minibus(trip, cast.organiser)
    with pytest.raises(CoopError):
        services.cost_line_pay(
            line=line, real_pence=bad, paid_on=timezone.localdate(), paid_with="bank", actor=None
        )
    assert not Transaction.objects.exists()


def test_a_bad_way_of_paying_is_refused_in_words(cast, trip):
    line = minibus(trip, cast.organiser)
    with pytest.raises(CoopError, match="from the bank or in cash"):
        services.cost_line_pay(
            line=line, real_pence=100, paid_on=timezone.localdate(), paid_with="card", actor=None
        )
    line.refresh_from_db()
    assert line.expense_id is None and line.real_pence is None


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"kind": "support"}, "venue, transport or something else"),
        ({"what": ""}, "what it pays for"),
        ({"planned_pence": -1}, "planned cost"),
    ],
)
def test_bad_cost_lines_are_refused(cast, trip, fields, words):
    good = dict(kind="venue", what="the hall", planned_pence=100)
    with pytest.raises(CoopError, match=words):
        services.cost_line_add(activity=trip, actor=cast.organiser, **{**good, **fields})
    assert not CostLine.objects.exists()


def test_an_unpaid_cost_can_be_taken_out(cast, trip):
    line = minibus(trip, cast.organiser)
    services.cost_line_remove(line=line, actor=cast.organiser)
    services.cost_line_remove(line=line, actor=cast.organiser)  # twice: nothing more
    assert not CostLine.objects.exists() and share_for(trip).planned_pence == 0


def test_the_evaluation_real_cost_comes_from_what_was_paid(cast, trip):
    from events.models import Evaluation

    services.activity_publish(activity=trip, actor=cast.organiser)
    line = minibus(trip, cast.organiser)
    worker = services.support_booking_add(
        activity=trip, name="Sam", role="support_worker", minutes=60, cost_pence=1500, actor=None
    )
    held(trip)
    services.evaluation_save(activity=trip, actor=cast.organiser, actual_cost_pence=9999)
    assert Evaluation.objects.get().actual_cost_pence == 9999  # nothing paid yet: as typed
    today = timezone.localdate()
    services.cost_line_pay(
        line=line, real_pence=4000, paid_on=today, paid_with="bank", actor=cast.organiser
    )
    assert Evaluation.objects.get().actual_cost_pence == 4000
    services.support_booking_pay(booking=worker, paid_on=today, paid_with="bank", actor=None)
    assert Evaluation.objects.get().actual_cost_pence == 5500
    services.evaluation_save(activity=trip, actor=cast.organiser, actual_cost_pence=1)
    assert Evaluation.objects.get().actual_cost_pence == 5500


def test_the_evaluation_page_says_the_real_cost_is_what_was_paid(client, cast, trip):
    from django.urls import reverse

    line = minibus(trip, cast.organiser)
    services.activity_publish(activity=trip, actor=cast.organiser)
    held(trip)
    client.force_login(cast.organiser)
    url = reverse("evaluation", args=[trip.pk])
    assert "was paid for its costs" not in client.get(url).content.decode()
    services.cost_line_pay(
        line=line, real_pence=4250, paid_on=timezone.localdate(), paid_with="bank", actor=None
    )
    page = client.get(url).content.decode()
    assert "£42.50 was paid for its costs and support workers." in page


def test_what_is_on_tells_members_their_share_and_who_pays_for_support(cast, trip):
    from events.services.whats_on import activity_lines

    minibus(trip, cast.organiser)
    services.cost_grant_add(
        activity=trip,
        source="Fund",
        amount_pence=800,
        received_on=timezone.localdate(),
        paid_with="bank",
        actor=None,
    )
    services.cost_share_set(activity=trip, charged=True, actor=cast.organiser)
    services.support_need_set(activity=trip, workers_needed=1, actor=cast.organiser)
    trip.refresh_from_db()
    assert activity_lines(trip)[-4:] == [
        "It costs £4 on the day.",
        "That £4 pays your share of driver and fuel.",
        "A grant pays for part of it. So you pay less.",
        "The co-operative pays for the support workers. You do not pay for them.",
    ]


def test_a_share_the_co_operative_pays_is_said_only_when_the_day_is_free(cast, trip):
    from events.cost_share import member_cost_lines

    minibus(trip, cast.organiser)
    assert member_cost_lines(trip) == [
        "The co-operative pays for driver and fuel. You do not pay for it."
    ]
    services.activity_update(activity=trip, actor=cast.organiser, cost_pence=300)
    trip.refresh_from_db()
    assert member_cost_lines(trip) == []
