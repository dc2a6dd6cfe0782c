"""The numbers in a quarterly report, gathered once from each app's selectors."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from coop.errors import CoopError
from events.summary import activity_summary
from finance import selectors as money
from finance.selectors import BudgetRow
from finance.services import quarter_bounds
from members.models import Member

_PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")


class ReportError(CoopError):
    """A report cannot be made as asked."""


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """ "2026-Q3" → Quarter(2026, 3). Raises ReportError in words."""
        match = _PERIOD.match((text or "").strip().upper())
        if not match or not 2000 <= int(match.group(1)) <= 2100:
            raise ReportError(f"{text!r} is not a quarter. Write it like 2026-Q3.")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def current(cls) -> "Quarter":
        today = timezone.localdate()
        return cls(today.year, (today.month - 1) // 3 + 1)

    @property
    def start(self) -> dt.date:
        return quarter_bounds(self.year, self.number)[0]

    @property
    def end(self) -> dt.date:
        return quarter_bounds(self.year, self.number)[1]

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def months(self) -> str:
        """ "July to September 2026"."""
        return f"{self.start:%B} to {self.end:%B %Y}"


@dataclass(frozen=True)
class QuarterFigures:
    quarter: Quarter
    income_pence: int
    spending_pence: int
    budget: list[BudgetRow]
    fees: dict[str, int]
    joined: int
    left: int
    activities: dict[str, Any]

    @property
    def budget_pence(self) -> int:
        return sum(row.budget_pence for row in self.budget if row.account.kind == "expense")


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def quarter_figures(quarter: Quarter) -> QuarterFigures:
    start, end = quarter.start, quarter.end
    flows = money.money_in_out(start=start, end=end)
    activities = activity_summary(
        start=_aware(start), end=_aware(end + dt.timedelta(days=1)), branch=None
    )
    return QuarterFigures(
        quarter=quarter,
        income_pence=flows["income_pence"],
        spending_pence=flows["spending_pence"],
        budget=money.budget_vs_actual(year=quarter.year, quarter=quarter.number),
        fees=money.fee_figures(start=start, end=end),
        joined=Member.objects.filter(admitted_on__gte=start, admitted_on__lte=end).count(),
        left=Member.objects.filter(left_on__gte=start, left_on__lte=end).count(),
        activities=activities,
    )
