"""Each person's share and who pays for the support workers reach members on every way an
activity is advertised or reminded: its page, the "what is on" message (email, text, call
script, letter), the calendar feed, reminders (email, text, call script, letter) and the
booked message. The words come from one place (events.cost_share.member_cost_lines)."""

import io

import pdfplumber
import pytest
from django.core import mail
from django.urls import reverse

from coop.easyread import easy_read_problems
from events import services
from events.cost_share import SUPPORT_PAID
from events.letters import reminder_letters_pdf, whats_on_letters_pdf
from events.models import Activity, Booking, Reminder, WhatsOnMessage, WhatsOnRound
from events.services import reminders_send, whats_on_send
from events.services.reminders import reminder_words
from events.services.whats_on import whats_on_words
from members.models import Member
from members.outbox.models import Message
from members.outbox.sending import send_due
from tests.easy_read_pdf import pdf_text
from tests.events.after_helpers import book
from tests.events.conftest import make_activity, make_members
from tests.events.test_calendar import events_in

pytestmark = pytest.mark.django_db

SHARE = "That £5 pays your share of driver and fuel."
PAID = "The co-operative pays for the boat. You do not pay for it."


def _trip(cast) -> Activity:
    """A charged share (£40 for 8 places: £5 each) and a support worker needed."""
    trip = make_activity(
        cast.organiser,
        cast.member_row.branch,
        publish=False,
        title="Seaside trip",
        places=8,
        cost_pence=0,
        fee_pence=0,
        days=2,
    )
    services.cost_line_add(
        activity=trip, kind="transport", what="driver and fuel", planned_pence=4000, actor=None
    )
    services.cost_share_set(activity=trip, charged=True, actor=cast.organiser)
    services.support_need_set(activity=trip, workers_needed=1, actor=cast.organiser)
    return services.activity_publish(activity=trip, actor=cast.organiser, without_support=True)


def _boat(cast) -> Activity:
    """The co-operative pays for the boat: the day is free."""
    boat = make_activity(
        cast.organiser,
        cast.member_row.branch,
        publish=False,
        title="Canal boat",
        cost_pence=0,
        fee_pence=0,
        days=2,
    )
    services.cost_line_add(
        activity=boat, kind="transport", what="the boat", planned_pence=2400, actor=None
    )
    return services.activity_publish(activity=boat, actor=cast.organiser)


@pytest.fixture
def both(cast) -> tuple[Activity, Activity]:
    return _trip(cast), _boat(cast)


def _writer(cast) -> Member:
    (writer,) = make_members(cast, 1)
    Member.objects.filter(pk=writer.pk).update(
        contact_preferences=["letter"], address="1 High Street\nNorthfield", postcode="NF1 1AA"
    )
    writer.refresh_from_db()
    return writer


def _said(text: str) -> str:
    return " ".join(text.split())


def test_the_words_are_short_and_easy_read():
    for line in (SHARE, PAID, SUPPORT_PAID):
        assert [p.message for p in easy_read_problems(line)] == []


def test_the_activity_page(client, cast, both):
    trip, boat = both
    client.force_login(cast.member_row.user)
    page = _said(client.get(reverse("activity-detail", args=[trip.pk])).content.decode())
    assert SHARE in page and SUPPORT_PAID in page
    page = _said(client.get(reverse("activity-detail", args=[boat.pk])).content.decode())
    assert PAID in page and SUPPORT_PAID not in page


def test_what_is_on_by_email_text_and_call(cast, both):
    lines = whats_on_words(list(both), cast.member_row)
    assert lines.count(SHARE) == 1 and lines.count(PAID) == 1
    assert lines.count(SUPPORT_PAID) == 1
    trip_starts = lines.index("Seaside trip.")
    assert lines[trip_starts:].index(SHARE) < lines[trip_starts:].index(SUPPORT_PAID)
    (caller,) = make_members(cast, 1)
    Member.objects.filter(pk=caller.pk).update(contact_preferences=["phone"], phone="07700 900222")
    whats_on_send()
    script = WhatsOnMessage.objects.get(member=caller, recipient="member").message
    assert SHARE in script and PAID in script and SUPPORT_PAID in script


def test_what_is_on_letter(cast, both):
    _writer(cast)
    whats_on_send()
    letter = pdf_text(whats_on_letters_pdf(WhatsOnRound.objects.get()))
    assert "It costs £5 on the day. That £5 pays your share of driver and fuel." in letter
    assert SUPPORT_PAID in letter
    assert PAID in letter
    assert letter.count(SUPPORT_PAID) == 1  # the boat needs no support workers


def test_calendar_feed(client, both):
    found = events_in(client.get(reverse("calendar-activities")))
    trip, boat = found["Seaside trip"]["description"], found["Canal boat"]["description"]
    assert f"It costs £5 on the day. {SHARE} {SUPPORT_PAID}" in trip
    assert f"It is free on the day. {PAID}" in boat and SUPPORT_PAID not in boat


def test_reminders_by_email_text_and_call(cast, both):
    trip, boat = both
    emailer, caller = make_members(cast, 2)
    Member.objects.filter(pk=caller.pk).update(contact_preferences=["phone"], phone="07700 900222")
    words = reminder_words(book(trip, emailer, Booking.Status.CONFIRMED))
    assert words.index("Bring £5 for the day.") + 1 == words.index(SHARE)
    assert SUPPORT_PAID in words
    words = reminder_words(book(boat, emailer, Booking.Status.CONFIRMED))
    assert PAID in words and SUPPORT_PAID not in words
    book(trip, caller, Booking.Status.CONFIRMED)
    reminders_send()
    send_due()
    assert any(SHARE in m.body and SUPPORT_PAID in m.body for m in mail.outbox)
    script = Reminder.objects.get(booking__member=caller, way=Reminder.Way.PHONE).message
    assert SHARE in script and SUPPORT_PAID in script


def test_reminder_letter(cast, both):
    trip, _ = both
    book(trip, _writer(cast), Booking.Status.CONFIRMED)
    reminders_send()
    with pdfplumber.open(io.BytesIO(reminder_letters_pdf(trip))) as pdf:
        assert len(pdf.pages) == 1  # still one page
        letter = _said(pdf.pages[0].extract_text())
    assert SHARE in letter and SUPPORT_PAID in letter


def test_the_booked_message(cast, both):
    trip, boat = both
    ann, bea = make_members(cast, 2)
    services.booking_create(activity=trip, member=ann, actor=ann.user)
    services.booking_create(activity=boat, member=bea, actor=bea.user)
    booked = Message.objects.get(member=ann, kind="booking_booked").body.splitlines()
    assert SHARE in booked and SUPPORT_PAID in booked
    booked = Message.objects.get(member=bea, kind="booking_booked").body.splitlines()
    assert PAID in booked and SUPPORT_PAID not in booked


def test_the_booking_page_after_booking(client, cast, both):
    trip, boat = both
    ann = cast.member_row
    booking = services.booking_create(activity=trip, member=ann, actor=ann.user)
    client.force_login(ann.user)
    page = _said(client.get(reverse("booking-detail", args=[booking.pk])).content.decode())
    assert SHARE in page and SUPPORT_PAID in page
    booking = services.booking_create(activity=boat, member=ann, actor=ann.user)
    page = _said(client.get(reverse("booking-detail", args=[booking.pk])).content.decode())
    assert PAID in page and SUPPORT_PAID not in page


def test_a_round_reads_each_activitys_costs_once_not_once_a_member(
    cast, both, django_assert_num_queries
):
    """Every member in a round gets the same activities: the share and support words
    (which read the costs) are made for the first member and reused for the rest."""
    activities = list(both)
    first = whats_on_words(activities, cast.member_row)
    others = make_members(cast, 3)
    with django_assert_num_queries(0):
        later = [whats_on_words(activities, member) for member in others]
    assert SUPPORT_PAID in first and all(SUPPORT_PAID in words for words in later)


def test_the_letters_read_each_activitys_costs_once(cast, both, django_assert_num_queries):
    from events.letters import _advert_parts

    trip = both[0]
    first = _advert_parts(trip)
    with django_assert_num_queries(0):
        again = [_advert_parts(trip) for _ in range(3)]
    assert "You do not pay for them." in first and all(words == first for words in again)
