"""Election notices to every elector, each by their own way (members.outbox.ways.way_for),
with copies to supporters who asked: nominations are open, voting is open, voting closes
soon, and the results.

Nominations, voting and the results are written in the same transaction as the move that
causes them (election_nominations_open, election_voting_open, election_count). "Voting
closes soon" is written by the timer (`manage.py send_election_notices`, hourly) a day
before the close, or a week before it for a member whose way is a letter, so the post
arrives in time. Every notice has a key per election, kind and member, so running any of
it again writes nothing twice; the timer also tells anyone who should have heard and has
not (a member who joined while nominations were open, say).
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from board.elections.models import Candidate, Election
from board.elections.selectors import members_active_on
from coop.dates import easy_date, easy_time
from members.models import ContactWay, Member
from members.outbox.models import Message
from members.outbox.services import Telling, Words, copy_of, tell_many
from members.outbox.ways import way_for

__all__ = ["election_notices_due", "election_notices_send"]

NOMINATIONS = "election_nominations"
VOTING = "election_voting"
CLOSING = "election_closing"
RESULTS = "election_results"


def _when(moment: dt.datetime) -> str:
    return f"{easy_date(moment)} at {easy_time(moment)}"


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


def _places(n: int) -> str:
    return "1 place" if n == 1 else f"{n} places"


def _middle(election: Election, kind: str) -> tuple[str, list[str]]:
    """The subject and the words between "Hello" and "Need help?" (the same for everyone)."""
    site, pk, title = settings.SITE_URL, election.pk, election.title
    if kind == NOMINATIONS:
        return f"Would you like to stand for the board? {title}", [
            f"We are choosing {_people(election.seats)} for our board.",
            "Would you like to stand?",
            f"You can say yes until {_when(election.nominations_close_at)}.",
            f"Go to {site}/elections/{pk}/stand/",
            "Or call us and we will help you.",
            f"Voting opens on {_when(election.voting_open_at)}.",
        ]
    if kind == VOTING:
        standing = election.candidates.filter(status=Candidate.Status.ACCEPTED).count()
        verb = "is" if standing == 1 else "are"
        return f"Voting is open: {title}", [
            f"You can vote now for {title}.",
            f"{_people(standing)} {verb} standing for {_places(election.seats)} on the board.",
            f"You can vote until {_when(election.voting_close_at)}.",
            f"Vote at {site}/elections/{pk}/vote/",
            "Your vote is secret.",
            "Would you like to vote on paper? Please call us.",
        ]
    if kind == CLOSING:
        return f"Voting closes soon: {title}", [
            f"Voting for {title} closes on {_when(election.voting_close_at)}.",
            "Have you voted yet?",
            f"If not, vote at {site}/elections/{pk}/vote/",
            "If you have voted, thank you. You do not need to do anything.",
        ]
    if kind == RESULTS:
        result = election.result
        chosen = {c.pk: c for c in election.candidates.select_related("member")}
        names = [chosen[pk].name for pk in result.elected if pk in chosen]
        ballots = result.result.get("ballots", 0)
        lines = [
            f"We have counted the votes for {title}.",
            f"{_people(ballots)} voted.",
        ]
        if names:
            lines.append(
                "The new board member is:" if len(names) == 1 else "The new board members are:"
            )
            lines += [f"- {name}" for name in names]
        lines.append(f"See all the results at {site}/elections/{pk}/results/")
        return f"The results: {title}", lines
    raise ValueError(f"unknown election notice {kind}")


def _audience(election: Election, now: dt.datetime) -> QuerySet[Member]:
    """The electors; before the list of voters is fixed, the members active today."""
    if election.electorate_frozen_at is not None:
        return Member.objects.filter(pk__in=election.electors.values("member_id"))
    today = timezone.localdate(now)
    return Member.objects.filter(pk__in=members_active_on(today, today=today).values("pk"))


def _key(election: Election, kind: str, member_id: int | str) -> str:
    return f"{kind}:election:{election.pk}:member:{member_id}"


def _not_told(members: QuerySet[Member], election: Election, kind: str) -> QuerySet[Member]:
    told = Message.objects.filter(
        recipient=Message.Recipient.MEMBER,
        kind=kind,
        key__startswith=f"{kind}:election:{election.pk}:member:",
    ).values("member_id")
    return members.exclude(pk__in=told).order_by("pk")


def _tell_each(election: Election, kind: str, members: Iterable[Member]) -> int:
    subject, middle = _middle(election, kind)
    footer = ["", f"Need help? Call us on {settings.HELP_PHONE}."]
    tellings = []
    for member in members:
        name = member.called
        words = Words(subject, [f"Hello {name},", "", *middle, *footer])
        tellings.append(
            Telling(
                member,
                words,
                key=_key(election, kind, member.pk),
                copy_words=lambda supporter, words=words, member=member: copy_of(
                    words, supporter, member
                ),
                data={"election": election.pk},
            )
        )
    messages = tell_many(kind, tellings)
    return sum(m.recipient == Message.Recipient.MEMBER for m in messages)


@transaction.atomic
def election_notices_send(election: Election, kind: str, *, now: dt.datetime | None = None) -> int:
    """Write the `kind` notice to every elector who has not had it, in the caller's
    transaction. Returns how many members were told now (0 when all had it already)."""
    now = now or timezone.now()
    return _tell_each(election, kind, _not_told(_audience(election, now), election, kind))


def _closing_due(election: Election, member: Member, now: dt.datetime) -> bool:
    """Voting closes soon: a day before the close (a week before, by letter); not when
    voting opened inside that time (the voting notice said when it closes)."""
    reach = way_for(member)
    if reach and reach[0] == ContactWay.LETTER:
        before = dt.timedelta(days=settings.ELECTION_CLOSING_NOTICE_DAYS_LETTER)
    else:
        before = dt.timedelta(hours=settings.ELECTION_CLOSING_NOTICE_HOURS)
    if election.voting_close_at - election.voting_open_at <= before:
        return False
    return election.voting_close_at - before <= now < election.voting_close_at


def election_notices_due(*, now: dt.datetime | None = None) -> dict[int, dict[str, int]]:
    """The timer's work: "voting closes soon" when it is due, and anyone who should have
    heard that nominations or voting are open and has not. Safe to run as often as you
    like. Returns, per election, how many members were told of each kind."""
    now = now or timezone.now()
    told: dict[int, dict[str, int]] = {}
    nominating = Election.objects.filter(
        status=Election.Status.NOMINATIONS, nominations_close_at__gt=now
    )
    for election in nominating:
        with transaction.atomic():
            told.setdefault(election.pk, {})[NOMINATIONS] = election_notices_send(
                election, NOMINATIONS, now=now
            )
    for election in Election.objects.filter(status=Election.Status.VOTING, voting_close_at__gt=now):
        with transaction.atomic():
            counts = told.setdefault(election.pk, {})
            counts[VOTING] = election_notices_send(election, VOTING, now=now)
            waiting = _not_told(_audience(election, now), election, CLOSING)
            counts[CLOSING] = _tell_each(
                election, CLOSING, (m for m in waiting if _closing_due(election, m, now))
            )
    return {pk: counts for pk, counts in told.items() if any(counts.values())}
