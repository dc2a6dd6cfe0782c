"""The board's part of a person's own data: where they stood, voted and served, which
board meetings they came to, the actions they took on, and their sitting fees.

How they voted is not here: nobody holds that, not even the co-operative."""

from typing import Any

from board.models import Action, Attendance, BoardMembership, Candidate, SittingFee, Voter
from coop.personal_data import choice
from members.models import Member, User


def export_board(user: User) -> dict[str, Any]:
    member = Member.objects.filter(user=user).first()
    if member is None:
        return {
            "candidacies": [],
            "voted_in": [],
            "board_terms": [],
            "board_meetings": [],
            "board_actions": [],
            "sitting_fees": [],
        }
    return {
        "candidacies": [
            {
                "election": c.election.title,
                **choice(c, "status"),
                "statement": c.statement,
                "nominated_at": c.nominated_at.isoformat(),
            }
            for c in Candidate.objects.filter(member=member).select_related("election")
        ],
        "voted_in": [
            {"election": v.election.title, **choice(v, "channel", "how")}
            for v in Voter.objects.filter(member=member).select_related("election")
        ],
        "board_terms": [
            {
                **choice(t, "role"),
                "starts_on": t.starts_on.isoformat(),
                "ends_on": t.ends_on.isoformat() if t.ends_on else None,
            }
            for t in BoardMembership.objects.filter(member=member)
        ],
        "board_meetings": [
            {
                "meeting": a.meeting.title,
                "date": a.meeting.starts_at.isoformat(),
                **choice(a, "status"),
            }
            for a in Attendance.objects.filter(member=member).select_related("meeting")
        ],
        "board_actions": [
            {
                "what": a.what,
                "due_on": a.due_on.isoformat(),
                "done_at": a.done_at.isoformat() if a.done_at else None,
            }
            for a in Action.objects.filter(owner=member)
        ],
        "sitting_fees": [
            {
                "meeting": f.meeting.title,
                "amount_pence": f.amount_pence,
                **choice(f, "status"),
                "paid_at": f.paid_at.isoformat() if f.paid_at else None,
            }
            for f in SittingFee.objects.filter(member=member).select_related("meeting")
        ],
    }
