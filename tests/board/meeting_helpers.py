"""Board meetings set up through the real services, for the meeting tests and the browser
sweep."""

import datetime as dt

from django.utils import timezone

from board.meetings import services
from board.models import Attendance, BoardMembership, Meeting
from members.models import Role, User
from members.services import role_grant
from tests.board.conftest import add_member


def make_board(cast):
    """Three board members with terms (one is the cast's member, who wants easy read),
    each reachable a different way, and a £20 sitting fee."""
    maya = cast.member_row
    phone = add_member(
        cast.admin,
        "bphone",
        "Pat",
        "Phone",
        phone="07700 900333",
        contact_preferences=["phone"],
        access_needs=["large_print"],
    )
    letter = add_member(
        cast.admin,
        "bletter",
        "Lee",
        "Letter",
        address="3 Park Lane\nNorthfield",
        postcode="NF3 3AB",
        contact_preferences=["letter"],
    )
    start = timezone.localdate() - dt.timedelta(days=100)
    for person, role in ((maya, "co_chair"), (phone, "member"), (letter, "member")):
        BoardMembership.objects.create(member=person, role=role, starts_on=start)
    services.sitting_fee_rate_set(amount_pence=2000, starts_on=start, actor=cast.board)
    return [maya, phone, letter]


def editor(cast, *, writes_papers: bool = False) -> User:
    """A board member whose term makes them edit meetings: a co-chair, or (writes_papers)
    an elected member the board named to write the papers. Both sign in with the board
    role; cast.board has the role and no such term, so only reads."""
    username, first, last = (
        ("writer", "Wendy", "Price") if writes_papers else ("chair", "Chris", "Hall")
    )
    person = add_member(cast.admin, username, first, last)
    role_grant(user=person.user, role=Role.BOARD, actor=cast.admin)
    BoardMembership.objects.create(
        member=person,
        role="member" if writes_papers else "co_chair",
        writes_papers=writes_papers,
        starts_on=timezone.localdate() - dt.timedelta(days=100),
    )
    return person.user


def at(days: int) -> dt.datetime:
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=days)


def plan(cast, days: int = 10, **extra) -> Meeting:
    return services.meeting_create(
        title=extra.pop("title", "Board meeting"),
        starts_at=at(days),
        place="The Hub",
        actor=cast.board,
        **extra,
    )


def hold(cast, meeting: Meeting, board, statuses=None) -> Meeting:
    statuses = statuses or {m.pk: Attendance.Status.PRESENT for m in board}
    services.attendance_save(
        meeting=meeting,
        statuses=statuses,
        actor=cast.board,
        today=timezone.localtime(meeting.starts_at).date(),
    )
    meeting.refresh_from_db()
    return meeting


def written_paper(cast, meeting: Meeting, *, confidential=False, title="Hiring a minibus"):
    item = services.item_add(
        meeting=meeting,
        title=title,
        summary="We talk about a minibus.",
        decision_needed=True,
        actor=cast.board,
        confidential=confidential,
    )
    paper = services.paper_add(
        item=item,
        title=title,
        actor=cast.board,
        confidential=confidential,
        standard_text="# Cost\n- Hire: £95 a day\n\nSix trips a year.",
    )
    services.part_save(
        paper=paper,
        heading="What is it?",
        words="We want a minibus.\n- It has a lift",
        picture="events/pictures/minibus.svg",
        actor=cast.board,
    )
    services.part_save(
        paper=paper,
        words="It costs £95 a day.",
        picture="coop/pictures/money.svg",
        actor=cast.board,
    )
    return paper
