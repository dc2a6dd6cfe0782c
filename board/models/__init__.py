"""The board's records. One module per area: elections, terms, meetings."""

from board.meetings.models import (
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
from board.models.elections import (
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
from board.terms.models import BoardMembership

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
