"""The demo co-operative, made by every app's own loaders.

Each app registers its demo loader(s) in its AppConfig.ready() by dotted path, with an order
from the ones below, so coop's `load_demo` runs them all without importing any app, and no
web process imports the demo's data at start-up. A loader makes what
is missing (running it again changes nothing) and says what there is.
"""

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from unittest import mock

from django.utils import timezone
from django.utils.module_loading import import_string

# The order loaders run in: each needs what the ones before it made.
PEOPLE = 10
ACTIVITIES = 20
AFTER_ACTIVITIES = 30
ELECTIONS = 40
MEETINGS = 50
SEND_QUEUED = 90  # last: the messages the demo's past queued


@dataclass
class Loaded:
    """What a loader says: how many of each thing there are ("members": 60), lines that sum
    up what it made, and notes on how to use it (sign-ins, keys)."""

    counts: dict[str, int] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Loader = Callable[[], Loaded]

_loaders: dict[str, tuple[int, Loader | str]] = {}


def register(name: str, loader: Loader | str, *, order: int) -> None:
    """Add a loader, or the dotted path of one (imported only when the demo is loaded);
    registering a name again replaces it, so a repeated ready() is harmless."""
    _loaders[name] = (order, loader)


@contextlib.contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """Run the real services as if it were `moment`: the demo's past is made on the days it
    happened, so every date a service stamps (a payment, a refund, a ledger posting, a
    booking's history) is that day, and the services' own rules (no booking after it has
    closed) hold. Only for load_demo, which serves no requests while it runs; a row's
    created_at set by its model's default keeps the real time."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def load_all() -> Loaded:
    """Run every loader in order (by name within an order); what they said, together."""
    together = Loaded()
    for _, (_, loader) in sorted(_loaders.items(), key=lambda item: (item[1][0], item[0])):
        loaded = (import_string(loader) if isinstance(loader, str) else loader)()
        together.counts.update(loaded.counts)
        together.summary += loaded.summary
        together.notes += loaded.notes
    return together
