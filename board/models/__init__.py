"""The board's records, gathered here so Django finds them: elections, terms, meetings."""

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
from board.terms.models import BoardMembership
from board.terms.people import BoardTraining, ChairsHelper, HelperHours, PartnerSeat

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
    "BoardTraining",
    "ChairsHelper",
    "HelperHours",
    "PartnerSeat",
    "Candidate",
    "Election",
    "ElectionResult",
    "Elector",
    "PaperBatch",
    "Receipt",
    "SealedBallot",
    "Voter",
]
