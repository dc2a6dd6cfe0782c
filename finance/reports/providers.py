"""Where the quarterly report's activity figures come from, without finance importing events.

events registers its summary in its AppConfig.ready() (as it registers with finance.hooks).
With nothing registered the report says plainly that the activity figures are not available.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

# (start=, end=) -> the numbers for activities starting in [start, end), with "by_branch".
ActivityFigures = Callable[..., dict[str, Any]]

_provider: ActivityFigures | None = None


def register_activity_figures(provider: ActivityFigures) -> None:
    """Use `provider` for the report's activity figures. Registering again replaces it, so a
    repeated ready() is harmless."""
    global _provider
    _provider = provider


def unregister_activity_figures() -> None:
    global _provider
    _provider = None


def activity_figures(*, start: dt.datetime, end: dt.datetime) -> dict[str, Any] | None:
    """The activity figures for [start, end), or None when no app provides them."""
    if _provider is None:
        return None
    return _provider(start=start, end=end)
