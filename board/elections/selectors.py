"""Reads about elections: who may vote, who stands, what was cast and what was counted."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from board.elections import permissions
from board.elections.models import (
    Ballot,
    BallotBox,
    Candidate,
    Election,
    Elector,
    PaperBatch,
    Voter,
)
from board.elections.pictures import CANDIDATE_PICTURES
from coop.dates import end_of_day
from members.models import Member, User


def members_active_on(day: dt.date, *, today: dt.date | None = None) -> QuerySet[Member]:
    """The members whose membership was active at the end of `day`.

    The roll's field history says what each member's status was then. A member added to
    the roll after that day (from paper records, say) has no history so far back: they
    count when admitted by then and either active now or left after that day.
    """
    if day >= (today or timezone.localdate()):
        return Member.objects.filter(status=Member.Status.ACTIVE)
    day_ends = end_of_day(day)
    status_then = (
        Member.history.filter(id=OuterRef("pk"), history_date__lt=day_ends)
        .order_by("-history_date", "-history_id")
        .values("status")[:1]
    )
    members = Member.objects.annotate(status_then=Subquery(status_then))
    known = Q(status_then=Member.Status.ACTIVE)
    unknown = Q(status_then__isnull=True, admitted_on__lte=day) & (
        Q(status=Member.Status.ACTIVE) | Q(left_on__gt=day)
    )
    return members.filter(known | unknown)


def taking_nominations(election: Election, now: dt.datetime | None = None) -> bool:
    """The election is at its nominations stage and inside the nomination window."""
    now = now or timezone.now()
    return (
        election.status == Election.Status.NOMINATIONS
        and election.nominations_open_at <= now < election.nominations_close_at
    )


def voting_open(election: Election, now: dt.datetime | None = None) -> bool:
    """The election is at its voting stage and inside the voting window."""
    now = now or timezone.now()
    return (
        election.status == Election.Status.VOTING
        and election.voting_open_at <= now < election.voting_close_at
    )


def election_list_for(user: User) -> QuerySet[Election]:
    elections = Election.objects.select_related("returning_officer")
    if permissions.can_call_election(user):
        return elections
    return elections.filter(~Q(status=Election.Status.DRAFT) | Q(returning_officer=user))


def candidates_on_ballot(election: Election) -> list[Candidate]:
    """The accepted candidates in ballot-paper order: by surname, then first name."""
    return list(
        election.candidates.filter(status=Candidate.Status.ACCEPTED)
        .select_related("member")
        .order_by("member__last_name", "member__first_name", "id")
    )


def candidate_labels(candidates: list[Candidate]) -> dict[int, str]:
    """A name for each candidate that no other candidate shares (the count and the BLT
    file know candidates by name). Two people with one name get their membership number."""
    names = [c.member.display_name.replace('"', "'").strip() for c in candidates]
    labels = {}
    for candidate, name in zip(candidates, names, strict=True):
        if names.count(name) > 1:
            name = f"{name} ({candidate.member.membership_number})"
        labels[candidate.pk] = name
    return labels


def candidate_picture(candidate: Candidate) -> dict[str, str]:
    """Where the candidate's photo or picture is, and words that say what it shows."""
    if candidate.photo:
        return {
            "url": reverse("election-candidate-photo", args=[candidate.election_id, candidate.pk]),
            "alt": f"Photo of {candidate.name}",
        }
    what = CANDIDATE_PICTURES.get(candidate.picture, "A picture")
    return {
        "url": static(candidate.picture or "coop/pictures/people.svg"),
        "alt": f"{candidate.name} chose this picture: {what[0].lower()}{what[1:]}",
    }


def candidate_for(election: Election, member: Member | None) -> Candidate | None:
    if member is None:
        return None
    return election.candidates.filter(member=member).first()


@dataclass(frozen=True)
class VoterState:
    is_elector: bool
    channel: str | None  # how they voted, or None when they have not

    @property
    def has_voted(self) -> bool:
        return self.channel is not None


def voter_state(election: Election, member: Member | None) -> VoterState:
    if member is None:
        return VoterState(is_elector=False, channel=None)
    channel = (
        Voter.objects.filter(election=election, member=member).values_list("channel", flat=True)
    ).first()
    is_elector = Elector.objects.filter(election=election, member=member).exists()
    return VoterState(is_elector=is_elector, channel=channel)


def ballot_box(election: Election) -> BallotBox | None:
    return BallotBox.objects.filter(election=election).first()


def box_opened(election: Election) -> bool:
    """The box is open and its ballots (and the receipt codes) can be published: after the
    returning officer opened it, and always once counted."""
    if election.status == Election.Status.COUNTED:
        return True
    return (
        election.status == Election.Status.CLOSED
        and BallotBox.objects.filter(election=election, opened_at__isnull=False).exists()
    )


def ballots_counted(election: Election) -> QuerySet[Ballot]:
    """The ballots out of the opened box, online and paper alike, in their random order.
    Empty until the box is opened: before that, no ballot can be read."""
    return election.ballots.order_by("id")


def published_ballots(election: Election) -> list[dict]:
    """The anonymised ballot list: the names each ballot chose, in order. No receipt, no
    way it was cast: the receipt codes are published apart (published_receipts)."""
    names = {c.pk: c.member.display_name for c in election.candidates.select_related("member")}
    return [
        {"choices": [names.get(candidate_id, "?") for candidate_id in ranking]}
        for ranking in ballots_counted(election).values_list("ranking", flat=True)
    ]


def published_receipts(election: Election) -> list[str]:
    """The receipt code of every online ballot that was in the box, in code order."""
    return list(election.receipts.order_by("code").values_list("code", flat=True))


def electors_without_vote(election: Election) -> QuerySet[Member]:
    voted = Voter.objects.filter(election=election).values("member_id")
    return (
        Member.objects.filter(pk__in=Elector.objects.filter(election=election).values("member_id"))
        .exclude(pk__in=voted)
        .order_by("last_name", "first_name")
    )


def paper_voters(election: Election) -> QuerySet[Member]:
    """The members whose paper-vote envelopes came in, by name."""
    return Member.objects.filter(
        pk__in=Voter.objects.filter(election=election, channel=Voter.Channel.PAPER).values(
            "member_id"
        )
    ).order_by("last_name", "first_name")


def turnout(election: Election) -> dict[str, int]:
    """How many can vote; how many voted online and on paper (envelopes in); and how many
    papers are typed in and confirmed, or waiting for a second person."""
    counts = Voter.objects.filter(election=election).aggregate(
        online=Count("pk", filter=Q(channel=Voter.Channel.ONLINE)),
        paper=Count("pk", filter=Q(channel=Voter.Channel.PAPER)),
    )
    typed = F("papers") + F("spoilt")
    papers = election.paper_batches.aggregate(
        papers_confirmed=Coalesce(Sum(typed, filter=Q(status=PaperBatch.Status.CONFIRMED)), 0),
        papers_waiting=Coalesce(Sum(typed, filter=Q(status=PaperBatch.Status.PENDING)), 0),
    )
    return {
        "electors": election.electors.count(),
        **counts,
        **papers,
    }


def elected_candidates(election: Election) -> list[Candidate]:
    """The people elected, in order of election (empty until counted)."""
    if election.status != Election.Status.COUNTED:
        return []
    result = getattr(election, "result", None)
    if result is None:
        return []
    by_id = {c.pk: c for c in election.candidates.select_related("member")}
    return [by_id[pk] for pk in result.elected if pk in by_id]
