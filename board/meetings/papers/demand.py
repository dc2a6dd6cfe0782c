"""A paper coop writes for the activities item: what members could not come to (events.demand).
Full activities since the last meeting and in the coming weeks, how many asked for a place
and got none, the waiting lists, and the times that suit many members but have few or no
activities coming. Counts only: no member is named."""

import datetime as dt

from django.utils import timezone

from board.meetings.models import Meeting
from board.meetings.papers.generated import GeneratedPaper, PartSpec, people
from coop.dates import easy_date
from events.demand import MANY, WEEKS_AHEAD, Demand, TimeDemand, unmet_demand

__all__ = ["DEMAND_TITLE", "demand_source"]

DEMAND_TITLE = "What members could not come to"


def demand_source(meeting: Meeting, since: dt.datetime) -> list[GeneratedPaper]:
    """Unmet demand from `since` (the last meeting), looking ahead from when the papers
    are made (or from the meeting, for a meeting already past)."""
    demand = unmet_demand(start=since, now=min(timezone.now(), meeting.starts_at))
    parts = [_full_part(demand), _times_part(demand), _too_few_part(demand)]
    return [GeneratedPaper(DEMAND_TITLE, parts, "\n".join(_standard(demand)))]


def _full_part(demand: Demand) -> PartSpec:
    if not demand.full:
        words = f"No activity was full from {easy_date(demand.start)}."
    else:
        lines = [
            f"{people(len(demand.full), 'activity was', 'activities were')} full.",
            f"{people(demand.no_place)} asked for a place and did not get one.",
            f"{people(demand.waiting, 'person is', 'people are')} on a waiting list now.",
        ]
        for row in demand.full:
            lines.append(
                f"- {row.activity.title}, {easy_date(row.activity.starts_at)}: "
                f"{people(row.no_place)} did not get a place."
            )
        words = "\n".join(lines)
    return PartSpec("Full activities", words, "coop/pictures/people.svg")


def _times_part(demand: Demand) -> PartSpec:
    lines = [
        f"{people(demand.said, 'member', 'members')} told us the times that suit them.",
        f"We counted activities in the next {WEEKS_AHEAD} weeks.",
    ]
    for time in demand.times:
        lines.append(f"- {time.label}: suits {_members(time)}. {_activities(time)}.")
    return PartSpec("Times that suit members", "\n".join(lines), "coop/pictures/calendar.svg")


def _too_few_part(demand: Demand) -> PartSpec:
    if not demand.too_few:
        words = f"Every time that suits {MANY} or more members has activities coming."
    else:
        words = "\n".join(
            f"{time.label} suits {_members(time)}. {_activities(time)} then."
            for time in demand.too_few
        )
    return PartSpec("Times with too few activities", words, "coop/pictures/clock.svg")


def _members(time: TimeDemand) -> str:
    return people(time.members, "member", "members")


def _activities(time: TimeDemand) -> str:
    if not time.activities:
        return "No activities are coming"
    return f"{people(time.activities, 'activity is', 'activities are')} coming"


def _standard(demand: Demand) -> list[str]:
    lines = [
        f"# Full activities from {demand.start:%d %B %Y} to {demand.until:%d %B %Y}",
        f"- Full: {len(demand.full)}",
        f"- Asked for a place and got none: {demand.no_place}",
        f"- On a waiting list now: {demand.waiting}",
    ]
    for row in demand.full:
        activity = row.activity
        lines.append(
            f"- {activity.title} ({activity.branch.name}, {activity.starts_at:%d %B}): "
            f"{activity.places} places, {row.no_place} got no place, {row.waiting} waiting"
        )
    lines += [
        "",
        f"# Times that suit members (activities in the next {WEEKS_AHEAD} weeks)",
        f"- Members who said: {demand.said}",
    ]
    for time in demand.times:
        flag = " (too few activities)" if time.too_few else ""
        lines.append(f"- {time.label}: {time.members} members, {time.activities} activities{flag}")
    return lines
