"""Reminders before an activity: each member's own way (emails and texts through the
outbox, which the worker sends), supporters' copies, nothing twice (by the database too),
a mail server that is down, the organiser's call list and printed letters."""

import datetime as dt
import io

import pdfplumber
import pdfua
import pikepdf
import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from coop.easyread import easy_read_problems
from coop.models import AuditEntry
from events.letters import reminder_letters_pdf
from events.models import Activity, Booking, Reminder
from events.services import reminder_call_record, reminders_due, reminders_send, slot_label
from events.services.reminders import post_due_from
from events.tasks import reminders_send_task
from members.models import Member
from members.outbox import backends
from members.outbox.backends import ConsoleTextBackend
from members.outbox.models import Message
from members.outbox.sending import send_due
from tests.events.after_helpers import book
from tests.events.conftest import make_activity, make_members
from tests.outbox_helpers import check_copy_sent, supporter_wants_copies

B = Booking.Status
R = Reminder.Status
M = Message.Status
LOCMEM_TEXT = "members.outbox.backends.LocmemTextBackend"
BROKEN_EMAIL = "tests.events.after_helpers.BrokenEmailBackend"


@pytest.fixture(autouse=True)
def texts():
    backends.outbox.clear()
    with override_settings(TEXT_BACKEND=LOCMEM_TEXT):
        yield backends.outbox
    backends.outbox.clear()


def _send_all() -> dict[str, int]:
    """What the task worker does: send every message that is due."""
    return send_due()


def _ways(member: Member, prefs: list[str], **details) -> Member:
    Member.objects.filter(pk=member.pk).update(contact_preferences=prefs, **details)
    member.refresh_from_db()
    return member


@pytest.fixture
def soon(cast):
    """Bowling in 2 days (the 3-day reminder is due, the 1-day one is not yet), with a
    member for each way."""
    activity = make_activity(cast.organiser, cast.member_row.branch, days=2, cost_pence=700)
    emailer, texter, writer, caller, nothing, fallback = make_members(cast, 6)
    _ways(texter, ["text", "email"], phone="07700 900111")
    _ways(writer, ["letter"], address="1 High Street\nNorthfield", postcode="NF1 1AA")
    _ways(caller, ["phone"], phone="07700 900222")
    _ways(nothing, ["letter"], address="", email="", phone="")
    _ways(fallback, ["letter", "email"], address="")
    people = {
        "email": emailer,
        "text": texter,
        "letter": writer,
        "phone": caller,
        "nothing": nothing,
        "fallback": fallback,
    }
    bookings = {name: book(activity, m, B.CONFIRMED) for name, m in people.items()}
    return activity, people, bookings


def _reminder(booking) -> Reminder:
    return Reminder.objects.get(booking=booking, recipient="member")


def test_default_slots_are_3_days_and_1_day(soon):
    activity, _, _ = soon
    assert activity.reminder_hours == [72, 24]
    assert [slot_label(h) for h in (72, 24, 6)] == ["3d", "1d", "6h"]


def test_each_member_is_reminded_their_own_way(soon, texts):
    activity, people, bookings = soon
    counts = reminders_send()
    assert counts == {"queued": 3, "letter_ready": 1, "to_call": 2, "failed": 0}
    # The run only writes: the emails and the text wait in the outbox for the worker.
    assert (mail.outbox, texts) == ([], [])
    queued = {name: _reminder(bookings[name]) for name in ("email", "text", "fallback")}
    for name, reminder in queued.items():
        message = reminder.outbox_message
        assert reminder.status == R.QUEUED and reminder.get_status_display() == "On its way"
        assert (message.kind, message.member, message.recipient) == (
            "reminder",
            people[name],
            "member",
        )
        assert (message.status, message.way, message.body) == (
            M.QUEUED,
            reminder.way,
            reminder.message,
        )
        assert message.key == f"reminder:{bookings[name].pk}:3d:member"
    assert queued["text"].outbox_message.to == "+447700900111"
    # Letters and calls stay on the activity's own lists, not in the outbox.
    assert Message.objects.count() == 3
    for name in ("letter", "phone", "nothing"):
        assert _reminder(bookings[name]).outbox_message is None

    assert _send_all() == {"sent": 3, "waiting": 0, "failed": 0, "restarted": 0}
    emails = {m.to[0]: m for m in mail.outbox}
    assert set(emails) == {people["email"].email, people["fallback"].email}
    body = emails[people["email"].email].body
    assert "This is a reminder. You are booked for Bowling." in body
    assert "The picture shows a bowling ball and pins." in body
    assert "Bring £7 for the day." in body
    assert "Where: The bowling alley." in body
    assert "Cannot come? Please call us on 020 7946 0000." in body
    day = f"{activity.starts_at:%A}"
    assert f"When: {day}" in body
    assert emails[people["email"].email].subject.startswith("Reminder: Bowling on ")

    assert texts == [("+447700900111", _reminder(bookings["text"]).message)]
    assert "Bring £7 for the day." in texts[0][1]
    assert {_reminder(bookings[name]).outbox_message.status for name in queued} == {M.SENT}

    assert _reminder(bookings["letter"]).status == R.LETTER_READY
    assert _reminder(bookings["phone"]).status == R.TO_CALL
    assert _reminder(bookings["phone"]).way == "phone"
    # No usable way at all: the organiser's call list, so nobody is missed.
    assert _reminder(bookings["nothing"]).way == "phone"
    assert _reminder(bookings["nothing"]).status == R.TO_CALL
    assert _reminder(bookings["fallback"]).way == "email"
    # The letter is in the "post" slot: written 5 working days ahead, in time for the post.
    slots = {(r.way == "letter", r.slot) for r in Reminder.objects.all()}
    assert slots == {(False, "3d"), (True, "post")}
    assert AuditEntry.objects.filter(action="reminder.queued").count() == 3
    assert _send_all()["sent"] == 0  # each is sent once


def test_a_way_needs_usable_details(soon):
    """The outbox's way_for decides: a landline cannot take a text, and a letter needs an
    address with a UK postcode."""
    activity, people, bookings = soon
    _ways(people["text"], ["text", "phone"], phone="020 7946 0123")
    _ways(people["letter"], ["letter", "email"], postcode="NOT A CODE")
    reminders_send()
    assert (_reminder(bookings["text"]).way, _reminder(bookings["text"]).status) == (
        "phone",
        R.TO_CALL,
    )
    assert _reminder(bookings["letter"]).way == "email"


def test_a_second_run_sends_nothing_twice(soon, texts):
    reminders_send()
    _send_all()
    sent, messages = len(mail.outbox), Message.objects.count()
    assert reminders_due() == []
    assert reminders_send() == {"queued": 0, "letter_ready": 0, "to_call": 0, "failed": 0}
    assert _send_all()["sent"] == 0
    assert len(mail.outbox) == sent
    assert Message.objects.count() == messages
    assert len(texts) == 1
    assert Reminder.objects.count() == 6


def test_a_run_working_from_an_old_list_writes_nothing_twice(soon):
    """Two runs at once: the second found the same reminders due before the first wrote
    them. It writes no row and no outbox message again."""
    from events.services.reminders import _write_booking

    due = reminders_due()
    reminders_send()
    rows, messages = Reminder.objects.count(), Message.objects.count()
    for item in due:
        assert _write_booking(item.booking.pk, item.slot, [item]) == []
    assert (Reminder.objects.count(), Message.objects.count()) == (rows, messages)


def test_the_database_refuses_a_second_reminder_for_a_slot(soon):
    _, _, bookings = soon
    reminders_send()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            booking=bookings["email"], slot="3d", way="email", status="sent", recipient="member"
        )


def test_the_next_slot_sends_again(soon):
    activity, _, _ = soon
    reminders_send()
    _send_all()
    first = len(mail.outbox)
    counts = reminders_send(activity.starts_at - dt.timedelta(hours=20))
    assert counts["queued"] == 3
    _send_all()
    assert len(mail.outbox) == first + 2
    # Everyone but the letter: it was written once, in time for the post.
    assert Reminder.objects.filter(slot="1d").count() == 5
    assert Reminder.objects.filter(slot="post").count() == 1


def test_a_late_booking_gets_only_the_nearest_reminder(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=2)
    (person,) = make_members(cast, 1)
    book(activity, person, B.CONFIRMED)
    reminders_send(activity.starts_at - dt.timedelta(hours=10))
    assert list(Reminder.objects.values_list("slot", flat=True)) == ["1d"]


def test_nothing_is_due_too_early_or_after_the_start(soon):
    activity, _, _ = soon
    too_early = reminders_due(activity.starts_at - dt.timedelta(hours=73))
    assert all(due.slot == "post" for due in too_early)  # only the letter, for the post
    assert reminders_due(post_due_from(activity.starts_at) - dt.timedelta(minutes=1)) == []
    assert reminders_due(activity.starts_at + dt.timedelta(minutes=1)) == []


def test_only_live_bookings_of_published_activities(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=2)
    draft = make_activity(cast.organiser, cast.member_row.branch, days=2, publish=False)
    a, b, c, d, e = make_members(cast, 5)
    book(activity, a, B.WAITING)
    book(activity, b, B.CANCELLED)
    offered = book(activity, c, B.OFFERED)
    awaiting = book(activity, d, B.AWAITING_PAYMENT)
    book(draft, e, B.CONFIRMED)
    reminders_send()
    _send_all()
    assert {r.booking for r in Reminder.objects.all()} == {offered, awaiting}
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "A place is free. Please say yes soon to keep it." in bodies[c.email]
    assert "The booking fee is not paid yet." in bodies[d.email]


def _with_fee(booking, status, fee_status, method) -> None:
    Booking.objects.filter(pk=booking.pk).update(
        status=status, fee_status=fee_status, fee_pence=500, payment_method=method
    )


def test_every_way_says_where_the_booking_fee_stands(soon, cast, client, texts):
    activity, people, bookings = soon
    F = Booking.FeeStatus
    PAID = "You paid the booking fee of £5 by card. You get it back when you come."
    for name in ("email", "text", "letter", "phone"):
        _with_fee(bookings[name], B.CONFIRMED, F.HELD, "card")
    _with_fee(bookings["fallback"], B.AWAITING_PAYMENT, F.AWAITING, "cash")
    reminders_send()
    _send_all()
    emails = {m.to[0]: m.body for m in mail.outbox}
    assert PAID in emails[people["email"].email]
    assert PAID in texts[0][1]
    # Not paid yet: what to pay, how and when, said once.
    unpaid = emails[people["fallback"].email]
    assert "The booking fee is not paid yet." in unpaid
    assert "Please pay the booking fee of £5 in cash." in unpaid
    assert unpaid.count("Please pay") == 1
    held = " ".join(emails[people["email"].email].split("\n"))
    assert [p.message for p in easy_read_problems(held)] == []
    client.force_login(cast.organiser)
    page = client.get(reverse("reminder-calls", args=[activity.pk])).content.decode()
    assert PAID in page
    with pdfplumber.open(io.BytesIO(reminder_letters_pdf(activity))) as pdf:
        assert len(pdf.pages) == 1  # the fee fits on the member's one page
        letter = " ".join(pdf.pages[0].extract_text().split())
    assert "Bring £7 for the day." in letter and PAID in letter


def test_free_on_the_day(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=1, cost_pence=0)
    (person,) = make_members(cast, 1)
    book(activity, person, B.CONFIRMED)
    reminders_send()
    _send_all()
    assert "It is free on the day." in mail.outbox[0].body


def test_supporters_who_want_copies_get_one_by_email(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=2)
    supporter_wants_copies(cast)
    booking = book(activity, cast.member_row, B.CONFIRMED)
    counts = reminders_send()
    assert counts["queued"] == 2
    _send_all()
    copy = next(m for m in mail.outbox if m.to == ["sue@example.org"])
    assert "This is a copy of May's reminder." in copy.body
    assert "May is booked for Bowling." in copy.body
    reminder = Reminder.objects.get(recipient=f"supporter:{cast.supporter.pk}")
    assert reminder.booking == booking and reminder.supporter == cast.supporter
    check_copy_sent(reminder, cast)
    assert reminders_send()["queued"] == 0
    assert _send_all()["sent"] == 0
    assert len(mail.outbox) == 2


def test_a_supporter_gets_an_email_copy_of_a_members_letter(cast):
    """The member's letter stays on the activity's letters to print (not in the outbox);
    the supporter's copy goes through the outbox by email."""
    activity = make_activity(cast.organiser, cast.member_row.branch, days=2)
    supporter_wants_copies(cast)
    _ways(cast.member_row, ["letter"], address="5 Mill Lane\nNorthfield", postcode="NF5 5EE")
    book(activity, cast.member_row, B.CONFIRMED)
    assert reminders_send() == {"queued": 1, "letter_ready": 1, "to_call": 0, "failed": 0}
    letter = Reminder.objects.get(recipient="member")
    assert (letter.way, letter.status, letter.outbox_message) == ("letter", R.LETTER_READY, None)
    (message,) = Message.objects.all()
    assert (message.recipient, message.to) == ("supporter", "sue@example.org")
    _send_all()
    assert [m.to for m in mail.outbox] == [["sue@example.org"]]
    assert "This is a copy of May's reminder." in mail.outbox[0].body


def test_supporters_without_copies_get_nothing(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=2)
    cast.supporter.email = "sue@example.org"
    cast.supporter.save()
    book(activity, cast.member_row, B.CONFIRMED)
    reminders_send()
    _send_all()
    assert [m.to for m in mail.outbox] == [[cast.member_row.email]]
    assert Message.objects.get().recipient == "member"


def test_a_mail_server_that_is_down_leaves_the_reminders_recorded(soon, texts):
    """The run never talks to the mail server: every reminder is recorded, and the emails
    wait in the outbox until the server answers again; each then goes once."""
    activity, people, bookings = soon
    with override_settings(EMAIL_BACKEND=BROKEN_EMAIL):
        assert reminders_send() == {"queued": 3, "letter_ready": 1, "to_call": 2, "failed": 0}
        assert _send_all() == {"sent": 1, "waiting": 2, "failed": 0, "restarted": 0}
    assert Reminder.objects.count() == 6
    assert len(texts) == 1  # the text went; the emails wait
    for name in ("email", "fallback"):
        reminder = _reminder(bookings[name])
        message = reminder.outbox_message
        assert reminder.status == R.QUEUED
        assert (message.status, message.attempts) == (M.QUEUED, 1)
        assert message.last_error == "The mail server is down."
        assert message.next_try_at > timezone.now()
    assert reminders_send()["queued"] == 0  # nothing is written again
    assert _send_all()["sent"] == 0  # not before its next try
    later = timezone.now() + dt.timedelta(minutes=2)
    assert send_due(now=later) == {"sent": 2, "waiting": 0, "failed": 0, "restarted": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["email"].email, people["fallback"].email]
    )
    assert _reminder(bookings["email"]).outbox_message.status == M.SENT
    assert send_due(now=later + dt.timedelta(hours=1))["sent"] == 0
    assert len(mail.outbox) == 2


def test_the_command_and_the_task(soon, capsys):
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert "3 emails and texts on their way; 1 letters to print; 2 phone calls to make" in out
    assert "0 failed" in out
    assert reminders_send_task.enqueue().return_value == {
        "queued": 0,
        "letter_ready": 0,
        "to_call": 0,
        "failed": 0,
    }
    call_command("send_reminders", "--queue")
    assert "Queued:" in capsys.readouterr().out


@override_settings(DEBUG=True)
def test_console_text_backend_prints_the_message():
    stream = io.StringIO()
    ConsoleTextBackend(stream).send(to="07700 900111", message="Hello May.")
    assert "Text to 07700 900111:\nHello May." in stream.getvalue()


# Letters -------------------------------------------------------------------------------


def test_letters_command_makes_one_tagged_easy_read_letter_each(soon, cast, tmp_path):
    activity, people, bookings = soon
    second = people["fallback"]
    _ways(second, ["letter"], address="2 Low Road\nNorthfield", postcode="NF2 2BB")
    reminders_send()
    out = tmp_path / "letters.pdf"
    call_command("reminder_letters", str(activity.pk), "--out", str(out))
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 2
        first = " ".join(pdf.pages[0].extract_text().split())
        assert "1 High Street" in first
        assert "This is a reminder. You are booked for Bowling." in first
        assert "Bring £7 for the day." in first
        assert "Please call Our Co-operative on 020 7946 0000." in first
        assert "2 Low Road" in pdf.pages[1].extract_text()
        sizes = {round(c["size"]) for page in pdf.pages for c in page.chars}
        assert min(sizes) >= 14
    with pikepdf.open(out) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked
    report = pdfua.validate(str(out))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert not report.skipped


def test_letters_command_with_nothing_to_print(cast, tmp_path):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=2)
    with pytest.raises(CommandError, match="There are no reminder letters to print for Bowling"):
        call_command("reminder_letters", str(activity.pk), "--out", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="There is no activity 999999"):
        call_command("reminder_letters", "999999", "--out", str(tmp_path / "x.pdf"))
    with pytest.raises(ValueError, match="no reminder letters"):
        reminder_letters_pdf(activity)


# The call list -------------------------------------------------------------------------


def test_call_list_shows_who_to_call_and_what_to_say(soon, cast, client):
    activity, people, bookings = soon
    reminders_send()
    client.force_login(cast.organiser)
    page = client.get(reverse("reminder-calls", args=[activity.pk])).content.decode()
    assert people["phone"].display_name in page
    assert "Call 07700 900222" in page
    assert "Reminder 3 days before the activity." in page
    assert "This is a reminder. You are booked for Bowling." in page
    assert "No phone number. Find another way to tell them." in page
    assert "1 member asked for a letter." in page
    assert people["email"].display_name not in page
    pdf = client.get(reverse("reminder-letters", args=[activity.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_ticking_called_and_no_answer(soon, cast, client):
    activity, people, bookings = soon
    reminders_send()
    reminder = _reminder(bookings["phone"])
    client.force_login(cast.organiser)
    url = reverse("reminder-call", args=[reminder.pk])
    page = client.post(url, {"outcome": "no_answer"}, follow=True).content.decode()
    assert "no answer. Try again later." in page
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (R.NO_ANSWER, 1)
    assert "No answer 1 time." in page
    page = client.post(url, {"outcome": "called"}, follow=True).content.decode()
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.called_by) == (R.CALLED, 2, cast.organiser)
    assert f"{people['phone'].display_name}: called by" in page
    client.post(url, {"outcome": "called"})
    reminder.refresh_from_db()
    assert reminder.attempts == 2  # ticking twice records once


def test_call_needs_an_outcome(soon, cast, client):
    activity, _, bookings = soon
    reminders_send()
    client.force_login(cast.organiser)
    url = reverse("reminder-call", args=[_reminder(bookings["phone"]).pk])
    page = client.post(url, {"outcome": "maybe"}, follow=True).content.decode()
    assert "Please press Called or No answer." in page
    assert _reminder(bookings["phone"]).status == R.TO_CALL


def test_only_phone_reminders_can_be_ticked(soon, cast, client):
    _, _, bookings = soon
    reminders_send()
    client.force_login(cast.organiser)
    email = _reminder(bookings["email"])
    assert (
        client.post(reverse("reminder-call", args=[email.pk]), {"outcome": "called"}).status_code
        == 404
    )
    from coop.errors import CoopError

    with pytest.raises(CoopError, match="not a phone call"):
        reminder_call_record(reminder=email, actor=cast.organiser, answered=True)


def test_cancelled_bookings_leave_the_call_list(soon, cast, client):
    activity, people, bookings = soon
    reminders_send()
    Booking.objects.filter(pk=bookings["phone"].pk).update(status=B.CANCELLED)
    client.force_login(cast.organiser)
    page = client.get(reverse("reminder-calls", args=[activity.pk])).content.decode()
    assert people["phone"].display_name not in page
    assert people["nothing"].display_name in page


def test_slot_words():
    assert Reminder(slot="3d").slot_words == "3 days before"
    assert Reminder(slot="1d").slot_words == "1 day before"
    assert Reminder(slot="6h").slot_words == "6 hours before"


def test_no_letters_yet_says_so(cast, client):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=2)
    client.force_login(cast.organiser)
    page = client.get(reverse("reminder-letters", args=[activity.pk]), follow=True)
    assert "There are no reminder letters to print yet." in page.content.decode()


@pytest.mark.parametrize(
    "role", ["member", "supporter", "board", "finance", "returning", "outsider"]
)
def test_call_pages_refuse_other_roles(soon, cast, client, role):
    activity, _, bookings = soon
    reminders_send()
    client.force_login(cast.by_role(role))
    reminder = _reminder(bookings["phone"])
    assert client.get(reverse("reminder-calls", args=[activity.pk])).status_code == 403
    assert client.get(reverse("reminder-letters", args=[activity.pk])).status_code == 403
    url = reverse("reminder-call", args=[reminder.pk])
    assert client.post(url, {"outcome": "called"}).status_code == 403
    assert _reminder(bookings["phone"]).status == R.TO_CALL


def test_call_pages_need_sign_in(soon, client):
    activity, _, _ = soon
    assert client.get(reverse("reminder-calls", args=[activity.pk])).status_code == 302


def test_the_reminder_words_are_easy_read(soon, cast):
    from events.services import reminder_words

    _, _, bookings = soon
    member_words = " ".join(reminder_words(bookings["email"]))
    copy_words = " ".join(reminder_words(bookings["email"], supporter=cast.supporter))
    assert [p.message for p in easy_read_problems(member_words)] == []
    assert [p.message for p in easy_read_problems(copy_words)] == []


def test_odd_reminder_hours_are_left_out(cast):
    from events.services.reminders import usable_hours

    assert usable_hours([72, "24", -1, 0, 24.5, 10_000, True, 6]) == [72, 6]
    assert usable_hours("72") == []
    activity = make_activity(cast.organiser, cast.member_row.branch, days=1)
    # Typed by hand in the admin: the services refuse such a list, the run must cope.
    Activity.objects.filter(pk=activity.pk).update(reminder_hours=["x", 48])
    (person,) = make_members(cast, 1)
    book(activity, person, B.CONFIRMED)
    reminders_send()
    assert list(Reminder.objects.values_list("slot", flat=True)) == ["2d"]


# -- letters in time for the post -------------------------------------------------------------
@pytest.mark.parametrize(
    ("starts", "due"),
    [
        # Saturday 14 March 2026, 2pm: Monday 9 March, 9am (5 working days before).
        (dt.datetime(2026, 3, 14, 14, 0), dt.datetime(2026, 3, 9, 9, 0)),
        # Wednesday 11 March, 10am: Wednesday 4 March, 9am.
        (dt.datetime(2026, 3, 11, 10, 0), dt.datetime(2026, 3, 4, 9, 0)),
        # Monday 16 March: Monday 9 March.
        (dt.datetime(2026, 3, 16, 18, 0), dt.datetime(2026, 3, 9, 9, 0)),
    ],
)
def test_a_reminder_letter_is_due_5_working_days_ahead_at_9am(starts, due):
    tz = timezone.get_current_timezone()
    assert post_due_from(starts.replace(tzinfo=tz)) == due.replace(tzinfo=tz)


def test_a_letter_reminder_is_written_in_the_post_slot_once_with_its_supporters_copy(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=10)
    _ways(cast.member_row, ["letter"], address="5 Mill Lane\nNorthfield", postcode="NF5 5EE")
    supporter_wants_copies(cast)
    emailer = _ways(make_members(cast, 1)[0], ["email"])
    book(activity, cast.member_row, B.CONFIRMED)
    book(activity, emailer, B.CONFIRMED)
    due = post_due_from(activity.starts_at)

    assert reminders_send(due - dt.timedelta(minutes=1))["letter_ready"] == 0
    assert reminders_send(due) == {"queued": 1, "letter_ready": 1, "to_call": 0, "failed": 0}
    letter = Reminder.objects.get(recipient="member")
    assert (letter.slot, letter.way, letter.status) == ("post", "letter", R.LETTER_READY)
    assert letter.slot_words == "by post, 5 working days before"
    copy = Reminder.objects.get(recipient__startswith="supporter:")
    assert (copy.slot, copy.way) == ("post", "email")
    assert letter.created_at <= activity.starts_at - dt.timedelta(days=5)
    # The hours slots later remind the emailer, never the letter again.
    for hours in (72, 24):
        reminders_send(activity.starts_at - dt.timedelta(hours=hours - 1))
    assert Reminder.objects.filter(booking__member=cast.member_row).count() == 2
    assert sorted(
        Reminder.objects.filter(booking__member=emailer).values_list("slot", flat=True)
    ) == ["1d", "3d"]


@override_settings(REMINDER_LETTER_WORKING_DAYS=10)
def test_the_working_days_ahead_are_a_setting(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=13)
    _ways(cast.member_row, ["letter"], address="5 Mill Lane\nNorthfield", postcode="NF5 5EE")
    book(activity, cast.member_row, B.CONFIRMED)
    # 10 working days before an activity's day is never less than 12 calendar days (for a
    # Saturday, the Monday 12 days before) at 9am, so more than 11 whole days ahead, on any
    # day the test runs; the default 5 would be a week at most.
    due = post_due_from(activity.starts_at)
    assert (activity.starts_at - due).days >= 11
    # Sent when it is due (on a Sunday that is tomorrow's 9am, not now).
    assert reminders_send(max(due, timezone.now()))["letter_ready"] == 1
