"""The board's records. One module per area: elections now, meetings to follow."""

from board.models.elections import (
    Ballot,
    Candidate,
    Election,
    ElectionResult,
    Elector,
    PaperBatch,
    Voter,
)
from board.models.terms import BoardMembership

__all__ = [
    "Ballot",
    "BoardMembership",
    "Candidate",
    "Election",
    "ElectionResult",
    "Elector",
    "PaperBatch",
    "Voter",
]
