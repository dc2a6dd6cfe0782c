"""What we hold about a person, gathered from every app, and how each app forgets it.

Each app registers an exporter (returns a JSON-ready section for a user) and, where it
holds personal data, an eraser. Apps register in their AppConfig.ready(), so coop needs
no import of any app and every app can be read on its own.
"""

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], dict[str, Any] | list[Any] | None]
Eraser = Callable[[Any], None]

# A coded value is exported twice: the code under its own key, which a machine can rely
# on ("attended"), and its words beside it under key + LABEL ("Came"), which the person
# reads. The page shows the words only, named by the code's key ("Status: Came").
LABEL = "_label"

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}
# Words for a value a record carries, by the key it is kept under, from the app that made
# it: a payment's reference ("booking:26") is what it was for, a supporter's id their name.
ValueWords = Callable[[Any], Any]
_value_words: dict[str, ValueWords] = {}
# The same words for many values at once (value -> words), in one read.
ManyWords = Callable[[list[Any]], dict[Any, Any]]
_many_words: dict[str, ManyWords] = {}


def register(section: str, *, exporter: Exporter, eraser: Eraser | None = None) -> None:
    _exporters[section] = exporter
    if eraser is not None:
        _erasers[section] = eraser


def coded(key: str, code: Any, label: Any) -> dict[str, Any]:
    """A coded value for a person's own data: the code and, beside it, its words."""
    return {key: code, f"{key}{LABEL}": label}


def choice(instance: Any, field: str, key: str = "") -> dict[str, Any]:
    """A model's choice field as `coded`: its stored code and its label."""
    label = getattr(instance, f"get_{field}_display")()
    return coded(key or field, getattr(instance, field), label)


def register_words(key: str, words: ValueWords, *, many: ManyWords | None = None) -> None:
    """Say a value kept under `key` (in the audit log's data) in words on the own-data
    page; `many`, when words need a read, says a list of such values in one. Registering
    a key again replaces its words, so a repeated ready() is harmless."""
    _value_words[key] = words
    if many is None:
        _many_words.pop(key, None)
    else:
        _many_words[key] = many


def all_in_words(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`in_words` for many records, each app's words read once for all of them."""
    known: dict[str, dict[Any, Any]] = {}
    for key, many in _many_words.items():
        values = {r[key] for r in records if isinstance(r.get(key), str | int)}
        known[key] = many(sorted(values, key=str)) if values else {}
    return [
        {
            key: known[key][value]
            if isinstance(value, str | int) and value in known.get(key, {})
            else _value_words[key](value)
            if key in _value_words
            else value
            for key, value in record.items()
        }
        for record in records
    ]


def in_words(data: dict[str, Any]) -> dict[str, Any]:
    """A record's values in words where an app has said how, the others as they are."""
    return all_in_words([data])[0]


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
