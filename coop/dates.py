"""Dates and times the easy-read way: "Saturday 14 March", "2pm", "2:30pm"."""

import datetime as dt

from django.utils import timezone


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
