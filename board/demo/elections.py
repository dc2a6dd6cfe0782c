"""Demo elections: one finished (counted, results out, with paper votes typed in after the
close and its ballot box opened) and one open for voting in which the demo member can vote,
whose ballot box opens with DEMO_BOX_KEY (demo data only: a real key is shown once to the
returning officer and kept nowhere). Built through the real services,
with the clock set back for the finished one. Safe to run twice: an election already
there is left alone.

Needs the demo people (members.demo.load_people) first.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from board.elections import services
from board.models import Candidate, Election
from coop.demo import Loaded
from members.models import Member, Role, User

FINISHED_TITLE = "Spring board election"
OPEN_TITLE = "Board election for 2 places"
# The open demo election's opening key, printed by load_demo and in the README.
DEMO_BOX_KEY = "DEMHX-KEY4C-9ACTF-PQRTU"

STATEMENTS = [
    "I have been a member for 3 years. I go to most of our activities. "
    "I want more trips to the seaside. I will listen to every member.",
    "I like helping people. I worked in a café for 5 years. "
    "I want the board to be fair. I will ask members what they want.",
    "I want everyone to feel welcome. I know how hard it is to speak up. "
    "I will help quiet members have their say.",
    "I love bowling and meals out. I want activities to cost less. "
    "I will check that we spend our money well.",
    "I am good at talking to people. I want us to meet more often. "
    "I will bring your ideas to the board.",
]
PICTURES = [
    "board/pictures/star.svg",
    "board/pictures/sun.svg",
    "board/pictures/flower.svg",
    "board/pictures/bus.svg",
    "board/pictures/cup.svg",
]


def _members(usernames: list[str]) -> list[Member]:
    return [Member.objects.get(user__username=name) for name in usernames]


def _active_others(exclude: set[int], count: int, *, board: bool) -> list[Member]:
    """Active members who are (or are not) on the board, in membership-number order."""
    members = Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=False).exclude(
        pk__in=exclude
    )
    on_board = members.filter(user__role_assignments__role=Role.BOARD)
    chosen = on_board if board else members.exclude(pk__in=on_board)
    return list(chosen.order_by("membership_number")[:count])


def _stand_and_accept(
    election: Election, members: list[Member], returning: User, now: dt.datetime
) -> list[Candidate]:
    candidates = []
    for i, member in enumerate(members):
        candidate = services.candidate_nominate(
            election=election,
            member=member,
            actor=member.user,
            statement=STATEMENTS[i % len(STATEMENTS)],
            picture=PICTURES[i % len(PICTURES)],
            now=now,
        )
        candidates.append(services.candidate_accept(candidate=candidate, actor=returning))
    return candidates


def _call(title: str, seats: int, start: dt.datetime, admin: User, returning: User) -> Election:
    """Nominations for 10 days from `start`, voting for 14 days a week later."""
    return services.election_call(
        actor=admin,
        title=title,
        seats=seats,
        method=Election.Method.SCOTTISH_STV,
        electorate_date=timezone.localdate(start) - dt.timedelta(days=5),
        nominations_open_at=start,
        nominations_close_at=start + dt.timedelta(days=10),
        voting_open_at=start + dt.timedelta(days=17),
        voting_close_at=start + dt.timedelta(days=31),
        returning_officer=returning,
        term_years=2,
        now=start,
    )


def _finished(admin: User, returning: User) -> Election:
    rng = random.Random(2027)
    start = (timezone.now() - dt.timedelta(days=90)).replace(minute=0, second=0, microsecond=0)
    election = _call(FINISHED_TITLE, 3, start, admin, returning)
    bea = _members(["board"])[0]
    board = [bea, *_active_others({bea.pk}, 2, board=True)]
    others = _active_others({m.pk for m in board}, 2, board=False)
    candidates = _stand_and_accept(
        election, board + others, returning, start + dt.timedelta(days=1)
    )
    a, b, c, d, e = (candidate.pk for candidate in candidates)
    voting = start + dt.timedelta(days=18)
    key = services.ballot_box_make(
        election=election, actor=returning, now=start + dt.timedelta(days=11)
    )
    services.election_voting_open(election=election, actor=returning, now=voting)
    # Most papers put the three board members first; a few prefer the others.
    patterns = [[a, b, c]] * 8 + [[b, a]] * 6 + [[c, b, a]] * 6 + [[d, a]] * 3
    patterns += [[e, c]] * 2 + [[d, e]] * 2 + [[a, c]] * 2 + [[e]] + [[c, a, d]] * 3
    electors = list(
        Member.objects.filter(pk__in=election.electors.values("member_id"), user__isnull=False)
        .exclude(user__username="member")
        .order_by("membership_number")
    )
    online, paper = electors[: len(patterns) - 5], electors[len(patterns) - 5 : len(patterns)]
    rng.shuffle(patterns)
    for member, ranking in zip(online, patterns, strict=False):
        services.ballot_cast(
            election=election,
            member=member,
            ranking=ranking,
            actor=member.user,
            now=voting + dt.timedelta(hours=rng.randint(1, 300)),
        )
    services.paper_envelopes_record(election=election, actor=returning, voters=paper)
    closed = election.voting_close_at + dt.timedelta(hours=1)
    services.election_close(election=election, actor=returning, now=closed)
    batch = services.paper_batch_enter(
        election=election,
        actor=returning,
        rankings=patterns[len(online) : len(online) + len(paper) - 1],
        spoilt=1,
    )
    services.paper_batch_confirm(batch=batch, actor=admin)
    services.ballot_box_open(election=election, actor=returning, key=key, now=closed)
    services.election_count(election=election, actor=returning, now=closed)
    election.refresh_from_db()
    return election


def _open(admin: User, returning: User) -> Election:
    rng = random.Random(2028)
    start = (timezone.now() - dt.timedelta(days=20)).replace(minute=0, second=0, microsecond=0)
    election = _call(OPEN_TITLE, 2, start, admin, returning)
    me = Member.objects.get(user__username="member")
    standing = _active_others({me.pk}, 4, board=False)
    candidates = _stand_and_accept(election, standing, returning, start + dt.timedelta(days=2))
    services.ballot_box_make(
        election=election, actor=returning, key=DEMO_BOX_KEY, now=start + dt.timedelta(days=11)
    )
    services.election_voting_open(
        election=election, actor=returning, now=election.voting_open_at + dt.timedelta(hours=1)
    )
    ids = [c.pk for c in candidates]
    voters = (
        Member.objects.filter(pk__in=election.electors.values("member_id"), user__isnull=False)
        .exclude(pk=me.pk)
        .order_by("-membership_number")[:6]
    )
    for member in voters:
        ranking = rng.sample(ids, rng.randint(1, len(ids)))
        services.ballot_cast(election=election, member=member, ranking=ranking, actor=member.user)
    return election


@transaction.atomic
def load_elections() -> dict[str, int]:
    """Create the demo elections unless they exist. Returns their ids."""
    admin = User.objects.get(username="admin")
    returning = User.objects.get(username="returning")
    finished = Election.objects.filter(title=FINISHED_TITLE).first() or _finished(admin, returning)
    open_now = Election.objects.filter(title=OPEN_TITLE).first() or _open(admin, returning)
    return {"finished": finished.pk, "open": open_now.pk}


def loaded_elections() -> Loaded:
    """The demo loader (coop.demo): the elections, and the open one's box key."""
    ids = load_elections()
    return Loaded(
        counts={"elections": len(ids)},
        notes=[
            f"The open election's ballot box opens with the key {DEMO_BOX_KEY} "
            "(demo only: a real key is shown once to the returning officer)."
        ],
    )
