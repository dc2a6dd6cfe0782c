"""Board meetings: the agenda, the papers (easy-read and standard), what happened at the
meeting (attendance, decisions, actions), the minutes, the sitting fees, and how each board
member got their pack. One module per topic; board/models/__init__.py gathers them for
Django."""

from board.meetings.models.attendance import Attendance, SittingFee, SittingFeeRate
from board.meetings.models.meetings import AgendaItem, Meeting
from board.meetings.models.packs import PackDelivery
from board.meetings.models.papers import PAPER_PICTURES, Paper, PaperPart
from board.meetings.models.record import Action, Decision

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
]
