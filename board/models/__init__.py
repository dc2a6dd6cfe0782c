"""The board's records. One module per area: elections, terms, meetings."""

from board.elections.models import (
    Ballot,
    BallotBox,
    Candidate,
    Election,
    ElectionResult,
    Elector,
    PaperBatch,
    Receipt,
    SealedBallot,
    Voter,
)
from board.models.meetings import (
    PAPER_PICTURES,
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    PackDelivery,
    Paper,
    PaperPart,
    SittingFee,
    SittingFeeRate,
)
from board.models.terms import BoardMembership

__all__ = [
    "PAPER_PICTURES",
    "Action",
    "AgendaItem",
    "Attendance",
    "Decision",
    "Meeting",
    "PackDelivery",
    "Paper",
    "PaperPart",
    "SittingFee",
    "SittingFeeRate",
    "Ballot",
    "BallotBox",
    "BoardMembership",
    "Candidate",
    "Election",
    "ElectionResult",
    "Elector",
    "PaperBatch",
    "Receipt",
    "SealedBallot",
    "Voter",
]
