"""A member's world with something on every page (issue 20's easy-read check): May has
bookings in each state, an idea, an election to vote in and one counted, a meeting's
approved minutes to read, and well-being questions asked twice; Sue supports her.
Everything is made through the services."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from board.meetings import services as meetings
from board.models import BoardMembership, Election, Meeting
from events import services
from events.models import Activity, Booking
from finance.models import Payment
from members import services as member_services
from members.models import SupportLink
from tests.board.conftest import add_member, counted, voting_election
from tests.conftest import Cast, make_cast
from tests.events.after_helpers import book, past_activity
from tests.events.conftest import make_activity, make_members
from tests.events.photo_helpers import png
from tests.events.transport_helpers import add_transport
from wellbeing import services as wellbeing
from wellbeing.models import Round

# Every table's ids start here, so an id shown on a page is easy to find.
FIRST_ID = 734001
IDS = r"\b734\d{3}\b"

# What people wrote themselves: theirs to write, so not held to the page's rules.
ORGANISER_SUMMARY = (
    "We go to the big bowling alley in town and we play two games before we have chips together."
)
IDEA = "A trip to the seaside on the train with fish and chips"
MINUTES_NOTES = "The trips went well."
PHOTO_ALT = "May holds a bowling ball and smiles."


@dataclass
class World:
    cast: Cast
    activities: list[Activity]
    bookings: list[Booking]
    payment: Payment
    elections: list[Election]
    meeting: Meeting
    link: SupportLink
    quoted: tuple[str, ...]
    to_book: Activity  # with a fee, not booked yet
    rounds: list[Round]


@contextmanager
def ids_start_high() -> Iterator[None]:
    """Inside, every table's next id is FIRST_ID; after, each goes on from where it was,
    so the tests that run later see the ids they would have seen."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT format('%I.%I', schemaname, sequencename), last_value, start_value "
            "FROM pg_sequences"
        )
        before = cursor.fetchall()
        for name, _, _ in before:
            cursor.execute("SELECT setval(%s, %s, false)", [name, FIRST_ID])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, last, start in before:
                cursor.execute("SELECT setval(%s, %s, %s)", [name, last or start, last is not None])


def _bookings(cast: Cast, capture_on_commit) -> tuple[list[Activity], list[Booking], Payment]:
    """A booking paid in cash, one waiting for a card payment, a place offered from the
    waiting list, and an activity May came to."""
    branch, may = cast.member_row.branch, cast.member_row
    bowling = make_activity(cast.organiser, branch, fee_pence=400, summary=ORGANISER_SUMMARY)
    add_transport(bowling, cast.organiser)  # May reads "Getting there and back"
    cash = services.booking_create(activity=bowling, member=may, actor=cast.member, payment="cash")
    cinema = make_activity(cast.organiser, branch, title="Cinema", days=9)
    with capture_on_commit(execute=True):
        card = services.booking_create(activity=cinema, member=may, actor=cast.member)
    payment = Payment.objects.get(member=may, status=Payment.Status.PENDING)
    park = make_activity(cast.organiser, branch, title="Park", fee_pence=0, places=1, days=12)
    (other,) = make_members(cast, 1)
    first = services.booking_create(activity=park, member=other, actor=other.user)
    waiting = services.booking_create(activity=park, member=may, actor=cast.member)
    with capture_on_commit(execute=True):  # the place is offered on, after commit
        services.booking_cancel(booking=first, actor=other.user)
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED
    quiz = past_activity(cast.organiser, branch, title="Quiz night")
    came = book(quiz, may, Booking.Status.ATTENDED)
    more_activities, more_bookings = _more_bookings(cast, other)
    return (
        [bowling, cinema, park, quiz, *more_activities],
        [cash, card, waiting, came, *more_bookings],
        payment,
    )


def _more_bookings(cast: Cast, other) -> tuple[list[Activity], list[Booking]]:
    """On a waiting list; did not come, so the fee was kept; cancelled, with the card fee
    coming back. (The last two are written as rows: their moves are tested elsewhere.)"""
    branch, may = cast.member_row.branch, cast.member_row
    theatre = make_activity(cast.organiser, branch, title="Theatre", fee_pence=0, places=1)
    services.booking_create(activity=theatre, member=other, actor=other.user)
    waiting = services.booking_create(activity=theatre, member=may, actor=cast.member)
    swim = past_activity(cast.organiser, branch, title="Swimming", days=-5)
    kept = book(swim, may, Booking.Status.NO_SHOW, Booking.FeeStatus.KEPT, fee=300)
    museum = make_activity(cast.organiser, branch, title="Museum", days=14)
    back = book(museum, may, Booking.Status.CANCELLED, Booking.FeeStatus.REFUND_PENDING, fee=500)
    Booking.objects.filter(pk=back.pk).update(payment_method=Booking.PaymentMethod.CARD)
    return [theatre, swim, museum], [waiting, kept, back]


def _minutes(cast: Cast) -> Meeting:
    """October's meeting, held, its minutes approved at November's (May is not on the
    board: she reads them as every member may)."""
    start = timezone.localdate() - dt.timedelta(days=100)
    board = [
        add_member(cast.admin, f"board{i}", name, "Bell") for i, name in enumerate(["Pat", "Lee"])
    ]
    for person in board:
        BoardMembership.objects.create(member=person, role="member", starts_on=start)
    meetings.sitting_fee_rate_set(amount_pence=2000, starts_on=start, actor=cast.board)
    held = []
    for days, title in ((-30, "October"), (0, "November")):
        when = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
        meeting = meetings.meeting_create(
            title=title, starts_at=when, place="The Hub", actor=cast.board
        )
        meetings.attendance_save(
            meeting=meeting,
            statuses={m.pk: "present" for m in board},
            actor=cast.board,
            today=timezone.localtime(when).date(),
        )
        held.append(meeting)
    october, november = held
    activities = october.items.get(source="activities")
    meetings.item_update(item=activities, notes=MINUTES_NOTES, actor=cast.board)
    return meetings.minutes_approve(meeting=october, at_meeting=november, actor=cast.board)


def _proposals(cast: Cast) -> None:
    """Issue 22: the board said yes to May's boat trip (she helps to lead its draft with
    the organiser) and not now to go-karting; her zoo trip waits for the next meeting."""
    board = list(BoardMembership.objects.values_list("member_id", flat=True))
    meeting = meetings.meeting_create(
        title="December",
        starts_at=timezone.now() + dt.timedelta(days=10),
        place="The Hub",
        actor=cast.admin,
    )
    ideas = {
        what: services.proposal_make(
            member=cast.member_row, actor=cast.member, what=what, wants_to_lead=True
        )
        for what in ("A boat trip on the river", "Go-karting")
    }
    meetings.attendance_save(
        meeting=meeting,
        statuses=dict.fromkeys(board, "present"),
        actor=cast.admin,
        today=meeting.day,
    )
    for what, answer in (("A boat trip on the river", "yes"), ("Go-karting", "not_now")):
        meetings.proposal_decide(
            item=meeting.items.get(suggestion=ideas[what]),
            actor=cast.admin,
            answer=answer,
            reason="Lots of members want to go." if answer == "yes" else "It costs too much.",
            organiser=cast.organiser,
            starts_on=timezone.localdate() + dt.timedelta(days=30),
        )
    services.proposal_make(member=cast.member_row, actor=cast.member, what="A trip to the zoo")


def _elections(cast: Cast) -> list[Election]:
    """One open for voting now, and one May voted in that is counted."""
    open_now = voting_election(cast).election
    done = voting_election(cast)
    return [open_now, counted(cast, done)]


def _asked_twice(cast: Cast) -> list[Round]:
    """May agreed to the well-being questions, sent her answers the first time (so her
    page says what she said) and was asked the second time."""
    wellbeing.ask_due()
    wellbeing.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    first = Round.objects.get(member=cast.member_row, number=1)
    wellbeing.answer_save(round=first, question="life", actor=cast.member, choice="happy")
    wellbeing.answer_save(round=first, question="lonely", actor=cast.member, choice="not_say")
    wellbeing.round_finish(round=first, actor=cast.member)
    wellbeing.ask_due(today=wellbeing.months_later(timezone.localdate(), 12))
    return list(Round.objects.filter(member=cast.member_row))


def _support_and_costs(cast: Cast, activity: Activity) -> None:
    """A support worker booked and each person's share charged: the page says who pays."""
    services.support_need_set(activity=activity, workers_needed=1, actor=cast.organiser)
    services.support_booking_add(
        activity=activity, name="Sam", role="pa", minutes=240, cost_pence=6000, actor=None
    )
    services.cost_line_add(
        activity=activity, kind="transport", what="driver and fuel", planned_pence=3500, actor=None
    )
    services.cost_share_set(activity=activity, charged=True, actor=cast.organiser)


def _trip_photo(cast: Cast) -> tuple[Activity, Booking]:
    """May came to Bowling 20 days ago, and a photo of her (she agreed to photos) is shared
    with members: her booking leads to it, and the Bowling still to come shows it."""
    may = cast.member_row
    member_services.member_update(member=may, actor=cast.member, changes={"photo_consent": True})
    bowling = past_activity(cast.organiser, may.branch, days=-20)
    came = book(bowling, may, Booking.Status.ATTENDED)
    photo = services.evaluation_photo_add(
        activity=bowling, actor=cast.organiser, data=png(), alt=PHOTO_ALT, members=[may]
    )
    services.photo_share_set(photo=photo, actor=cast.organiser, shared=True)
    return bowling, came


def make_world(capture_on_commit) -> World:
    """Made inside ids_start_high()."""
    cast = make_cast()
    activities, bookings, payment = _bookings(cast, capture_on_commit)
    picnic = make_activity(cast.organiser, cast.member_row.branch, title="Picnic", fee_pence=200)
    _support_and_costs(cast, picnic)
    services.suggestion_create(member=cast.member_row, actor=cast.member, what=IDEA)
    elections = _elections(cast)
    meeting = _minutes(cast)
    _proposals(cast)
    bowled, came = _trip_photo(cast)
    return World(
        cast=cast,
        activities=[*activities, picnic, bowled],
        bookings=[*bookings, came],
        payment=payment,
        elections=elections,
        meeting=meeting,
        link=SupportLink.objects.get(member=cast.member_row, supporter=cast.supporter),
        quoted=(ORGANISER_SUMMARY, IDEA, MINUTES_NOTES, PHOTO_ALT),
        to_book=picnic,
        rounds=_asked_twice(cast),
    )
