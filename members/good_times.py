"""The times that suit a member to come to activities: a small grid of four, each with a
picture and plain words. A member (or their supporter for them) ticks the ones that suit;
the board sees how many members each time suits and whether any activities fall then."""

import datetime as dt

from django.db import models
from django.utils import timezone

__all__ = [
    "EVENING_FROM",
    "PICTURES",
    "GoodTime",
    "good_time_counts",
    "good_time_of",
    "good_time_words",
]

# An activity that starts at this hour or later (on a weekday) is in the evening.
EVENING_FROM = 17


class GoodTime(models.TextChoices):
    WEEKDAY_DAY = "weekday_day", "Monday to Friday, in the day"
    WEEKDAY_EVENING = "weekday_evening", "Monday to Friday, in the evening"
    SATURDAY = "saturday", "Saturday"
    SUNDAY = "sunday", "Sunday"


# Each time's picture (in static/) and what it shows, for a screen reader.
PICTURES: dict[str, tuple[str, str]] = {
    GoodTime.WEEKDAY_DAY: ("members/pictures/weekday-day.svg", "The sun"),
    GoodTime.WEEKDAY_EVENING: ("members/pictures/weekday-evening.svg", "The moon at night"),
    GoodTime.SATURDAY: ("members/pictures/saturday.svg", "A calendar page for Saturday"),
    GoodTime.SUNDAY: ("members/pictures/sunday.svg", "A calendar page for Sunday"),
}


def good_time_of(moment: dt.datetime) -> str:
    """Which of the four times an activity starting at `moment` falls in (local time)."""
    local = timezone.localtime(moment)
    if local.weekday() == 5:
        return GoodTime.SATURDAY
    if local.weekday() == 6:
        return GoodTime.SUNDAY
    return GoodTime.WEEKDAY_EVENING if local.hour >= EVENING_FROM else GoodTime.WEEKDAY_DAY


def good_time_words(codes) -> list[str] | object:
    """Stored codes in words, in the grid's order; anything else as it is (own data)."""
    if not isinstance(codes, list):
        return codes
    labels = dict(GoodTime.choices)
    return [labels.get(code, code) for code in codes]


def good_time_counts() -> dict[str, int]:
    """How many active members each time suits (every time, 0 when none), and under
    "said" how many active members have said any time at all. Counts only: no names."""
    from members.models import Member  # members.models reads GoodTime from here

    counts = dict.fromkeys(GoodTime.values, 0)
    said = 0
    for times in Member.objects.filter(
        status=Member.Status.ACTIVE, erased_at__isnull=True
    ).values_list("good_times", flat=True):
        chosen = [code for code in times or [] if code in counts]
        said += bool(chosen)
        for code in chosen:
            counts[code] += 1
    return {**counts, "said": said}
