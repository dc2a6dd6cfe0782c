"""Quarter: the one way coop counts quarters (the ledger, the budget and the report)."""

import datetime as dt

import pytest

from finance.errors import ReportError
from finance.quarters import Quarter


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (dt.date(2026, 1, 1), Quarter(2026, 1)),
        (dt.date(2026, 3, 31), Quarter(2026, 1)),
        (dt.date(2026, 4, 1), Quarter(2026, 2)),
        (dt.date(2026, 9, 30), Quarter(2026, 3)),
        (dt.date(2026, 12, 31), Quarter(2026, 4)),
    ],
)
def test_a_day_is_in_one_quarter_between_its_first_and_last_day(day, quarter):
    assert Quarter.of(day) == quarter
    assert quarter.start <= day <= quarter.end


def test_each_quarter_starts_the_day_after_the_one_before_ends():
    for quarter in [Quarter(2024, 1), Quarter(2024, 2), Quarter(2024, 3), Quarter(2025, 1)]:
        assert quarter.previous().end + dt.timedelta(days=1) == quarter.start
    assert (Quarter(2024, 1).end, Quarter(2026, 4).end) == (
        dt.date(2024, 3, 31),
        dt.date(2026, 12, 31),
    )


def test_a_quarter_is_named_and_read_back():
    quarter = Quarter.parse(" 2026-q3 ")
    assert (quarter, quarter.label, quarter.months) == (
        Quarter(2026, 3),
        "2026-Q3",
        "July to September 2026",
    )
    with pytest.raises(ReportError, match="Write it like 2026-Q3"):
        Quarter.parse("1999-Q1")


def test_there_is_no_fifth_quarter():
    with pytest.raises(ValueError, match="1, 2, 3 or 4"):
        Quarter(2026, 5)


def test_recent_quarters_are_newest_first():
    recent = Quarter.recent(5)
    assert recent[0] == Quarter.current()
    assert all(
        later.previous() == earlier for later, earlier in zip(recent, recent[1:], strict=False)
    )
