"""A second look at what members read of an activity's costs and what goes in the books."""

import pytest
from django.utils import timezone

from events import services
from events.cost_share import member_cost_lines
from tests.events.conftest import make_activity

pytestmark = pytest.mark.django_db


def test_a_grant_that_pays_it_all_is_not_said_to_pay_only_part(cast):
    trip = make_activity(
        cast.organiser, cast.member_row.branch, publish=False, places=8, cost_pence=0, fee_pence=0
    )
    services.cost_line_add(
        activity=trip, kind="transport", what="driver and fuel", planned_pence=1000, actor=None
    )
    services.cost_grant_add(
        activity=trip,
        source="Riverside Fund",
        amount_pence=5000,
        received_on=timezone.localdate(),
        paid_with="bank",
        actor=None,
    )
    services.cost_share_set(activity=trip, charged=True, actor=cast.organiser)
    trip.refresh_from_db()
    assert trip.cost_pence == 0
    # Not "You do not pay for it." and then "A grant pays for part of it. So you pay less."
    assert member_cost_lines(trip) == [
        "The co-operative pays for driver and fuel. You do not pay for it."
    ]


def test_a_draft_whose_share_is_charged_follows_a_change_of_places(cast):
    trip = make_activity(
        cast.organiser, cast.member_row.branch, publish=False, places=8, cost_pence=0, fee_pence=0
    )
    services.cost_line_add(
        activity=trip, kind="transport", what="driver and fuel", planned_pence=4000, actor=None
    )
    services.cost_share_set(activity=trip, charged=True, actor=cast.organiser)
    trip.refresh_from_db()
    assert trip.cost_pence == 500
    # Fewer places share the same costs: while it is a draft, the cost on the day follows.
    services.activity_update(activity=trip, actor=cast.organiser, places=4)
    trip.refresh_from_db()
    assert trip.cost_pence == 1000
    assert member_cost_lines(trip) == ["That £10 pays your share of driver and fuel."]
    # The organiser typing a cost on the day with the places is left as they typed it.
    services.activity_update(activity=trip, actor=cast.organiser, places=5, cost_pence=900)
    trip.refresh_from_db()
    assert trip.cost_pence == 900


def test_a_cost_of_a_long_named_activity_can_be_paid(cast):
    trip = make_activity(
        cast.organiser,
        cast.member_row.branch,
        publish=False,
        places=8,
        cost_pence=0,
        fee_pence=0,
        title="A" * 120,
    )
    line = services.cost_line_add(
        activity=trip, kind="transport", what="d" * 80, planned_pence=1000, actor=None
    )
    paid = services.cost_line_pay(
        line=line,
        real_pence=1000,
        paid_on=timezone.localdate(),
        paid_with="bank",
        actor=cast.organiser,
    )
    assert paid.expense.amount_pence == 1000
    assert paid.expense.transaction.branch == trip.branch
