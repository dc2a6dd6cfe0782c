"""A paper coop writes itself from its records: its easy-read parts and its standard text.
The services store it as a Paper with PaperParts; the minutes are shown from it as they
are."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PartSpec:
    """One part of an easy-read paper: a heading, the words (see board.meetings.papers.text)
    and a picture from PAPER_PICTURES (or "" for none)."""

    heading: str
    words: str
    picture: str = ""


@dataclass(frozen=True)
class GeneratedPaper:
    title: str
    parts: list[PartSpec]
    standard_text: str
    confidential: bool = False


def people(count: int, one: str = "person", many: str = "people") -> str:
    """ "1 person", "3 people"."""
    return f"{count} {one if count == 1 else many}"
