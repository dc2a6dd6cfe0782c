"""Every write about board meetings goes through these services. One module per topic;
this package re-exports them so callers write `services.meeting_create(...)`."""

from board.meetings.services.meetings import *  # noqa: F403
