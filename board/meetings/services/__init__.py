"""Every write about board meetings goes through these services, one module per topic:
the agenda, the papers, the record of the meeting, attendance and sitting fees, and the
pack. This package gathers them so callers write `services.meeting_create(...)`."""

from board.meetings.services.agenda import *  # noqa: F403
from board.meetings.services.attendance import *  # noqa: F403
from board.meetings.services.papers import *  # noqa: F403
from board.meetings.services.proposals import *  # noqa: F403
from board.meetings.services.record import *  # noqa: F403
