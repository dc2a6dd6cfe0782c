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
