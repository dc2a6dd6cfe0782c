"""Dates and times the easy-read way ("Saturday 14 March", "2pm", "2:30pm"), and the
bounds on dates people type."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from coop.errors import CoopError


def easy_date(value: dt.date | dt.datetime, *, with_year: bool = False) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    text = f"{value:%A} {value.day} {value:%B}"
    return f"{text} {value.year}" if with_year else text


def easy_time(value: dt.datetime | dt.time) -> str:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def day_at(day: dt.date, hour: int = 0) -> dt.datetime:
    """`hour` o'clock on `day`, local time (midnight at its start when no hour is given)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def end_of_day(day: dt.date) -> dt.datetime:
    """When `day` ends, local time: midnight at the start of the next day."""
    return day_at(day + dt.timedelta(days=1))


def add_working_hours(start: dt.datetime, hours: int) -> dt.datetime:
    """`start` plus `hours` counted on working days only (Monday to Friday, local time):
    48 working hours from Friday 3pm end on Tuesday 3pm. Bank holidays count as working
    days."""
    current = timezone.localtime(start) if timezone.is_aware(start) else start
    left = dt.timedelta(hours=hours)
    while True:
        midnight = dt.datetime.combine(current.date() + dt.timedelta(days=1), dt.time())
        if timezone.is_aware(current):
            midnight = timezone.make_aware(midnight, current.tzinfo)
        if current.weekday() >= 5:  # Saturday or Sunday: no working time
            current = midnight
            continue
        if current + left <= midnight:
            return current + left
        left -= midnight - current
        current = midnight


def _is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5


def working_days_before(day: dt.date, days: int) -> dt.date:
    """The working day (Monday to Friday) `days` working days before `day`: 5 working days
    before Saturday 14 March is Monday 9 March."""
    while days > 0:
        day -= dt.timedelta(days=1)
        days -= _is_working_day(day)
    return day


def working_start(moment: dt.datetime, hour: int) -> dt.datetime:
    """When work on something that comes at `moment` can start: `moment` itself on a
    working day from `hour` o'clock (local time) on; earlier on a working day, `hour`
    o'clock that day; on Saturday or Sunday, `hour` o'clock on Monday (Saturday 2pm ->
    Monday 9am, with `hour` 9)."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    day = local.date()
    if _is_working_day(day) and local.hour >= hour:
        return local
    while not _is_working_day(day):
        day += dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(hour))
    return timezone.make_aware(start, local.tzinfo) if timezone.is_aware(local) else start


# Bounding the dates people and the API type ------------------------------------------------
# A date far outside sense (the year 1 or 9999) is almost always a slip of the keyboard, and
# one saved can break what reads it later (a ledger sorted by date, a calendar, a report).


@dataclass(frozen=True)
class DateSpan:
    """How far back and ahead a kind of date may be, counted from today when it is
    checked. ``earliest`` fixes the start instead of counting back."""

    name: str
    years_back: int = 0
    years_ahead: int = 0
    earliest: dt.date | None = None

    def bounds(self, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
        today = today or timezone.localdate()
        start = self.earliest or _years_later(today, -self.years_back)
        return start, _years_later(today, self.years_ahead)


# Things that happened or are recorded: money spent or received, joining, a term starting,
# a period to look at. 1900 covers anyone's birth; ten years ahead covers terms and plans.
HAPPENED = DateSpan("happened", years_ahead=10, earliest=dt.date(1900, 1, 1))
# Things held on a day: activities, meetings, elections, actions, and their deadlines.
HELD = DateSpan("held", years_back=2, years_ahead=5)


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _plain(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def date_out_of_range(value: dt.date | dt.datetime, span: DateSpan) -> str | None:
    """The plain words saying ``value`` is outside ``span``, or None when it is inside."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    start, end = span.bounds()
    if start <= value <= end:
        return None
    return f"Please give a date from {_plain(start)} to {_plain(end)}."


class DateOutOfRange(CoopError):
    code = "date_out_of_range"


def check_in_range(value: dt.date | dt.datetime, span: DateSpan) -> None:
    """Raise DateOutOfRange (a CoopError, in plain words) when ``value`` is outside
    ``span``; for services that take dates from people."""
    problem = date_out_of_range(value, span)
    if problem:
        raise DateOutOfRange(problem)


@deconstructible
class InRange:
    """A validator for form and serializer fields (DRF runs Django's validators too)."""

    def __init__(self, span: DateSpan = HAPPENED) -> None:
        self.span = span

    def __call__(self, value: dt.date | dt.datetime | None) -> None:
        problem = date_out_of_range(value, self.span) if value is not None else None
        if problem:
            raise ValidationError(problem, code="date_out_of_range")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InRange) and other.span == self.span
