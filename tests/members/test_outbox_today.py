"""The organisers' messages page opens with today's work: "Calls to make today" and
"Letters to print today", each a count with a link to every list that has some — the
outbox's own (with a message that could not be sent, tried again as a letter), each
activity's reminders, "what's on", and for the board the papers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from board.meetings.services.packs import papers_send
from board.models import BoardMembership
from coop.dates import easy_date
from events.models import Booking, Reminder, WhatsOnMessage
from events.services.reminders import reminders_send
from events.services.whats_on import whats_on_send
from members.models import Member
from members.outbox.models import Message
from members.outbox.services import Words, message_retry, tell
from members.outbox.today import letters_since, today_work
from tests.board.meeting_helpers import plan
from tests.events.after_helpers import book
from tests.events.conftest import make_activity
from tests.outbox_helpers import active_member

pytestmark = pytest.mark.django_db
S = Message.Status
WORDS = Words("News", ["Hello Cal,", "", "We have news."])
ADDRESS = {"address": "1 High Street\nNorthfield", "postcode": "NF1 1AA"}


@pytest.fixture
def day(cast):
    """A phone member and a letter member, each told something through the outbox, booked
    on Bowling in 2 days (reminded) and told what's on; an email that could not be sent,
    tried again as a letter; the letter member on the board, with the papers sent."""
    caller = active_member(cast, "Cal", ["phone"], phone="01632 960123")
    writer = active_member(cast, "Lee", ["letter"], **ADDRESS)
    tell(caller, "news", WORDS)
    tell(writer, "news", WORDS)
    bounced = active_member(cast, "Bo", ["email", "letter"], email="bo@example.org", **ADDRESS)
    (failed,) = tell(bounced, "news", WORDS)
    Message.objects.filter(pk=failed.pk).update(status=S.FAILED, last_error="550 no such user")
    Member.objects.filter(pk=bounced.pk).update(email="")
    message_retry(message=Message.objects.get(pk=failed.pk), actor=cast.organiser)
    bowling = make_activity(cast.organiser, cast.member_row.branch, days=2)
    for member in (caller, writer):
        book(bowling, member, Booking.Status.CONFIRMED)
    reminders_send()
    whats_on_send()
    BoardMembership.objects.create(
        member=writer, role="member", starts_on=timezone.localdate() - dt.timedelta(days=30)
    )
    papers_send(meeting=plan(cast, days=10), actor=cast.board)
    return bowling


def _said(work) -> list[tuple[str, int, str]]:
    return [(w.about, w.count, w.url) for w in work]


def test_today_has_every_list_with_its_count_and_link(cast, day):
    bowling = day
    when = f"{bowling.title}, {easy_date(bowling.starts_at)}"
    today = today_work(cast.organiser)
    page = reverse("outbox")
    round_pk = WhatsOnMessage.objects.values_list("round_id", flat=True).first()
    calls = _said(today.calls)
    letters = _said(today.letters)
    assert calls[0] == ("Messages to tell by phone", 1, f"{page}#calls")
    assert calls[1] == (f"Reminders for {when}", 1, reverse("reminder-calls", args=[bowling.pk]))
    assert calls[2] == ("What's on: new activities", 1, reverse("whats-on"))
    # The letter member's news and the email tried again as a letter; the letter member's
    # reminder; what's on for both.
    assert letters[0] == ("Messages to send by letter", 2, f"{page}#letters")
    assert letters[1] == (
        f"Reminder letters (PDF) for {when}",
        1,
        reverse("reminder-letters", args=[bowling.pk]),
    )
    assert letters[2] == (
        "What's on letters (PDF)",
        2,
        reverse("whats-on-letters", args=[round_pk]),
    )
    assert (today.calls_count, today.letters_count) == (3, 5)
    # An organiser cannot open the board's packs page: an administrator sees the papers.
    admin = today_work(cast.admin)
    assert _said(admin.letters)[-1] == (
        "Board papers to print and post",
        1,
        reverse("meeting-packs-to-do"),
    )


def test_the_page_opens_with_todays_work(client, cast, day):
    client.force_login(cast.organiser)
    page = " ".join(client.get(reverse("outbox")).content.decode().split())
    assert page.index("Calls to make today: 3") < page.index("Letters to print today: 5")
    assert page.index("Letters to print today: 5") < page.index('id="calls"')
    assert f'<a href="{reverse("whats-on")}">What&#x27;s on: new activities: 1 call</a>' in page
    assert "Messages to send by letter: 2 letters</a>" in page


def test_calls_done_and_old_letters_leave_todays_work(cast, day):
    Reminder.objects.filter(way="phone").update(status=Reminder.Status.CALLED)
    WhatsOnMessage.objects.update(created_at=letters_since(timezone.now()) - dt.timedelta(hours=1))
    Message.objects.filter(status__in=(S.TO_CALL, S.LETTER_READY)).update(status=S.SENT)
    today = today_work(cast.organiser)
    assert _said(today.calls) == [("What's on: new activities", 1, reverse("whats-on"))]
    assert [w.about.split(" for ")[0] for w in today.letters] == ["Reminder letters (PDF)"]


def test_an_empty_day(client, cast):
    assert today_work(cast.organiser).calls == today_work(cast.organiser).letters == []
    client.force_login(cast.organiser)
    page = client.get(reverse("outbox")).content.decode()
    assert "No calls to make today." in page and "No letters to print today." in page


@pytest.mark.parametrize(
    ("now", "since"),
    [
        (dt.datetime(2026, 3, 16, 10, 0), dt.datetime(2026, 3, 14, 0, 0)),  # Monday: weekend
        (dt.datetime(2026, 3, 18, 8, 0), dt.datetime(2026, 3, 18, 0, 0)),  # Wednesday
        (dt.datetime(2026, 3, 14, 12, 0), dt.datetime(2026, 3, 14, 0, 0)),  # Saturday
        (dt.datetime(2026, 3, 15, 12, 0), dt.datetime(2026, 3, 14, 0, 0)),  # Sunday
    ],
)
def test_letters_count_since_the_last_working_day_ended(now, since):
    tz = timezone.get_current_timezone()
    assert letters_since(now.replace(tzinfo=tz)) == since.replace(tzinfo=tz)
