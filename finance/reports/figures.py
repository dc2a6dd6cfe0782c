"""The numbers in a quarterly report, gathered once from each app's selectors."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils import timezone

from finance import selectors as money
from finance.quarters import Quarter
from finance.reports.providers import activity_figures
from finance.selectors import BudgetRow
from members.models import Branch, Member

# Told each stage's name ("Counting the money") as the report is made.
Progress = Callable[[str], None]


@dataclass(frozen=True)
class BranchFigures:
    """One branch's activities, their booking fees, and its members who joined and left.
    The fees here are those of the branch's activities held in the quarter (from the
    bookings); the report's fee totals come from the ledger, by the day the money moved."""

    name: str
    activities_held: int = 0
    attended: int = 0
    no_shows: int = 0
    fees_taken_pence: int = 0
    fees_refunded_pence: int = 0
    fees_kept_pence: int = 0
    joined: int = 0
    left: int = 0


@dataclass(frozen=True)
class QuarterFigures:
    quarter: Quarter
    income_pence: int
    spending_pence: int
    budget: list[BudgetRow]
    fees: dict[str, int]
    joined: int
    left: int
    # None when no app provides activity figures (see finance.reports.providers).
    activities: dict[str, Any] | None
    branches: list[BranchFigures] = field(default_factory=list)

    @property
    def has_activities(self) -> bool:
        return self.activities is not None

    @property
    def budget_pence(self) -> int:
        return sum(row.budget_pence for row in self.budget if row.account.kind == "expense")

    @property
    def money_in_by_category(self) -> list[BudgetRow]:
        """Each income account with money in the quarter (the ledger's actuals)."""
        return [row for row in self.budget if row.account.kind == "income" and row.actual_pence]

    @property
    def money_out_by_category(self) -> list[BudgetRow]:
        """Each spending account with money in the quarter (the ledger's actuals)."""
        return [row for row in self.budget if row.account.kind == "expense" and row.actual_pence]


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _by_branch(
    members_in: dict[str, int], members_out: dict[str, int], activities: dict[str, Any] | None
) -> list[BranchFigures]:
    """Every branch, by name, with what happened in it (zeros where nothing did)."""
    activities_by_branch = activities["by_branch"] if activities is not None else {}
    names = set(Branch.objects.values_list("name", flat=True))
    names |= set(activities_by_branch) | set(members_in) | set(members_out)
    rows = []
    for name in sorted(names):
        acts = activities_by_branch.get(name, {})
        rows.append(
            BranchFigures(
                name=name,
                activities_held=acts.get("activities_held", 0),
                attended=acts.get("attended", 0),
                no_shows=acts.get("no_shows", 0),
                fees_taken_pence=acts.get("fees_taken_pence", 0),
                fees_refunded_pence=acts.get("fees_refunded_pence", 0),
                fees_kept_pence=acts.get("fees_kept_pence", 0),
                joined=members_in.get(name, 0),
                left=members_out.get(name, 0),
            )
        )
    return rows


def _members_by_branch(**where: dt.date) -> dict[str, int]:
    counts = (
        Member.objects.filter(**where).values("branch__name").annotate(n=Count("id")).order_by()
    )
    return {row["branch__name"]: row["n"] for row in counts}


def no_progress(stage: str) -> None:
    pass


def quarter_figures(quarter: Quarter, *, progress: Progress = no_progress) -> QuarterFigures:
    """Every number in the report for one quarter, telling `progress` as it goes."""
    start, end = quarter.start, quarter.end
    progress("Counting the money")
    flows = money.money_in_out(start=start, end=end)
    budget = money.budget_vs_actual(year=quarter.year, quarter=quarter.number)
    fees = money.fee_figures(start=start, end=end)
    progress("Counting the activities and members")
    activities = activity_figures(start=_aware(start), end=_aware(end + dt.timedelta(days=1)))
    joined = _members_by_branch(admitted_on__gte=start, admitted_on__lte=end)
    left = _members_by_branch(left_on__gte=start, left_on__lte=end)
    return QuarterFigures(
        quarter=quarter,
        income_pence=flows["income_pence"],
        spending_pence=flows["spending_pence"],
        budget=budget,
        fees=fees,
        joined=sum(joined.values()),
        left=sum(left.values()),
        activities=activities,
        branches=_by_branch(joined, left, activities),
    )
