"""The outcome of a count: who was elected, and every stage as a count sheet shows it."""

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Stage:
    """One stage of a count. Amounts are exact decimal strings at the method's precision."""

    number: int
    action: str  # "first preferences", "surplus of X", "exclusion of X", "iteration"
    totals: dict[str, str]
    transfers: dict[str, str] = field(default_factory=dict)
    non_transferable: str | None = None
    elected: list[str] = field(default_factory=list)
    # The winning line where it moves from stage to stage (IRV majority, Meek quota).
    threshold: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": self.number,
            "action": self.action,
            "totals": self.totals,
            "transfers": self.transfers,
            "non_transferable": self.non_transferable,
            "elected": self.elected,
        }
        if self.threshold is not None:
            data["threshold"] = self.threshold
        if self.notes:
            data["notes"] = self.notes
        return data


@dataclass
class CountResult:
    method: str
    seats: int
    quota: str | None
    elected: list[str]
    excluded: list[str]
    stages: list[Stage]
    title: str = ""
    valid_votes: str = "0"
    # The seed of the lot, when the lot was seeded; kept even if no lot was needed so the
    # count can be repeated exactly either way.
    seed: int | None = None
    tie_breaks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "seats": self.seats,
            "quota": self.quota,
            "elected": self.elected,
            "excluded": self.excluded,
            "stages": [stage.to_dict() for stage in self.stages],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
