"""The demo co-operative's books beyond the booking fees: in each of the last three quarters
(today's so far) a grant, the members' subscriptions and what was spent, each recorded by
the finance officer on the day it happened, and a budget for every year those quarters are
in, so that budget against actual has real figures in every quarter.

Deterministic (the same amounts every time, with dates counted from the first day of each
quarter, never after today) and safe to run again: each record has its own key, so a
record already there is left as it is, and setting a budget again changes nothing."""

import datetime as dt

from django.utils import timezone

from coop.dates import day_at
from coop.demo import Loaded, clock_at
from finance import services
from finance.models import Expense, Income
from finance.quarters import Quarter
from members.models import Branch, User

# (account, who gave it, what for, days into the quarter, pence, whose: a branch's slug or
# None for shared money): every quarter. Riverside's council gives a grant for Riverside.
INCOME = [
    ("grants", "Northfield Community Fund", "A grant for our activities", 4, 150_000, None),
    ("subscriptions", "Members", "Members' subscriptions paid at the drop-in", 20, 24_000, None),
    ("grants", "Riverside Council", "A grant for trips in Riverside", 8, 60_000, "riverside"),
]
# (account, who was paid, what for, days into the quarter, pence, whose): every quarter.
SPENDING = [
    ("administration", "Post Office", "Stamps for the letters we send", 2, 4_200, None),
    (
        "support_costs",
        "Helping Hands Agency",
        "Support workers at our activities",
        25,
        54_000,
        None,
    ),
    ("activity_costs", "Town Minibus Hire", "The minibus for a day trip", 35, 21_500, None),
    ("training", "Easy Words Training", "A course on writing in easy read", 50, 12_000, None),
    ("activity_costs", "Riverside Boat Trips", "A boat trip on the river", 40, 18_000, "riverside"),
]
# What we plan to spend or receive in each quarter of a year, in pence.
BUDGET = {
    "grants": 150_000,
    "subscriptions": 25_000,
    "fees_kept": 1_000,
    "administration": 5_000,
    "support_costs": 60_000,
    "activity_costs": 25_000,
    "training": 10_000,
    "board_fees": 15_000,
}
# Riverside's own budget, from its grant: each quarter, in pence.
BRANCH_BUDGET = {"riverside": {"grants": 60_000, "activity_costs": 20_000}}
QUARTERS = 3  # today's and the two before it


def _quarters(today: dt.date) -> list[Quarter]:
    quarter, found = Quarter.of(today), []
    for _ in range(QUARTERS):
        found.append(quarter)
        quarter = quarter.previous()
    return found


def _branch(slug: str | None) -> Branch | None:
    return Branch.objects.get(slug=slug) if slug else None


def _record(quarter: Quarter, today: dt.date, finance: User) -> None:
    """The quarter's money in and out, each on its day (today's at the latest)."""
    kinds = [
        ("income", INCOME, services.income_record, "source", "received_on"),
        ("spending", SPENDING, services.expense_record, "supplier", "spent_on"),
    ]
    for kind, rows, record, who_field, day_field in kinds:
        for number, (account, who, what, days, pence, whose) in enumerate(rows):
            day = min(quarter.start + dt.timedelta(days=days), today)
            with clock_at(day_at(day, 11)):
                record(
                    account_code=account,
                    description=what,
                    amount_pence=pence,
                    paid_with="bank",
                    actor=finance,
                    key=f"demo:{quarter.label}:{kind}:{number}",
                    branch=_branch(whose),
                    **{who_field: who, day_field: day},
                )


def load_money() -> dict[str, int]:
    """The budget for each year of the last three quarters, and their money in and out.
    Returns how many records of money in and out there are."""
    finance = User.objects.get(username="finance")
    today = timezone.localdate()
    quarters = _quarters(today)
    for year in sorted({quarter.year for quarter in quarters}):
        for account, pence in BUDGET.items():
            services.budget_set(
                year=year, account_code=account, quarters=[pence] * 4, actor=finance
            )
        for slug, budget in BRANCH_BUDGET.items():
            for account, pence in budget.items():
                services.budget_set(
                    year=year,
                    account_code=account,
                    quarters=[pence] * 4,
                    actor=finance,
                    branch=_branch(slug),
                )
    for quarter in reversed(quarters):
        _record(quarter, today, finance)
    return {"records of money in and out": Income.objects.count() + Expense.objects.count()}


def loaded_money() -> Loaded:
    """The demo loader (coop.demo): the budget, and money in and out."""
    return Loaded(counts=load_money())
