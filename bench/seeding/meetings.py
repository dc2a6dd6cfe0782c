"""A board of 7 and a meeting a month: the last one to come (planned, with coop's own papers
made by the real service), the others held, each with 3 written papers of 4 easy-read
parts, attendance, 2 decisions, 2 actions and the sitting fees."""

import datetime as dt

from bench.seeding.base import BATCH, Seeding
from board.meetings.services.agenda import STANDARD_ITEMS
from board.meetings.services.papers import papers_refresh
from board.models import (
    PAPER_PICTURES,
    Action,
    AgendaItem,
    Attendance,
    BoardMembership,
    Decision,
    Meeting,
    Paper,
    PaperPart,
    SittingFee,
)
from members.models import Member

BOARD = 7
SITTING_FEE_PENCE = 2000


def seed_meetings(run: Seeding) -> None:
    n = run.size["meetings"]
    board = run.members[:BOARD]
    start = (run.now - dt.timedelta(days=31 * n + 60)).date()
    BoardMembership.objects.bulk_create(
        BoardMembership(member=m, role="co_chair" if i < 2 else "member", starts_on=start)
        for i, m in enumerate(board)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            title=f"Board meeting {i + 1}",
            starts_at=run.now + dt.timedelta(days=31 * (i - n + 1) + 7),
            place="The Hub",
            status="planned" if i == n - 1 else "held",
            held_at=None if i == n - 1 else run.now,
        )
        for i in range(n)
    )
    items = _agendas(meetings, board)
    papers = _papers(run, items)
    _what_happened(run, meetings, board)
    papers_refresh(meeting=meetings[-1], actor=None)
    run.counts.update(meetings=len(meetings), meeting_papers=len(papers) + 4)


def _agendas(meetings: list[Meeting], board: list[Member]) -> list[AgendaItem]:
    """coop's standard items, then 3 items that need a decision, at every meeting."""
    items = []
    for meeting in meetings:
        for position, (source, title, summary, decision) in enumerate(STANDARD_ITEMS, 1):
            items.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    title=title,
                    summary=summary,
                    decision_needed=decision,
                    source=source,
                )
            )
        for k in range(3):
            items.append(
                AgendaItem(
                    meeting=meeting,
                    position=5 + k,
                    title=f"Item {k + 1}",
                    summary="We talk about this. We decide.",
                    decision_needed=True,
                    presenter=board[k],
                )
            )
    return AgendaItem.objects.bulk_create(items, batch_size=BATCH)


def _papers(run: Seeding, items: list[AgendaItem]) -> list[Paper]:
    """A written paper of 4 easy-read parts for each written item."""
    papers = Paper.objects.bulk_create(
        [
            Paper(
                item=item,
                title=f"Paper: {item.title}",
                standard_text="# Why\nA standard paper.\n\n- One\n- Two",
            )
            for item in items
            if item.source == "written"
        ],
        batch_size=BATCH,
    )
    pictures = list(PAPER_PICTURES)
    parts = []
    for paper in papers:
        for position in range(1, 5):
            picture = run.rnd.choice(pictures)
            parts.append(
                PaperPart(
                    paper=paper,
                    position=position,
                    heading=f"Part {position}",
                    words="We want to do this.\n- It helps members\n- It costs £50",
                    picture=picture,
                    picture_alt=PAPER_PICTURES[picture],
                )
            )
    PaperPart.objects.bulk_create(parts, batch_size=BATCH)
    return papers


def _what_happened(run: Seeding, meetings: list[Meeting], board: list[Member]) -> None:
    """At each held meeting: who came (their sitting fees owed), 2 decisions and 2 actions,
    done but for the last meeting's."""
    attendance, decisions, actions, fees = [], [], [], []
    for meeting in meetings[:-1]:
        for member in board:
            status = run.rnd.choice(["present"] * 5 + ["apologies"])
            attendance.append(Attendance(meeting=meeting, member=member, status=status))
            if status == "present":
                fees.append(
                    SittingFee(
                        meeting=meeting,
                        member=member,
                        amount_pence=SITTING_FEE_PENCE,
                        owed_at=run.now,
                    )
                )
        decisions += [Decision(meeting=meeting, wording=f"Decision {d}") for d in (1, 2)]
        actions += [
            Action(
                meeting=meeting,
                what=f"Action {a}",
                owner=board[a],
                due_on=meeting.starts_at.date() + dt.timedelta(days=20),
                done_at=None if meeting is meetings[-2] else run.now,
            )
            for a in (1, 2)
        ]
    for rows in (attendance, decisions, actions, fees):
        if rows:
            type(rows[0]).objects.bulk_create(rows, batch_size=BATCH)
