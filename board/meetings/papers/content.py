"""Papers coop writes itself, so nobody copies figures by hand: the minutes of the last
meeting, the actions from last time (board.meetings.papers.minutes), how our activities
went (with the organisers' evaluations) and the money (board.meetings.papers.sources).
Each is made from the records as they are when the papers are refreshed; once the papers
go out they stay as they were sent.

Other apps add a paper by registering a source::

    from board.meetings.papers.content import register_source
    register_source("money", build_money_paper)   # build(meeting, since) -> [GeneratedPaper]

A source that has nothing to say returns a paper that says so in easy read (an empty
agenda item would leave the board wondering). What does not exist yet in coop simply has
no source registered: its agenda item is then left for the board to write.
"""

import datetime as dt
from collections.abc import Callable

from board.meetings.models import Meeting
from board.meetings.papers.generated import GeneratedPaper
from board.meetings.papers.minutes import actions_source, minutes_source
from board.meetings.papers.sources import activities_source, money_source
from board.meetings.selectors import previous_meeting

__all__ = ["build_papers", "register_source"]

# How far back the first meeting's papers look, when there is no meeting before it.
FIRST_LOOK_BACK = dt.timedelta(days=31)

Builder = Callable[[Meeting, dt.datetime], list[GeneratedPaper]]
_sources: dict[str, Builder] = {}


def register_source(source: str, build: Builder) -> None:
    """Use `build` for the agenda item with this source (an AgendaItem.Source value).
    Registering again replaces it."""
    _sources[source] = build


def since_for(meeting: Meeting) -> dt.datetime:
    before = previous_meeting(meeting)
    return before.starts_at if before else meeting.starts_at - FIRST_LOOK_BACK


def build_papers(meeting: Meeting, source: str) -> list[GeneratedPaper] | None:
    """The papers for one automatic agenda item, or None when no source is registered."""
    build = _sources.get(source)
    if build is None:
        return None
    return build(meeting, since_for(meeting))


register_source("minutes", minutes_source)
register_source("actions", actions_source)
register_source("activities", activities_source)
register_source("money", money_source)
