"""Papers coop writes itself, so nobody copies figures by hand: the minutes of the last
meeting, the actions from last time (board.meetings.papers.minutes), how our activities
went (with the organisers' evaluations) and the money (board.meetings.papers.sources).
Each is made from the records as they are when the papers are refreshed; once the papers
go out they stay as they were sent. A source that has nothing to say returns a paper that
says so in easy read (an empty agenda item would leave the board wondering).
"""

import datetime as dt
from collections.abc import Iterable

from board.meetings.models import AgendaItem, Meeting
from board.meetings.papers.demand import demand_source
from board.meetings.papers.generated import GeneratedPaper
from board.meetings.papers.minutes import actions_source, minutes_source
from board.meetings.papers.sources import activities_source, meeting_quarter, money_source
from board.meetings.selectors import previous_meeting
from finance.reports.figures import quarter_figures

__all__ = ["build_papers"]

# How far back the first meeting's papers look, when there is no meeting before it.
FIRST_LOOK_BACK = dt.timedelta(days=31)
Source = AgendaItem.Source


def since_for(meeting: Meeting) -> dt.datetime:
    before = previous_meeting(meeting)
    return before.starts_at if before else meeting.starts_at - FIRST_LOOK_BACK


def build_papers(meeting: Meeting, sources: Iterable[str]) -> dict[str, list[GeneratedPaper]]:
    """The papers of each automatic agenda item asked for, by its source. The quarter's
    figures are read once, for both the activities and the money papers."""
    wanted = set(sources)
    since = since_for(meeting)
    figures = None
    if wanted & {Source.ACTIVITIES, Source.MONEY}:
        figures = quarter_figures(meeting_quarter(meeting))
    builders = {
        Source.MINUTES: lambda: minutes_source(meeting, since),
        Source.ACTIONS: lambda: actions_source(meeting, since),
        Source.ACTIVITIES: lambda: (
            activities_source(meeting, since, figures) + demand_source(meeting, since)
        ),
        Source.MONEY: lambda: money_source(figures),
    }
    return {source: builders[source]() for source in wanted}
