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
