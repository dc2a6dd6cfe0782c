"""Every kind of message the outbox knows × every way (email, text, letter, a call): each
lands in the member's way — an email or a text queued for the worker, a letter to print, a
call on the list — with a copy by email to the supporter who asked for copies.

Each kind is made by the real service that makes it (a booking, a cancellation, the
waiting list, marking who came, approving an application, the reminder and "what's on"
runs, sending a meeting's papers, an election's moves, a group message)."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from board.elections.services.notices import election_notices_send
from board.meetings.services.packs import papers_send
from board.models import BoardMembership, PackDelivery
from events import services as events
from events.letters import whats_on_letters_pdf
from events.models import Booking, MessageTemplate, Reminder, WhatsOnMessage
from events.services.expiry import booking_expire
from events.services.group_messages import Group, group_message_send
from events.services.reminders import reminders_send
from events.services.waiting import offer_next
from events.services.whats_on import whats_on_send
from members import services
from members.models import Member
from members.outbox.models import Message
from tests.board.conftest import call, counted, voting_election
from tests.board.meeting_helpers import plan
from tests.coop.test_documents import text_of
from tests.events.after_helpers import book
from tests.events.conftest import make_activity, make_members
from tests.outbox_helpers import WAY_DETAILS, add_supporter, check_told

pytestmark = pytest.mark.django_db

B = Booking.Status
F = Booking.FeeStatus
S = Message.Status
R = Reminder.Status
D = PackDelivery.Status
WAYS = ["email", "text", "letter", "phone"]
# How a reminder's, a "what's on" message's or a pack's row starts, by way.
ROW_FIRST = {"email": R.QUEUED, "text": R.QUEUED, "letter": R.LETTER_READY, "phone": R.TO_CALL}
PACK_FIRST = {"email": D.QUEUED, "text": D.QUEUED, "letter": D.TO_PRINT, "phone": D.TO_CALL}


def person(cast, way: str) -> Member:
    """An active member (with a sign-in, who agreed the guidelines) who hears by `way`,
    with a supporter, Hana, who asked for copies."""
    (member,) = make_members(cast, 1)
    Member.objects.filter(pk=member.pk).update(first_name="Wren", **WAY_DETAILS[way])
    member.refresh_from_db()
    add_supporter(member, f"hana-{member.pk}", f"hana{member.pk}@example.org")
    return member


# -- making each kind -------------------------------------------------------------------------
def activity(cast, **extra):
    return make_activity(cast.organiser, cast.member_row.branch, **extra)


def booked(cast, member) -> None:
    events.booking_create(activity=activity(cast, fee_pence=0), member=member, actor=cast.organiser)


def waiting(cast, member) -> None:
    full = activity(cast, places=1, fee_pence=0)
    book(full, make_members(cast, 1)[0], B.CONFIRMED)
    booking = events.booking_create(activity=full, member=member, actor=cast.organiser)
    assert booking.status == B.WAITING


def offered(cast, member) -> None:
    freed = activity(cast, places=1, days=21)
    book(freed, member, B.WAITING, F.NONE)
    Booking.objects.filter(member=member).update(waiting_since=timezone.now())
    assert [b.member for b in offer_next(freed)] == [member]


def cancelled(cast, member) -> None:
    booking = events.booking_create(
        activity=activity(cast, fee_pence=0), member=member, actor=cast.organiser
    )
    events.booking_cancel(booking=booking, actor=cast.organiser)


def place_gone(cast, member) -> None:
    """The offer ran out: the timer lets the place go."""
    booking = book(activity(cast), member, B.OFFERED, F.AWAITING, fee=500)
    gone = timezone.now() - dt.timedelta(minutes=1)
    Booking.objects.filter(pk=booking.pk).update(offer_expires_at=gone)
    assert booking_expire(booking_id=booking.pk) is True


def activity_cancelled(cast, member) -> None:
    going = activity(cast, fee_pence=0)
    events.booking_create(activity=going, member=member, actor=cast.organiser)
    events.activity_cancel(activity=going, actor=cast.organiser, reason="The alley closed")


def fee_returned(cast, member) -> None:
    booking = book(activity(cast), member, B.CONFIRMED, F.HELD, fee=500)
    events.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)


def fee_kept(cast, member) -> None:
    booking = book(activity(cast), member, B.CONFIRMED, F.HELD, fee=500)
    events.attendance_mark(booking=booking, actor=cast.organiser, attended=False, early=True)


def welcome(cast, member) -> None:
    """The member applied (their supporter beside them) and an organiser approves them."""
    Member.objects.filter(pk=member.pk).update(status=Member.Status.APPLIED, user=None)
    member.refresh_from_db()
    services.member_approve(member=member, actor=cast.organiser)


def reminder(cast, member) -> None:
    book(activity(cast, days=2), member, B.CONFIRMED)
    reminders_send()


def whats_on(cast, member) -> None:
    activity(cast)
    whats_on_send()


def meeting_pack(cast, member) -> None:
    BoardMembership.objects.create(
        member=member, role="member", starts_on=timezone.localdate() - dt.timedelta(days=30)
    )
    papers_send(meeting=plan(cast, days=10), actor=cast.board)


def nominations(cast, member) -> None:
    call(cast)


def voting(cast, member) -> None:
    voting_election(cast)


def closing(cast, member) -> None:
    election_notices_send(voting_election(cast).election, "election_closing")


def results(cast, member) -> None:
    counted(cast, voting_election(cast))


def group_message(cast, member) -> None:
    template = MessageTemplate.objects.create(
        slug="hall-closed",
        name="Hall closed",
        subject="The hall is closed",
        lines="The hall is closed this week.\n{note}",
    )
    group_message_send(
        actor=cast.organiser,
        group=Group.of_branch(member.branch),
        template=template,
        fields={"note": "Sorry."},
        token="every-kind-every-way-token",
    )


# kind -> (what makes it, words the member's message has)
KINDS: dict[str, tuple[Callable, str]] = {
    "booking_booked": (booked, "You are booked"),
    "booking_waiting": (waiting, "waiting list"),
    "booking_offered": (offered, "A place is free for you on Bowling."),
    "booking_cancelled": (cancelled, "Bowling"),
    "booking_activity_cancelled": (activity_cancelled, "The alley closed"),
    "booking_place_gone": (place_gone, "The place we kept for you on Bowling has gone."),
    "fee_returned": (fee_returned, "Your booking fee of £5 is coming back to you."),
    "fee_kept": (fee_kept, "We kept your booking fee of £5, because you did not come."),
    "welcome": (welcome, "You are a member now."),
    "reminder": (reminder, "booked for Bowling."),
    "whats_on": (whats_on, "There are new activities"),
    "meeting_pack": (meeting_pack, "The papers for the board meeting are ready"),
    "election_nominations": (nominations, "Would you like to stand?"),
    "election_voting": (voting, "You can vote now for Board election."),
    "election_closing": (closing, "Voting for Board election closes on"),
    "election_results": (results, "We have counted the votes for Board election."),
    "group_message": (group_message, "The hall is closed this week."),
}
# The kinds whose letters and calls stay on their own lists (a row each), not the outbox's.
OWN_ROWS = {"reminder": Reminder, "whats_on": WhatsOnMessage, "meeting_pack": PackDelivery}


def check_own_row(kind: str, member: Member, way: str, words: str) -> None:
    """The member's row by their way (an email or a text also in the outbox), and the
    supporter's copy by email through the outbox."""
    model = OWN_ROWS[kind]
    mine = model.objects.get(member=member) if kind == "meeting_pack" else None
    if mine is None:
        member_filter = {"booking__member": member} if kind == "reminder" else {"member": member}
        mine = model.objects.get(recipient="member", **member_filter)
        copies = list(model.objects.filter(recipient__startswith="supporter:", **member_filter))
        assert [(c.way, c.outbox_message.recipient) for c in copies] == [("email", "supporter")]
        assert words in mine.message
    first = (PACK_FIRST if kind == "meeting_pack" else ROW_FIRST)[way]
    assert (mine.way, mine.status) == (way, first)
    outbox = Message.objects.filter(member=member, kind=kind)
    if way in ("email", "text"):
        theirs = outbox.get(recipient="member")
        assert (theirs.way, theirs.status) == (way, S.QUEUED) and words in theirs.body
        assert mine.outbox_message == theirs
    else:
        assert not outbox.filter(recipient="member").exists()
    (copy,) = outbox.filter(recipient="supporter")
    assert (copy.way, copy.status) == ("email", S.QUEUED)
    assert copy.user.email.startswith("hana") and words in copy.body


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_lands_in_the_members_way_with_a_supporters_copy(cast, kind, way):
    member = person(cast, way)
    make, words = KINDS[kind]
    make(cast, member)
    member.refresh_from_db()
    if kind in OWN_ROWS:
        check_own_row(kind, member, way, words)
    elif kind == "welcome" and way == "email":
        # The member's welcome is their link to sign in, made when it is sent.
        link = Message.objects.get(kind="welcome_link", user=member.user)
        assert (link.way, link.to, link.status) == ("email", member.email, S.QUEUED)
        (copy,) = Message.objects.filter(member=member, kind="welcome")
        assert (copy.recipient, copy.way) == ("supporter", "email")
        assert words in copy.body and "an email with a link to sign in" in copy.body
    else:
        check_told(member, kind, way, words)


@pytest.mark.parametrize("way", WAYS)
def test_what_is_on_says_each_fee_and_what_brings_it_back_by_every_way(cast, way):
    """The fee and what brings it back, and that a free activity is free, in the activity
    page's words: in the email, the text, the words to say on the phone, the letter and
    the supporter's copy."""
    member = person(cast, way)
    activity(cast, fee_pence=400)
    activity(cast, fee_pence=0, cost_pence=0, title="Park walk", days=8)
    whats_on_send()
    for words in ("You pay £4 to book. You get it back when you come.", "It is free on the day."):
        check_own_row("whats_on", member, way, words)
    if way == "letter":
        round = WhatsOnMessage.objects.get(member=member, recipient="member").round
        letter = " ".join(text_of(whats_on_letters_pdf(round)).split())
        assert "You pay £4 to book. You get it back when you come." in letter
        assert "It is free on the day." in letter


def test_the_kinds_cover_all_booking_news_and_election_notices():
    """A new kind of booking news or election notice must be added to KINDS above."""
    from board.elections.services import notices
    from events.notify import SUBJECTS

    written = {f"booking_{event}" for event in SUBJECTS} | {
        notices.NOMINATIONS,
        notices.VOTING,
        notices.CLOSING,
        notices.RESULTS,
    }
    assert written <= set(KINDS)
