"""The demo's members say which times suit them (after the activities are made), so the
board's numbers page and pack show unmet demand: one weekend day suits most members, but
few or no activities fall then in the coming weeks. The seaside trip (events.demo.plans)
is the full activity with a waiting list. Safe to run again: saying the same times again
changes nothing."""

import datetime as dt
import random

from django.utils import timezone

from coop.demo import Loaded
from events.demand import FEW, WEEKS_AHEAD, times_demand
from events.demo.cast import cast
from members.good_times import GoodTime
from members.models import Member
from members.services import member_times_set

# How likely a member is to tick each time (the popular weekend day is set below).
LIKELY = {GoodTime.WEEKDAY_DAY: 0.25, GoodTime.WEEKDAY_EVENING: 0.45}
POPULAR, OTHER_WEEKEND = 0.8, 0.3
SAID = 0.85  # the rest have not said yet
MAY = [GoodTime.WEEKDAY_EVENING]  # and the popular day


def _popular_day() -> str:
    """Saturday, unless the demo's activities (made relative to today) put more than FEW
    on Saturdays in the coming weeks: then Sunday, which then has none."""
    now = timezone.now()
    times, _ = times_demand(now, now + dt.timedelta(weeks=WEEKS_AHEAD))
    saturday = next(t for t in times if t.code == GoodTime.SATURDAY)
    return GoodTime.SATURDAY if saturday.activities <= FEW else GoodTime.SUNDAY


def load_demand(seed: int = 22) -> str:
    """Fill in the times that suit the active members; returns the popular day's code."""
    rng, demo = random.Random(seed), cast()
    popular = _popular_day()
    other = GoodTime.SUNDAY if popular == GoodTime.SATURDAY else GoodTime.SATURDAY
    likely = {**LIKELY, popular: POPULAR, other: OTHER_WEEKEND}
    member_times_set(member=demo.may, actor=demo.may.user, times=[*MAY, popular])
    members = Member.objects.filter(status=Member.Status.ACTIVE, erased_at__isnull=True)
    for member in members.exclude(pk=demo.may.pk).order_by("pk"):
        if rng.random() > SAID:
            continue
        times = [code for code in GoodTime.values if rng.random() < likely[code]] or [popular]
        member_times_set(member=member, actor=member.user, times=times)
    return popular


def loaded_demand() -> Loaded:
    """The demo loader (coop.demo)."""
    popular = load_demand()
    return Loaded(
        summary=[
            f"Members said which times suit them: {GoodTime(popular).label} suits most, "
            "with few activities then (the board's numbers page and pack)."
        ]
    )
