"""What we hold about a person, gathered from every app, and how each app forgets it.

Each app registers an exporter (returns a JSON-ready section for a user) and, where it
holds personal data, an eraser. Apps register in their AppConfig.ready(), so coop needs
no import of any app and every app can be read on its own.
"""

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], dict[str, Any] | list[Any] | None]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register(section: str, *, exporter: Exporter, eraser: Eraser | None = None) -> None:
    _exporters[section] = exporter
    if eraser is not None:
        _erasers[section] = eraser


def export_for(user: Any) -> dict[str, Any]:
    """Every section any app holds about this user, by section name."""
    return {name: exporter(user) for name, exporter in sorted(_exporters.items())}


def erase_for(user: Any) -> list[str]:
    """Ask every app to forget this user's personal data. Returns the sections erased."""
    done = []
    for name, eraser in sorted(_erasers.items()):
        eraser(user)
        done.append(name)
    return done
