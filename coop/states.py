"""One helper for every state machine: allowed moves are a dict per model."""

from collections.abc import Mapping

from coop.errors import InvalidTransition


def check_transition(
    transitions: Mapping[str, set[str]], current: str, new: str, *, what: str
) -> None:
    """Raise InvalidTransition unless `current` may move to `new`."""
    if new not in transitions.get(current, set()):
        raise InvalidTransition(f"This {what} is {current}. It cannot become {new}.")
