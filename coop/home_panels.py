"""What a person's home page shows first: their next things, from every app.

A home page belongs to a lower app (the member's page to members) but its next things
live in higher ones (a booking in events, a vote in the board). Each app registers a
panel builder in its AppConfig.ready(), as for personal data, so no app imports one
above it. A builder takes the signed-in user and gives a Panel, or None when it has
nothing to say.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Builder = Callable[[Any], Panel | list[Panel] | None]

_builders: dict[str, list[tuple[int, Builder]]] = {}


def register(home: str, *, order: int, builder: Builder) -> None:
    """Add a builder to a home page; lower `order` comes first."""
    builders = _builders.setdefault(home, [])
    if builder not in (known for _, known in builders):
        builders.append((order, builder))
        builders.sort(key=lambda pair: pair[0])


def panels_for(home: str, user: Any) -> list[Panel]:
    panels: list[Panel] = []
    for _, builder in _builders.get(home, []):
        made = builder(user)
        if isinstance(made, Panel):
            panels.append(made)
        elif made:
            panels.extend(made)
    return panels
