"""The places in a group message's saved words ({activity}, {note}, ...) and the rules for
them. Plain text only, so the MessageTemplate model can check its words with them."""

import re

# {activity}, {date}, {time} and {meeting_point} come from the activity; the organiser types
# {new_meeting_point} and {note}.
ACTIVITY_FIELDS = ("activity", "date", "time", "meeting_point")
TYPED_FIELDS = ("new_meeting_point", "note")
# Typed fields the organiser may leave empty (the lines that use them are left out).
OPTIONAL_FIELDS = ("note",)
PLACES = (*ACTIVITY_FIELDS, *TYPED_FIELDS)
MAX_LINES = 12
_PLACE = re.compile(r"\{([^{}]*)\}")


def places_in(text: str) -> set[str]:
    return set(_PLACE.findall(text))


def template_problems(subject: str, lines: str) -> list[str]:
    """What stops a template being used: places we cannot fill, stray braces, too many
    lines. (Easy-read rules are advice, from `template_advice`.)"""
    problems = []
    text = f"{subject}\n{lines}"
    unknown = sorted(places_in(text) - set(PLACES))
    if unknown:
        known = ", ".join(f"{{{p}}}" for p in PLACES)
        problems.append(
            f"We cannot fill in {', '.join(f'{{{p}}}' for p in unknown)}. You can use: {known}."
        )
    if "{" in _PLACE.sub("", text) or "}" in _PLACE.sub("", text):
        problems.append("A { or } is on its own. Places look like {activity}.")
    if "{note}" in subject:
        problems.append("The subject cannot have {note} in it: the note may be empty.")
    if not [line for line in lines.splitlines() if line.strip()]:
        problems.append("Please write at least 1 line.")
    if len(lines.splitlines()) > MAX_LINES:
        problems.append(f"Please use {MAX_LINES} lines or fewer.")
    return problems


def fill(text: str, values: dict[str, str]) -> str:
    """The text with its places filled in; a place with no value stays as it is."""
    return _PLACE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def fill_all(subject: str, lines: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """The subject and lines with the places filled in. A line with an optional place
    left empty is left out."""
    filled = []
    for line in lines.splitlines():
        line = line.strip()
        if not line:
            continue
        used = places_in(line)
        if any(not values.get(p) for p in used if p in OPTIONAL_FIELDS):
            continue
        filled.append(fill(line, values))
    return fill(subject.strip(), values), filled
