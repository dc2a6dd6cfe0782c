"""The "what is on" message: every active member hears about newly published activities
their own way (emails and texts through the outbox, which the worker sends), once a round,
nobody twice; supporters' copies; a mail server that is down; the organiser's call list and
one-page letters; the task queued on publishing."""

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

from coop.errors import CoopError
from coop.models import AuditEntry
from events import services
from events.letters import whats_on_letters_pdf
from events.models import Activity, Reminder, WhatsOnMessage, WhatsOnRound
from events.services import whats_on_call_record, whats_on_collect, whats_on_send
from members.models import Member
from members.outbox import backends
from members.outbox.models import Message
from members.outbox.sending import send_due
from tests.coop.test_documents import struct_elements
from tests.events.conftest import make_activity, make_members
from tests.outbox_helpers import check_copy_sent, supporter_wants_copies

R = Reminder.Status
M = Message.Status
LOCMEM_TEXT = "members.outbox.backends.LocmemTextBackend"
BROKEN_EMAIL = "tests.events.after_helpers.BrokenEmailBackend"
NOT_ORGANISERS = ["member", "supporter", "board", "finance", "returning", "outsider"]


@pytest.fixture(autouse=True)
def texts():
    backends.outbox.clear()
    with override_settings(TEXT_BACKEND=LOCMEM_TEXT):
        yield backends.outbox
    backends.outbox.clear()


def _ways(member: Member, prefs: list[str], **details) -> Member:
    Member.objects.filter(pk=member.pk).update(contact_preferences=prefs, **details)
    member.refresh_from_db()
    return member


@pytest.fixture
def people(cast):
    """A member for each way (and one whose chosen way has no details, one who falls back),
    besides May from the cast (email first)."""
    emailer, texter, writer, caller, nothing, fallback = make_members(cast, 6)
    _ways(texter, ["text", "email"], phone="07700 900111")
    _ways(writer, ["letter"], address="1 High Street\nNorthfield", postcode="NF1 1AA")
    _ways(caller, ["phone"], phone="07700 900222")
    _ways(nothing, ["letter"], address="", email="", phone="")
    _ways(fallback, ["letter", "email"], address="")
    return {
        "may": cast.member_row,
        "email": emailer,
        "text": texter,
        "letter": writer,
        "phone": caller,
        "nothing": nothing,
        "fallback": fallback,
    }


def _two_published(cast) -> tuple[Activity, Activity]:
    branch = cast.member_row.branch
    bowling = make_activity(cast.organiser, branch, days=10, cost_pence=700, fee_pence=500)
    park = make_activity(
        cast.organiser, branch, days=12, title="Park walk", cost_pence=0, fee_pence=0
    )
    return bowling, park


def _message(member: Member) -> WhatsOnMessage:
    return WhatsOnMessage.objects.get(member=member, recipient="member")


def _send_all() -> dict[str, int]:
    """What the task worker does: send every message that is due."""
    return send_due()


def test_each_member_hears_their_own_way_in_one_message(people, cast, texts):
    bowling, park = _two_published(cast)
    counts = whats_on_send()
    assert counts == {"queued": 4, "letter_ready": 1, "to_call": 2, "failed": 0, "rounds": 1}
    # The run only writes: the emails and the text wait in the outbox for the worker.
    assert (mail.outbox, texts) == ([], [])
    for name in ("may", "email", "text", "fallback"):
        row = _message(people[name])
        message = row.outbox_message
        assert (row.status, message.status, message.kind) == (R.QUEUED, M.QUEUED, "whats_on")
        assert (message.member, message.recipient, message.way) == (people[name], "member", row.way)
        assert message.body == row.message
        assert message.key == f"whats_on:{row.round_id}:{people[name].pk}:member"
    # Letters and calls stay on the organiser's own lists, not in the outbox.
    assert Message.objects.count() == 4
    assert _send_all() == {"sent": 4, "waiting": 0, "failed": 0, "restarted": 0}
    assert {name: _message(m).way for name, m in people.items()} == {
        "may": "email",
        "email": "email",
        "text": "text",
        "letter": "letter",
        "phone": "phone",
        "nothing": "phone",  # no way has its details: the organiser finds one
        "fallback": "email",
    }
    assert _message(people["letter"]).status == R.LETTER_READY
    assert _message(people["phone"]).status == R.TO_CALL
    # One message each, listing both activities: not one per activity.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.member_row.email, people["email"].email, people["fallback"].email]
    )
    body = next(m.body for m in mail.outbox if m.to == [people["email"].email])
    assert mail.outbox[0].subject == "New activities you can book"
    assert "Hello M0." in body
    assert "Bowling." in body and "Park walk." in body
    assert "It costs £7 on the day." in body
    assert "You pay £5 to book. You get it back when you come." in body
    assert "It is free on the day." in body
    assert f"Where: {bowling.meeting_point}." in body
    assert texts == [("+447700900111", _message(people["text"]).message)]
    # The text says each fee and what brings it back, and that the walk is free.
    assert "You pay £5 to book. You get it back when you come." in texts[0][1]
    assert "It is free on the day." in texts[0][1]
    assert _send_all()["sent"] == 0
    round = WhatsOnRound.objects.get()
    assert round.completed_at is not None
    assert set(round.activities.all()) == {bowling, park}
    assert AuditEntry.objects.filter(action="whats_on.completed").count() == 1


def test_a_second_run_sends_nothing_twice(people, cast, texts):
    _two_published(cast)
    whats_on_send()
    _send_all()
    sent, rows, messages = len(mail.outbox), WhatsOnMessage.objects.count(), Message.objects.count()
    assert whats_on_send() == {
        "queued": 0,
        "letter_ready": 0,
        "to_call": 0,
        "failed": 0,
        "rounds": 0,
    }
    assert _send_all()["sent"] == 0
    assert (len(mail.outbox), WhatsOnMessage.objects.count(), len(texts)) == (sent, rows, 1)
    assert Message.objects.count() == messages
    assert whats_on_collect() is None


def test_a_newly_published_activity_is_announced_alone(people, cast):
    bowling, park = _two_published(cast)
    whats_on_send()
    _send_all()
    mail.outbox.clear()
    seaside = make_activity(cast.organiser, cast.member_row.branch, days=20, title="Seaside")
    whats_on_send()
    _send_all()
    assert WhatsOnRound.objects.count() == 2
    assert list(WhatsOnRound.objects.first().activities.all()) == [seaside]
    body = next(m.body for m in mail.outbox if m.to == [people["email"].email])
    assert "Seaside." in body
    assert "Bowling." not in body and "Park walk." not in body


def test_drafts_past_and_cancelled_activities_are_not_announced(people, cast):
    branch = cast.member_row.branch
    make_activity(cast.organiser, branch, days=10, title="Draft trip", publish=False)
    gone = make_activity(cast.organiser, branch, days=10, title="Gone trip")
    services.activity_cancel(activity=gone, actor=cast.organiser, reason="The bus broke.")
    starts = timezone.now() - dt.timedelta(days=2)
    make_activity(
        cast.organiser,
        branch,
        days=-2,
        title="Old trip",
        booking_opens_at=starts - dt.timedelta(days=9),
    )
    assert whats_on_send()["rounds"] == 0
    assert not WhatsOnMessage.objects.exists()


def test_an_activity_cancelled_before_sending_is_left_off(people, cast):
    bowling, park = _two_published(cast)
    round = whats_on_collect()
    services.activity_cancel(activity=park, actor=cast.organiser, reason="Rain.")
    whats_on_send()
    assert all(m.round == round for m in WhatsOnMessage.objects.all())
    body = _message(people["email"]).message
    assert "Bowling." in body and "Park walk." not in body


def test_only_active_members_hear(people, cast):
    Member.objects.filter(pk=people["email"].pk).update(status=Member.Status.LAPSED)
    _two_published(cast)
    whats_on_send()
    assert not WhatsOnMessage.objects.filter(member=people["email"]).exists()
    assert WhatsOnMessage.objects.filter(recipient="member").count() == 6


def test_supporters_who_asked_get_a_copy_once(people, cast):
    supporter_wants_copies(cast)
    _two_published(cast)
    whats_on_send()
    _send_all()
    copy = WhatsOnMessage.objects.get(recipient=f"supporter:{cast.supporter.pk}")
    assert (copy.member, copy.way, copy.status) == (cast.member_row, "email", R.QUEUED)
    assert "This is a copy of the message to May." in copy.message
    check_copy_sent(copy, cast)
    assert [m.to for m in mail.outbox].count(["sue@example.org"]) == 1
    whats_on_send()
    _send_all()
    assert [m.to for m in mail.outbox].count(["sue@example.org"]) == 1


def test_a_supporter_gets_an_email_copy_of_a_members_call(people, cast):
    """May's own message is a line on the call list (not in the outbox); her supporter's
    copy goes through the outbox by email."""
    supporter_wants_copies(cast)
    _ways(cast.member_row, ["phone"], phone="07700 900444")
    _two_published(cast)
    whats_on_send()
    line = _message(cast.member_row)
    assert (line.way, line.status, line.outbox_message) == ("phone", R.TO_CALL, None)
    assert not Message.objects.filter(member=cast.member_row, recipient="member").exists()
    copy = Message.objects.get(member=cast.member_row)
    assert (copy.recipient, copy.to, copy.way) == ("supporter", "sue@example.org", "email")
    _send_all()
    assert [m.to for m in mail.outbox].count(["sue@example.org"]) == 1


def test_a_mail_server_that_is_down_never_leaves_a_round_open(people, cast, texts):
    """The run never talks to the mail server: the round is written and done, and its
    emails wait in the outbox until the server answers again; each then goes once."""
    _two_published(cast)
    with override_settings(EMAIL_BACKEND=BROKEN_EMAIL):
        counts = whats_on_send()
        assert (counts["queued"], counts["failed"]) == (4, 0)
        assert _send_all() == {"sent": 1, "waiting": 3, "failed": 0, "restarted": 0}
    round = WhatsOnRound.objects.get()
    assert round.completed_at is not None
    assert WhatsOnMessage.objects.filter(recipient="member").count() == 7
    assert len(texts) == 1 and mail.outbox == []
    waiting = Message.objects.filter(way="email")
    assert {(m.status, m.attempts, m.last_error) for m in waiting} == {
        (M.QUEUED, 1, "The mail server is down.")
    }
    assert whats_on_send()["queued"] == 0  # nothing is written again
    later = timezone.now() + dt.timedelta(minutes=2)
    assert send_due(now=later) == {"sent": 3, "waiting": 0, "failed": 0, "restarted": 0}
    assert len(mail.outbox) == 3
    assert send_due(now=later + dt.timedelta(hours=1))["sent"] == 0
    assert len(mail.outbox) == 3


def test_a_run_working_from_an_old_list_writes_nothing_twice(people, cast):
    """Two runs at once: the second found the same members due before the first wrote
    their messages. It writes no row and no outbox message again."""
    from events.services.whats_on import _due, _write_member, whats_on_activities

    _two_published(cast)
    round = whats_on_collect()
    due = _due(round)
    whats_on_send()
    rows, messages = WhatsOnMessage.objects.count(), Message.objects.count()
    activities = whats_on_activities(round)
    for item in due:
        assert _write_member(round, activities, item.member, [item]) == []
    assert (WhatsOnMessage.objects.count(), Message.objects.count()) == (rows, messages)


def test_the_database_allows_one_message_per_member_a_round(people, cast):
    _two_published(cast)
    whats_on_send()
    existing = _message(people["email"])
    with pytest.raises(IntegrityError), transaction.atomic():
        WhatsOnMessage.objects.create(
            round=existing.round,
            member=existing.member,
            recipient="member",
            way="email",
            status=R.SENT,
        )


def test_publishing_queues_the_message_after_commit(
    people, cast, django_capture_on_commit_callbacks
):
    activity = make_activity(cast.organiser, cast.member_row.branch, days=9, publish=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.activity_publish(activity=activity, actor=cast.organiser)
    # Publishing queues the run; the run's emails and texts then wake the outbox worker.
    assert callbacks[0].__name__ == "whats_on_queue"
    assert {c.__name__ for c in callbacks[1:]} == {"_wake_worker"}
    # The test task backend runs the tasks at once.
    assert WhatsOnMessage.objects.filter(round__activities=activity).count() == 7
    assert len(mail.outbox) == 3
    assert set(Message.objects.values_list("status", flat=True)) == {M.SENT}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.activity_publish(activity=activity, actor=cast.organiser)
    assert callbacks == []  # publishing twice queues nothing more


def test_the_task_can_run_again_safely(people, cast):
    from events.tasks import whats_on_send_task

    _two_published(cast)
    first = whats_on_send_task.enqueue()
    second = whats_on_send_task.enqueue()
    assert first.return_value["queued"] == 4
    assert second.return_value["queued"] == 0
    assert Message.objects.count() == 4


def test_the_words_are_easy_read(people, cast):
    from coop.easyread import easy_read_problems
    from events.services import whats_on_words

    bowling, park = _two_published(cast)
    words = " ".join(w for w in whats_on_words([bowling, park], people["email"]) if w)
    copy = " ".join(
        w for w in whats_on_words([bowling], cast.member_row, supporter=cast.supporter) if w
    )
    # The website line is an address, not a sentence to read.
    words, copy = (text.split(" Or look on our website")[0] for text in (words, copy))
    assert [p.message for p in easy_read_problems(words)] == []
    assert [p.message for p in easy_read_problems(copy)] == []


# Calls ---------------------------------------------------------------------------------


def test_call_list_ticks_and_retries(people, cast, client):
    _two_published(cast)
    whats_on_send()
    line = _message(people["phone"])
    client.force_login(cast.organiser)
    page = client.get(reverse("whats-on")).content.decode()
    assert "To call (2)" in page
    assert people["phone"].display_name in page
    assert "Call 07700 900222" in page
    # What to say: each fee and what brings it back, in the activity page's words.
    assert "It costs £7 on the day." in page
    assert "You pay £5 to book. You get it back when you come." in page
    assert "It is free on the day." in page
    assert "No phone number. Find another way to tell them." in page  # "nothing"
    response = client.post(reverse("whats-on-call", args=[line.pk]), {"outcome": "no_answer"})
    assert response.url == reverse("whats-on")
    line.refresh_from_db()
    assert (line.status, line.attempts) == (R.NO_ANSWER, 1)
    page = client.get(reverse("whats-on")).content.decode()
    assert "No answer 1 time." in page and "To call (2)" in page
    client.post(reverse("whats-on-call", args=[line.pk]), {"outcome": "called"})
    client.post(reverse("whats-on-call", args=[line.pk]), {"outcome": "called"})
    line.refresh_from_db()
    assert (line.status, line.attempts, line.called_by) == (R.CALLED, 2, cast.organiser)
    assert AuditEntry.objects.filter(action="whats_on.called").count() == 1
    assert "To call (1)" in client.get(reverse("whats-on")).content.decode()


def test_a_call_needs_a_choice(people, cast, client):
    _two_published(cast)
    whats_on_send()
    line = _message(people["phone"])
    client.force_login(cast.organiser)
    page = client.post(
        reverse("whats-on-call", args=[line.pk]), {"outcome": "maybe"}, follow=True
    ).content.decode()
    assert "Please press Called or No answer." in page
    line.refresh_from_db()
    assert line.status == R.TO_CALL


def test_only_phone_lines_can_be_ticked(people, cast, client):
    _two_published(cast)
    whats_on_send()
    email = _message(people["email"])
    with pytest.raises(CoopError, match="This message is not a phone call."):
        whats_on_call_record(message=email, actor=cast.organiser, answered=True)
    client.force_login(cast.organiser)
    assert client.post(reverse("whats-on-call", args=[email.pk])).status_code == 404


@pytest.mark.parametrize("role", NOT_ORGANISERS)
def test_the_what_is_on_pages_are_for_organisers(people, cast, client, role):
    _two_published(cast)
    whats_on_send()
    round, line = WhatsOnRound.objects.get(), _message(people["phone"])
    client.force_login(cast.by_role(role))
    assert client.get(reverse("whats-on")).status_code == 403
    assert client.get(reverse("whats-on-letters", args=[round.pk])).status_code == 403
    response = client.post(reverse("whats-on-call", args=[line.pk]), {"outcome": "called"})
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.status == R.TO_CALL


def test_the_what_is_on_page_needs_sign_in(client):
    assert client.get(reverse("whats-on")).status_code == 302


# Letters -------------------------------------------------------------------------------


def test_letters_are_one_tagged_easy_read_page_each(people, cast, tmp_path):
    _ways(people["fallback"], ["letter"], address="2 Low Road\nNorthfield", postcode="NF2 2BB")
    branch = cast.member_row.branch
    for days, title in [(9, "Bowling"), (10, "Cinema"), (11, "Seaside"), (12, "Market")]:
        make_activity(cast.organiser, branch, days=days, title=title)
    whats_on_send()
    out = tmp_path / "what-is-on.pdf"
    call_command("whats_on_letters", "--out", str(out))
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 2  # one page a member, however many activities
        first = " ".join(pdf.pages[0].extract_text().split())
        assert "1 High Street" in first
        assert "What is on" in first
        assert "There are new activities you can book." in first
        # As many as fit on the page, soonest first; the rest are counted.
        assert "Bowling" in first and "Market" not in first
        shown = sum(title in first for title in ("Bowling", "Cinema", "Seaside"))
        more = 4 - shown
        assert f"There are {more} more activities." in first or (
            more == 1 and "There is 1 more activity." in first
        )
        assert "To book, call us on 020 7946 0000." in first
        assert "2 Low Road" in pdf.pages[1].extract_text()
        chars = [c for page in pdf.pages for c in page.chars]
        # The letter is 16pt and up; only the footer (page furniture) is smaller.
        for page in pdf.pages:
            small = [w for w in page.extract_words(extra_attrs=["size"]) if w["size"] < 15.5]
            assert all(w["top"] > page.height - 60 for w in small), small
        assert min(round(c["size"]) for c in chars) >= 14
        fonts = {c["fontname"].split("+")[-1] for c in chars}
        assert all("Sans" in f and "Italic" not in f and "Oblique" not in f for f in fonts)
    with pikepdf.open(out) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "en-GB"
    report = pdfua.validate(str(out))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert not report.skipped


def _first_page(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return " ".join(doc.pages[0].extract_text().split())


def _first_page_pictures(pdf: bytes) -> list[tuple[str, list[float]]]:
    """Each picture on the first page, in reading order: its text alternative and its box
    (left, bottom, right, top in points from the page's bottom left)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        first = document.pages[0].obj.objgen
        return [
            (str(element.Alt), [float(v) for v in element.A.BBox])
            for element in struct_elements(document)
            if element.get("/S") == "/Figure" and element.Pg.objgen == first
        ]


def _check_a_picture_beside_each(pdf: bytes, activities: list[Activity]) -> int:
    """The greeting's picture, then each activity's own picture on the left of its name,
    level with it, its words on the right; returns how many are on the first page."""
    pictures = _first_page_pictures(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        lines = page.extract_text_lines()
        shown = [a for a in activities if any(line["text"] == a.title for line in lines)]
        alts = [alt for alt, _ in pictures]
        assert alts == ["A group of people together", *[a.picture_alt for a in shown]]
        for activity, (_, box) in zip(shown, pictures[1:], strict=True):
            (title,) = [line for line in lines if line["text"] == activity.title]
            assert "Bold" in title["chars"][0]["fontname"]
            assert box[2] < title["x0"]
            assert page.height - box[3] == pytest.approx(title["top"], abs=8)
            words = [line for line in lines if title["top"] <= line["top"] < page.height - box[1]]
            assert all(line["x0"] > box[2] for line in words)
    return len(shown)


PICTURES = [
    ("Meal out", "events/pictures/meal.svg", "A plate with a knife and fork"),
    ("Bowling", "events/pictures/bowling.svg", "A bowling ball and pins"),
    ("Seaside", "events/pictures/seaside.svg", "The sea, the sun and a beach"),
    ("Park walk", "events/pictures/park.svg", "A tree in a park"),
]


def _four_with_their_pictures(cast, **money) -> list[Activity]:
    branch = cast.member_row.branch
    return [
        make_activity(
            cast.organiser, branch, days=days, title=title, picture=path, picture_alt=alt, **money
        )
        for days, (title, path, alt) in enumerate(PICTURES, start=9)
    ]


def test_a_letter_says_each_fee_beside_each_picture_and_lists_two_on_a_page(people, cast):
    activities = _four_with_their_pictures(cast, fee_pence=400)
    whats_on_send()
    pdf = whats_on_letters_pdf(WhatsOnRound.objects.get())
    first = _first_page(pdf)
    shown = _check_a_picture_beside_each(pdf, activities)
    assert shown >= 2, first
    assert first.count("It costs £7 on the day.") == shown
    assert first.count("You pay £4 to book. You get it back when you come.") == shown
    assert f"There are {4 - shown} more activities. Call us to hear about them." in first


def test_three_free_activities_fit_beside_their_pictures(people, cast):
    activities = _four_with_their_pictures(cast, fee_pence=0, cost_pence=0)
    whats_on_send()
    pdf = whats_on_letters_pdf(WhatsOnRound.objects.get())
    assert _check_a_picture_beside_each(pdf, activities) == 3
    first = _first_page(pdf)
    assert first.count("It is free on the day.") == 3
    assert "There is 1 more activity. Call us to hear about it." in first


def test_an_activity_whose_picture_is_gone_has_a_calendar_beside_it(people, cast):
    branch = cast.member_row.branch
    make_activity(cast.organiser, branch, title="Cinema", picture="events/pictures/gone.svg")
    whats_on_send()
    pdf = whats_on_letters_pdf(WhatsOnRound.objects.get())
    assert [alt for alt, _ in _first_page_pictures(pdf)] == [
        "A group of people together",
        "A calendar",
    ]


def test_a_letter_says_a_free_activity_is_free(people, cast):
    _two_published(cast)
    whats_on_send()
    first = _first_page(whats_on_letters_pdf(WhatsOnRound.objects.get()))
    assert "Bowling" in first and "Park walk" in first
    assert "It costs £7 on the day." in first
    assert "You pay £5 to book. You get it back when you come." in first
    assert "It is free on the day." in first


def test_letters_download_from_the_organiser_page(people, cast, client):
    _two_published(cast)
    whats_on_send()
    round = WhatsOnRound.objects.get()
    client.force_login(cast.organiser)
    page = client.get(reverse("whats-on")).content.decode()
    assert reverse("whats-on-letters", args=[round.pk]) in page
    assert "1 letter." in page
    response = client.get(reverse("whats-on-letters", args=[round.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_no_letters_to_print_is_explained(cast, client, tmp_path):
    make_activity(cast.organiser, cast.member_row.branch, days=9)
    whats_on_send()  # May chose email: nobody has a letter
    round = WhatsOnRound.objects.get()
    client.force_login(cast.organiser)
    page = client.get(reverse("whats-on-letters", args=[round.pk]), follow=True)
    assert "There are no letters to print for this message." in page.content.decode()
    with pytest.raises(ValueError):
        whats_on_letters_pdf(round)
    with pytest.raises(CommandError, match="There are no letters to print"):
        call_command("whats_on_letters", "--out", str(tmp_path / "x.pdf"))


def test_letters_command_before_any_message(db, tmp_path):
    with pytest.raises(CommandError, match="No message has gone yet"):
        call_command("whats_on_letters", "--out", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="There is no message 99"):
        call_command("whats_on_letters", "--round", "99", "--out", str(tmp_path / "x.pdf"))


def test_send_command_reports_and_can_repeat(people, cast, capsys):
    _two_published(cast)
    call_command("send_whats_on")
    out = capsys.readouterr().out
    assert "New messages: 1. 4 emails and texts on their way; 1 letters to print; 2 phone" in out
    call_command("send_whats_on")
    assert "New messages: 0. 0 emails and texts on their way;" in capsys.readouterr().out


def test_what_is_on_page_with_nothing_yet(cast, client):
    client.force_login(cast.organiser)
    page = client.get(reverse("whats-on")).content.decode()
    assert "No messages yet. Publish an activity to send one." in page
    assert "Nobody to call just now." in page
    assert reverse("whats-on") in client.get(reverse("organiser-activities")).content.decode()
