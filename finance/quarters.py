"""A quarter of the year, the one way coop counts them: the ledger closes quarters, the
budget plans by quarter, and the quarterly report covers one.

    Quarter.of(dt.date(2026, 8, 14))     # Quarter(year=2026, number=3)
    Quarter.parse("2026-Q3").months      # "July to September 2026"
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from finance.errors import ReportError

_PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class Quarter:
    """Quarter(2026, 3) is July to September 2026; Q1 starts in January."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if self.number not in (1, 2, 3, 4):
            raise ValueError(f"A quarter is 1, 2, 3 or 4, not {self.number!r}.")

    @classmethod
    def of(cls, day: dt.date) -> "Quarter":
        """The quarter a day is in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def current(cls) -> "Quarter":
        return cls.of(timezone.localdate())

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """ "2026-Q3" → Quarter(2026, 3). Raises ReportError in words."""
        match = _PERIOD.match((text or "").strip().upper())
        if not match or not 2000 <= int(match.group(1)) <= 2100:
            raise ReportError(f"{text!r} is not a quarter. Write it like 2026-Q3.")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def recent(cls, count: int) -> list["Quarter"]:
        """The quarter we are in and the ones before it, newest first."""
        quarter, found = cls.current(), []
        for _ in range(count):
            found.append(quarter)
            quarter = quarter.previous()
        return found

    def previous(self) -> "Quarter":
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    @property
    def start(self) -> dt.date:
        """The first day."""
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """The last day."""
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def months(self) -> str:
        """ "July to September 2026"."""
        return f"{self.start:%B} to {self.end:%B %Y}"
