"""The member's home page says when they can stand or vote (coop.home_panels)."""

from django.utils import timezone

from board.elections.models import Election, Elector, Voter
from board.elections.selectors import taking_nominations, voting_open
from coop.home_panels import Panel
from members.models import Member


def election_panels(user) -> list[Panel]:
    """An election taking nominations, and one whose voting is open where this member
    may vote and has not yet."""
    member = Member.objects.filter(user=user, status=Member.Status.ACTIVE).first()
    if member is None:
        return []
    now = timezone.now()
    open_now = Election.objects.filter(
        status__in=(Election.Status.NOMINATIONS, Election.Status.VOTING)
    ).order_by("voting_close_at", "pk")
    voted = set(Voter.objects.filter(member=member).values_list("election_id", flat=True))
    electors = set(Elector.objects.filter(member=member).values_list("election_id", flat=True))
    panels = []
    for election in open_now:
        if taking_nominations(election, now):
            panels.append(Panel("board/_home_election.html", {"election": election}))
        elif voting_open(election, now) and election.pk in electors and election.pk not in voted:
            panels.append(Panel("board/_home_election.html", {"election": election, "vote": True}))
    return panels
