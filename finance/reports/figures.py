"""The numbers in a quarterly report and in the board pack's money paper, gathered once
from each app's selectors: money in and out and the budget from the ledger, the
activities and their booking fees from the provider events registers, members from
members. Every place that shows a figure takes it from here."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils import timezone

from coop.dates import day_at, easy_date, end_of_day
from finance import selectors as money
from finance.quarters import Quarter
from finance.reports.providers import activity_figures
from finance.selectors import BudgetRow, Purse
from members.models import Branch, Member

# Told each stage's name ("Counting the money") as the report is made.
Progress = Callable[[str], None]
# When the co-operative keeps a booking fee, in the words every page and paper uses.
FEE_KEPT_RULE = "We keep a fee when a person does not come, or cancels too late."
# The booking fees, from the activity figures: paid = given back + kept + still held.
FEES = {
    "taken_pence": "fees_taken_pence",
    "refunded_pence": "fees_refunded_pence",
    "kept_pence": "fees_kept_pence",
    "held_pence": "fees_held_pence",
}


@dataclass(frozen=True)
class BranchFigures:
    """One branch's activities, their booking fees, and its members who joined and left:
    the same selector as the whole report's, so the branches add up to the whole."""

    name: str
    activities_held: int = 0
    attended: int = 0
    no_shows: int = 0
    fees_taken_pence: int = 0
    fees_refunded_pence: int = 0
    fees_kept_pence: int = 0
    fees_held_pence: int = 0
    joined: int = 0
    left: int = 0


@dataclass(frozen=True)
class MoneyFigures:
    """Money in and out, the budget against it, the activities and their booking fees for
    the days start to end (both included), counted up to `until` (today, for a period not
    over: so_far)."""

    start: dt.date
    end: dt.date
    until: dt.date
    so_far: bool
    income_pence: int
    spending_pence: int
    budget: list[BudgetRow]
    # Whose money it was: the whole co-operative's own first, then each branch's; they add
    # up to income_pence, spending_pence and budget_pence.
    purses: list[Purse]
    # None when no app provides activity figures (see finance.reports.providers).
    activities: dict[str, Any] | None

    @property
    def period_words(self) -> str:
        """ "so far, up to Friday 4 December" for a period not over; "" for one that is."""
        return f"so far, up to {easy_date(self.until)}" if self.so_far else ""

    @property
    def has_activities(self) -> bool:
        return self.activities is not None

    @property
    def fees(self) -> dict[str, int] | None:
        """The booking fees paid for the period's activities, given back, kept and still
        held (paid less given back less kept); None without activity figures."""
        if self.activities is None:
            return None
        return {name: self.activities[key] for name, key in FEES.items()}

    @property
    def budget_pence(self) -> int:
        return sum(row.budget_pence for row in self.budget if row.account.kind == "expense")

    @property
    def money_in_by_category(self) -> list[BudgetRow]:
        """Each income account with money in the period (the ledger's actuals)."""
        return [row for row in self.budget if row.account.kind == "income" and row.actual_pence]

    @property
    def money_out_by_category(self) -> list[BudgetRow]:
        """Each spending account with money in the period (the ledger's actuals)."""
        return [row for row in self.budget if row.account.kind == "expense" and row.actual_pence]


@dataclass(frozen=True, kw_only=True)
class QuarterFigures(MoneyFigures):
    """A quarter's figures, with the members who joined and left and each branch's."""

    quarter: Quarter
    joined: int
    left: int
    branches: list[BranchFigures] = field(default_factory=list)


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
                **{key: acts.get(key, 0) for key in FEES.values()},
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


def _money(first: Quarter, last: Quarter) -> dict[str, Any]:
    """The money from the first quarter's first day to the last quarter's last day (both in
    one year), up to today."""
    start, end, today = first.start, last.end, timezone.localdate()
    until = min(end, today)
    flows = money.money_in_out(start=start, end=until)
    return {
        "start": start,
        "end": end,
        "until": until,
        "so_far": today <= end,
        "income_pence": flows["income_pence"],
        "spending_pence": flows["spending_pence"],
        "budget": money.budget_vs_actual(
            year=last.year, quarter=last.number, from_quarter=first.number, until=until
        ),
        "purses": money.purses(
            year=last.year, quarters=range(first.number, last.number + 1), start=start, end=until
        ),
    }


def _activities(start: dt.date, end: dt.date) -> dict[str, Any] | None:
    """The activities starting from `start` to `end` (both days included), with their fees."""
    return activity_figures(start=day_at(start), end=end_of_day(end))


def year_figures(quarter: Quarter) -> MoneyFigures:
    """The money and activities of the year, from 1 January to the end of `quarter`."""
    found = _money(Quarter(quarter.year, 1), quarter)
    return MoneyFigures(**found, activities=_activities(found["start"], found["end"]))


def quarter_figures(quarter: Quarter, *, progress: Progress = no_progress) -> QuarterFigures:
    """Every number in the report for one quarter, telling `progress` as it goes."""
    progress("Counting the money")
    found = _money(quarter, quarter)
    progress("Counting the activities and members")
    activities = _activities(quarter.start, quarter.end)
    joined = _members_by_branch(admitted_on__gte=quarter.start, admitted_on__lte=quarter.end)
    left = _members_by_branch(left_on__gte=quarter.start, left_on__lte=quarter.end)
    return QuarterFigures(
        **found,
        activities=activities,
        quarter=quarter,
        joined=sum(joined.values()),
        left=sum(left.values()),
        branches=_by_branch(joined, left, activities),
    )
