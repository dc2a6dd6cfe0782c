"""Where members' wish to come goes unmet, for the board: activities that were full (and
how many asked for a place and did not get one), the waiting lists, and the times that
suit many members but have few or no activities in the coming weeks. Counts only: no
member is named. The board's numbers page and the board pack both read unmet_demand."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Activity, Booking
from events.selectors import with_places
from members.good_times import GoodTime, good_time_counts, good_time_of

__all__ = ["FEW", "MANY", "WEEKS_AHEAD", "Demand", "unmet_demand"]

# The coming weeks the board looks at for times with too few activities.
WEEKS_AHEAD = 6
# A time suits "many" members when at least this many said it suits them...
MANY = 3
# ...and has "too few" activities when at most this many fall then in the coming weeks.
FEW = 1


@dataclass(frozen=True)
class FullActivity:
    activity: Activity
    waiting: int  # on its waiting list now
    no_place: int  # asked for a place when it was full and have none (the waiting too)
    held: bool  # it has started (its waiting list will not move now)


@dataclass(frozen=True)
class TimeDemand:
    code: str
    label: str
    members: int  # active members it suits
    activities: int  # published activities then in the coming weeks

    @property
    def too_few(self) -> bool:
        return self.members >= MANY and self.activities <= FEW


@dataclass(frozen=True)
class Demand:
    start: dt.datetime
    until: dt.datetime  # the end of the coming weeks
    full: list[FullActivity]
    times: list[TimeDemand]
    said: int  # active members who said any time at all

    @property
    def waiting(self) -> int:
        return sum(row.waiting for row in self.full)

    @property
    def no_place(self) -> int:
        return sum(row.no_place for row in self.full)

    @property
    def too_few(self) -> list[TimeDemand]:
        return [time for time in self.times if time.too_few]


def full_activities(start: dt.datetime, end: dt.datetime, now: dt.datetime) -> list[FullActivity]:
    """Published activities starting in [start, end) that were full: every place taken, or
    someone asked for a place when it was full and has none. Soonest first."""
    bookings = Booking.objects.filter(activity=OuterRef("pk")).order_by().values("activity")
    no_place = (
        bookings.filter(waiting_since__isnull=False)
        .exclude(status__in=Booking.HOLDING)
        .annotate(n=Count("id"))
    )
    activities = (
        with_places(
            Activity.objects.filter(
                status=Activity.Status.PUBLISHED, starts_at__gte=start, starts_at__lt=end
            )
        )
        .annotate(
            no_place=Coalesce(Subquery(no_place.values("n")), Value(0), output_field=IntegerField())
        )
        .select_related("branch")
        .order_by("starts_at", "id")
    )
    return [
        FullActivity(a, a.waiting, a.no_place, a.starts_at <= now)
        for a in activities
        if a.taken >= a.places or a.no_place
    ]


def times_demand(now: dt.datetime, until: dt.datetime) -> tuple[list[TimeDemand], int]:
    """Each time of the grid: how many active members it suits and how many published
    activities fall then from `now` to `until`; and how many members said any time."""
    members = good_time_counts()
    activities = dict.fromkeys(GoodTime.values, 0)
    for starts_at in Activity.objects.filter(
        status=Activity.Status.PUBLISHED, starts_at__gte=now, starts_at__lt=until
    ).values_list("starts_at", flat=True):
        activities[good_time_of(starts_at)] += 1
    times = [
        TimeDemand(code, label, members[code], activities[code]) for code, label in GoodTime.choices
    ]
    return times, members["said"]


def unmet_demand(*, start: dt.datetime, now: dt.datetime | None = None) -> Demand:
    """Full activities from `start` to the end of the coming weeks, and the times that suit
    members against the activities in the coming weeks (from `now`)."""
    now = now or timezone.now()
    until = now + dt.timedelta(weeks=WEEKS_AHEAD)
    times, said = times_demand(now, until)
    return Demand(start, until, full_activities(start, until, now), times, said)
