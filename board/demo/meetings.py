"""Demo board meetings, built through the real services: two months ago (held, minutes
approved), last month (held, its minutes waiting to be agreed, one action still open) and
next month (its papers sent: a paper written in easy read and coop's own papers).

Also gives every demo board member a term on the board (Olu a co-chair, one of the other
board members named to write the papers; Bea, the `board` sign-in, reads) and sets the
sitting fee. Safe to run twice: what is there is left alone. Needs the demo people and
elections first.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from board.demo import proposals
from board.meetings import services
from board.meetings.services.packs import papers_send
from board.models import Attendance, BoardMembership, Meeting, SittingFee
from board.terms.selectors import board_members_on
from coop.dates import day_at
from coop.demo import Loaded, clock_at
from members.models import Member, Role, User

CO_CHAIRS = {"organiser", "organiser2"}
# Board members who only read: the first other board member writes the papers.
READERS = {"board"}
FEE_PENCE = 2000
# The easy-read parts of the minibus paper: heading, words, picture.
MINIBUS_PARTS = [
    (
        "What is it about?",
        "We want to hire a minibus for trips.\nIt has room for a wheelchair.",
        "events/pictures/minibus.svg",
    ),
    (
        "How much does it cost?",
        "- £95 a day for the bus\n- £120 a day for the driver",
        "coop/pictures/money.svg",
    ),
    (
        "What do we need to decide?",
        "Do we hire the minibus from April?",
        "coop/pictures/listen.svg",
    ),
]


def _board_terms(admin: User) -> list[Member]:
    start = timezone.localdate() - dt.timedelta(days=400)
    writer_named = BoardMembership.objects.filter(writes_papers=True).exists()
    for member in (
        Member.objects.filter(user__role_assignments__role=Role.BOARD, status=Member.Status.ACTIVE)
        .select_related("user")
        .order_by("pk")
    ):
        if not BoardMembership.objects.filter(member=member, election__isnull=True).exists():
            username = member.user.username
            writes = not writer_named and username not in CO_CHAIRS | READERS
            writer_named = writer_named or writes
            BoardMembership.objects.create(
                member=member,
                role=(
                    BoardMembership.Role.CO_CHAIR
                    if username in CO_CHAIRS
                    else BoardMembership.Role.MEMBER
                ),
                writes_papers=writes,
                starts_on=start,
                created_by=admin,
            )
    return board_members_on(timezone.localdate())


def _at(days: int, hour: int = 14) -> dt.datetime:
    return day_at(timezone.localdate() + dt.timedelta(days=days), hour)


def _held(
    title: str, days_ago: int, admin: User, board: list[Member], *, notes: dict, before=None
) -> Meeting:
    """Made and its papers written that morning, as they were then (coop.demo.clock_at);
    who came and the notes that evening."""
    starts = _at(-days_ago)
    with clock_at(starts - dt.timedelta(hours=5)):
        meeting = services.meeting_create(
            title=title, starts_at=starts, place="The Hub, 12 Market Street", actor=admin
        )
        services.papers_refresh(meeting=meeting, actor=admin)
        if before is not None:
            before(meeting)
    statuses = {m.pk: Attendance.Status.PRESENT for m in board}
    if len(board) > 2:
        statuses[board[-1].pk] = Attendance.Status.APOLOGIES
    with clock_at(starts + dt.timedelta(hours=3)):
        services.attendance_save(
            meeting=meeting, statuses=statuses, actor=admin, today=timezone.localdate()
        )
        for item in meeting.items.all():
            if item.source in notes:
                services.item_update(item=item, actor=admin, notes=notes[item.source])
    return meeting


@transaction.atomic
def load_meetings() -> dict[str, int]:
    """The board's terms, the sitting fee, and the three meetings unless there are some."""
    admin = User.objects.get(username="admin")
    board = _board_terms(admin)
    if not services.sitting_fee_rate_on(timezone.localdate()):
        services.sitting_fee_rate_set(
            amount_pence=FEE_PENCE,
            starts_on=timezone.localdate() - dt.timedelta(days=400),
            actor=admin,
        )
    if Meeting.objects.exists():
        return {"meetings": Meeting.objects.count()}
    first = _two_months_ago(admin, board)
    _last_month(admin, board, first)
    _next_month(admin, co_chair=board[0])
    proposals.proposal_waiting()
    return {"meetings": Meeting.objects.count()}


def _two_months_ago(admin: User, board: list[Member]) -> Meeting:
    """Held: a decision and an action, done by the next meeting."""
    first = _held(
        "Board meeting, two months ago",
        63,
        admin,
        board,
        notes={
            "activities": "The seaside trip went well. 2 people did not come.",
            "money": "We have enough money for the trips we planned.",
        },
    )
    services.decision_record(
        meeting=first,
        wording="We will go bowling in the spring.",
        actor=admin,
        item=first.items.get(source="activities"),
    )
    services.action_add(
        meeting=first,
        what="Ask the bowling alley about a group price",
        owner=board[0],
        due_on=timezone.localdate() - dt.timedelta(days=40),
        actor=admin,
    )
    return first


def _last_month(admin: User, board: list[Member], first: Meeting) -> None:
    """Held: approves the first meeting's minutes, votes for sitting fees, leaves an action
    open. Finance has paid the first meeting's fees; this one's are still owed."""
    last = _held(
        "Board meeting, last month",
        28,
        admin,
        board,
        notes={"minutes": "The minutes are right.", "actions": "The bowling price is £6 each."},
        before=proposals.proposals_before_meeting,
    )
    proposals.proposals_answered(last)
    services.minutes_approve(meeting=first, at_meeting=last, actor=admin)
    for action in first.actions.all():
        services.action_done(action=action, actor=admin, note="£6 each for groups of 10 or more.")
    services.decision_record(
        meeting=last,
        wording="Pay £20 to each board member for each meeting.",
        actor=admin,
        outcome="vote",
        votes_for=max(len(board) - 3, 1),
        votes_against=1,
        abstentions=1,
    )
    services.action_add(
        meeting=last,
        what="Write an easy-read guide to board meetings",
        owner=board[1 % len(board)],
        due_on=timezone.localdate() + dt.timedelta(days=14),
        actor=admin,
    )
    for fee in SittingFee.objects.filter(meeting=first):
        services.sitting_fee_pay(
            fee=fee, method="bank", actor=admin, day=timezone.localdate(last.starts_at)
        )


def _next_month(admin: User, *, co_chair: Member) -> None:
    """Its papers sent: a paper on a minibus written in easy read, a confidential item,
    and coop's own papers. Board members find "Read the papers" on their page."""
    upcoming = services.meeting_create(
        title="Board meeting, next month",
        starts_at=_at(10),
        place="The Hub, 12 Market Street",
        call_link="https://meet.example.org/coop-board",
        actor=admin,
    )
    item = services.item_add(
        meeting=upcoming,
        title="A new minibus",
        summary="We talk about hiring a minibus for trips. We need to decide.",
        presenter=co_chair,
        decision_needed=True,
        actor=admin,
    )
    paper = services.paper_add(
        item=item,
        title="Hiring a minibus",
        standard_text=(
            "# Proposal\nHire a 16-seat accessible minibus for day trips from April.\n\n"
            "# Cost\n- Hire: £95 a day\n- Driver: £120 a day\n\n"
            "Budget line: activity costs. Expected 6 trips a year."
        ),
        actor=admin,
    )
    for heading, words, picture in MINIBUS_PARTS:
        services.part_save(paper=paper, heading=heading, words=words, picture=picture, actor=admin)
    services.item_add(
        meeting=upcoming,
        title="A complaint about a trip",
        summary="We talk about a complaint. This is private.",
        confidential=True,
        actor=admin,
    )
    papers_send(meeting=upcoming, actor=admin)


def loaded_meetings() -> Loaded:
    """The demo loader (coop.demo): the board's terms, sitting fee and meetings."""
    return Loaded(counts={"board meetings": load_meetings()["meetings"]})
