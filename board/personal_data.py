"""The board's part of a person's own data: where they stood, voted and served.

How they voted is not here: nobody holds that, not even the co-operative."""

from typing import Any

from board.models import BoardMembership, Candidate, Voter
from members.models import Member, User


def export_board(user: User) -> dict[str, Any]:
    member = Member.objects.filter(user=user).first()
    if member is None:
        return {"candidacies": [], "voted_in": [], "board_terms": []}
    return {
        "candidacies": [
            {
                "election": c.election.title,
                "status": c.status,
                "statement": c.statement,
                "nominated_at": c.nominated_at.isoformat(),
            }
            for c in Candidate.objects.filter(member=member).select_related("election")
        ],
        "voted_in": [
            {"election": v.election.title, "how": v.channel}
            for v in Voter.objects.filter(member=member).select_related("election")
        ],
        "board_terms": [
            {
                "role": t.role,
                "starts_on": t.starts_on.isoformat(),
                "ends_on": t.ends_on.isoformat() if t.ends_on else None,
            }
            for t in BoardMembership.objects.filter(member=member)
        ],
    }
