"""Today's work for organisers, at the top of the messages page: the calls to make and the
letters to print, each with a count and a link to the list it is on.

The outbox's own calls and letters (booking news, welcomes, election notices, group
messages, and messages that could not be sent turned into letters by "Try again") are
counted here. Reminders, "what's on" and board papers keep their own call lists and
letters: events and board register a source of their work at start-up (members imports
neither). A source gives the work due at `now` that `user` can open, as (calls, letters).

Letters that nobody marks "printed" (reminders, "what's on") count as today's when they
were written since the last working day ended: today's, and on Monday the weekend's too.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from coop.dates import end_of_day
from members.models import User
from members.outbox import work

__all__ = ["Today", "Work", "letters_since", "register_today_work", "today_work"]


@dataclass(frozen=True)
class Work:
    """Some calls or letters on one list: what they are about, how many, and where."""

    about: str
    count: int
    url: str


@dataclass(frozen=True)
class Today:
    calls: list[Work] = field(default_factory=list)
    letters: list[Work] = field(default_factory=list)

    @property
    def calls_count(self) -> int:
        return sum(w.count for w in self.calls)

    @property
    def letters_count(self) -> int:
        return sum(w.count for w in self.letters)


Source = Callable[[dt.datetime, User], tuple[list[Work], list[Work]]]
_SOURCES: dict[str, Source] = {}


def register_today_work(name: str, source: Source) -> None:
    """Add (or replace) a source of today's calls and letters, by name."""
    _SOURCES[name] = source


def letters_since(now: dt.datetime) -> dt.datetime:
    """When the last working day before today ended (midnight after it, local time)."""
    day = timezone.localdate(now) - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return end_of_day(day)


def today_work(user: User, now: dt.datetime | None = None) -> Today:
    """Every call to make and letter to print now that `user` can open, by the list it is
    on (lists with nothing on them are left out)."""
    now = now or timezone.now()
    page = reverse("outbox")
    today = Today(
        calls=[Work("Messages to tell by phone", work.calls_to_make().count(), f"{page}#calls")],
        letters=[
            Work("Messages to send by letter", work.letters_waiting().count(), f"{page}#letters")
        ],
    )
    for source in _SOURCES.values():
        calls, letters = source(now, user)
        today.calls.extend(calls)
        today.letters.extend(letters)
    return Today(
        calls=[w for w in today.calls if w.count], letters=[w for w in today.letters if w.count]
    )
