"""Branches carry money (issue 19): a posting, a payment, spending, money received, a
budget line and a sitting fee can be one branch's, or the whole co-operative's own; the
ledger's sums by day are kept per branch, and every read can count one branch, the whole
co-operative's own, or all of it."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from board.meetings import services as services_meetings
from board.meetings.models import SittingFee
from events import services as event_services
from finance import selectors, services
from finance.models import AccountDay, BudgetLine, Payment, Transaction
from finance.selectors import ALL, SHARED, Purse
from finance.services.ledger import ledger_post, ledger_reverse
from tests.board.meeting_helpers import make_board, plan
from tests.events.conftest import make_activity
from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 2)


@pytest.fixture
def south():
    return BranchFactory(name="Southgate", slug="southgate")


def _grant(branch, pence: int = 50000, day: dt.date = DAY) -> Transaction:
    return ledger_post(
        date=day,
        description="A grant",
        reference="income",
        lines=[("bank", pence, 0), ("grants", 0, pence)],
        actor=None,
        branch=branch,
    )


def test_the_sums_by_day_are_kept_per_branch_and_add_up(cast, south):
    north = cast.member_row.branch
    for branch in (None, None, north, south, south):
        _grant(branch, 10000)
    rows = AccountDay.objects.filter(account__code="grants", date=DAY)
    assert sorted((row.branch_id or 0, row.credit_pence) for row in rows) == sorted(
        [(0, 20000), (north.pk, 10000), (south.pk, 20000)]
    )

    def money_in(branch) -> int:
        return selectors.money_in_out(start=DAY, end=DAY, branch=branch)["income_pence"]

    assert [money_in(b) for b in (None, north, south, ALL)] == [20000, 10000, 20000, 50000]


def test_a_reversal_is_the_same_branchs_money(cast, south):
    reversal = ledger_reverse(txn=_grant(south), actor=None)
    assert reversal.branch == south
    assert selectors.money_in_out(start=DAY, end=DAY, branch=south)["income_pence"] == 0


def test_the_database_refuses_to_move_a_posting_to_another_branch(cast, south):
    txn = _grant(None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Transaction.objects.filter(pk=txn.pk).update(branch=south)


def test_spending_and_money_received_are_the_branch_they_are_for(cast, south):
    common = {"paid_with": "bank", "actor": cast.finance}
    income = services.income_record(
        account_code="grants",
        source="Southgate Council",
        description="Trips in Southgate",
        received_on=DAY,
        amount_pence=80000,
        branch=south,
        **common,
    )
    expense = services.expense_record(
        account_code="activity_costs",
        supplier="Southgate Lanes",
        description="Bowling",
        spent_on=DAY,
        amount_pence=20000,
        branch=south,
        **common,
    )
    assert (income.transaction.branch, expense.transaction.branch) == (south, south)
    assert selectors.money_in_out(start=DAY, end=DAY, branch=south) == {
        "income_pence": 80000,
        "spending_pence": 20000,
    }
    assert selectors.money_in_out(start=DAY, end=DAY, branch=None) == {
        "income_pence": 0,
        "spending_pence": 0,
    }


def test_a_booking_fee_is_the_money_of_the_activitys_branch(cast, south):
    activity = make_activity(cast.organiser, south)
    booking = event_services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="cash"
    )
    event_services.booking_record_cash(booking=booking, actor=cast.organiser)
    payment = Payment.objects.get(reference=f"booking:{booking.pk}")
    assert payment.branch == south
    assert {txn.branch for txn in payment.transactions.all()} == {south}
    today = timezone.localdate()
    held = selectors.account_days(start=today, end=today, branch=south).filter(
        account__code="fees_held"
    )
    assert [row.credit_pence for row in held] == [500]


def test_each_branch_has_its_own_budget_and_the_whole_one_its_own(cast, south):
    for branch, quarters in ((None, [0, 0, 0, 10000]), (south, [0, 0, 0, 20000])):
        services.budget_set(
            year=2026,
            account_code="activity_costs",
            quarters=quarters,
            actor=cast.finance,
            branch=branch,
        )
    services.budget_set(  # the same again changes nothing, and adds no line
        year=2026,
        account_code="activity_costs",
        quarters=[0, 0, 0, 20000],
        actor=cast.finance,
        branch=south,
    )
    assert BudgetLine.objects.filter(year=2026).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(year=2026, account=BudgetLine.objects.first().account)

    def planned(branch) -> list[int]:
        rows = selectors.budget_vs_actual(year=2026, quarter=4, branch=branch)
        return [row.budget_pence for row in rows]

    assert [planned(b) for b in (None, south, ALL)] == [[10000], [20000], [30000]]


def test_the_purses_are_the_whole_then_each_branch_and_add_up(cast, south):
    north = cast.member_row.branch
    _grant(None, 150000)
    _grant(south, 80000)
    services.budget_set(
        year=2026,
        account_code="activity_costs",
        quarters=[0, 0, 0, 20000],
        actor=cast.finance,
        branch=south,
    )
    found = selectors.purses(year=2026, quarters=range(4, 5), start=DAY, end=DAY)
    assert found == [
        Purse(SHARED, None, income_pence=150000),
        Purse("Northfield", north.pk),
        Purse("Southgate", south.pk, income_pence=80000, budget_pence=20000),
    ]
    total = selectors.money_in_out(start=DAY, end=DAY)
    assert sum(purse.income_pence for purse in found) == total["income_pence"] == 230000
    assert found[2].verdict == "less than planned"


def test_a_sitting_fee_can_be_paid_from_a_branchs_money(cast, south, client):
    board = make_board(cast)
    meeting = plan(cast, days=0)
    services_meetings.attendance_save(
        meeting=meeting, statuses={board[0].pk: "present"}, actor=cast.board
    )
    fee = SittingFee.objects.get(meeting=meeting)
    client.force_login(cast.finance)
    url = reverse("sitting-fee-pay", args=[fee.pk])
    page = client.post(url, {"method": "bank", "branch": "999999"}, follow=True)
    assert "Please choose one of the branches listed." in page.content.decode()
    fee.refresh_from_db()
    assert fee.status == "owed"
    client.post(url, {"method": "bank", "branch": str(south.pk)})
    fee.refresh_from_db()
    assert fee.status == "paid" and fee.ledger_transaction.branch == south


@pytest.mark.parametrize("whose", ["south", "shared"])
def test_every_later_posting_of_a_payment_is_its_branchs(cast, south, whose):
    """A fee kept, then no longer kept: each posting is the payment's branch's; a payment
    from before branches carried money stays shared, all its life."""
    branch = south if whose == "south" else None
    payment = services.payment_record_cash(
        member=cast.member_row,
        amount_pence=500,
        reference=f"test:{whose}",
        description="Booking fee: Bowling",
        actor=cast.organiser,
        branch=branch,
    )
    services.fee_keep(payment=payment, actor=cast.organiser)
    services.fee_unkeep(payment=payment, actor=cast.organiser)
    assert [txn.branch for txn in payment.transactions.order_by("id")] == [branch] * 3
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(branch=None if branch else south)
