"""A day's start, an hour on it and its end, in the co-operative's local time: the one
helper every query by day and every demo time uses."""

import datetime as dt

from coop.dates import day_at, end_of_day


def test_an_hour_on_a_day_is_local_time_in_summer_and_winter():
    assert day_at(dt.date(2026, 7, 1), 9).isoformat() == "2026-07-01T09:00:00+01:00"
    assert day_at(dt.date(2026, 12, 1), 9).isoformat() == "2026-12-01T09:00:00+00:00"
    assert day_at(dt.date(2026, 12, 1)).isoformat() == "2026-12-01T00:00:00+00:00"


def test_a_day_ends_when_the_next_begins_even_when_the_clocks_go_back():
    clocks_back = dt.date(2026, 10, 25)  # 25 hours long in London
    assert end_of_day(clocks_back - dt.timedelta(days=1)) == day_at(clocks_back)
    start, end = day_at(clocks_back), end_of_day(clocks_back)
    assert (start.isoformat(), end.isoformat()) == (
        "2026-10-25T00:00:00+01:00",
        "2026-10-26T00:00:00+00:00",
    )
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=25)
