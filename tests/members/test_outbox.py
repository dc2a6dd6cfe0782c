"""The outbox against real servers on 127.0.0.1: an SMTP server (aiosmtpd) and a fake of
Twilio's Messages API, both of which can be stopped or told to fail."""

import datetime as dt
import io
import re
import threading
import time
from collections import Counter
from urllib.parse import urlparse

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from coop.errors import CoopError
from members import services
from members.models import Member, SupportLink
from members.outbox import sending
from members.outbox import services as outbox
from members.outbox.backends import ConsoleTextBackend
from members.outbox.models import Message
from members.outbox.sending import BACKOFF_MINUTES, send_due
from members.outbox.services import Words, tell, tell_user
from members.outbox.ways import letter_address, mobile_number, postcode_ok, way_for
from tests.conftest import TEXT_FROM
from tests.factories import UserFactory
from tests.outbox_helpers import active_member, ada_applies, add_supporter

pytestmark = pytest.mark.django_db

S = Message.Status
WORDS = Words("Your booking", ["Hello.", "You are booked for bowling."])
ADDRESS = "1 High Street\nNorthfield\nBirmingham"


def member(cast, ways, *, name="Nia", **details) -> Member:
    """An active member who chose `ways`, with the details given."""
    return active_member(cast, name, ways, **details)


def by_email(cast, name="Nia", address="nia@example.org") -> Member:
    return member(cast, ["email"], name=name, email=address)


def by_text(cast, name="Tom", phone="07700 900123") -> Member:
    return member(cast, ["text"], name=name, phone=phone)


def fresh(message: Message) -> Message:
    return Message.objects.get(pk=message.pk)


def database_text() -> str:
    """Every row of every table, as text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT t::text FROM "{table}" AS t')
            parts.extend(row[0] for row in cursor.fetchall())
    return "\n".join(parts)


# -- sending ---------------------------------------------------------------------------------
def test_due_messages_are_sent_once_by_email_and_by_text(cast, smtp_server, text_fake):
    nia, tom = by_email(cast), by_text(cast)
    [email] = tell(nia, "news", WORDS)
    [text] = tell(tom, "news", WORDS)
    assert (email.status, text.status) == (S.QUEUED, S.QUEUED)
    assert smtp_server.received == [] and text_fake.received == []  # nothing sent yet

    assert send_due() == {"sent": 2, "waiting": 0, "failed": 0, "restarted": 0}
    [mail] = smtp_server.received
    assert mail["To"] == "nia@example.org" and mail["Subject"] == "Your booking"
    assert "You are booked for bowling." in mail.get_content()
    [sms] = text_fake.received
    assert (sms.to, sms.from_, sms.account_sid) == (
        "+447700900123",
        TEXT_FROM,
        text_fake.account_sid,
    )
    assert sms.body == "Hello.\nYou are booked for bowling.\n"
    for message in (fresh(email), fresh(text)):
        assert message.status == S.SENT and message.attempts == 1
        assert message.sent_at is not None and message.last_error == "" and not message.next_try_at

    assert send_due()["sent"] == 0
    assert len(smtp_server.received) == 1 and len(text_fake.received) == 1
    assert text_fake.requests == 1


def test_a_stopped_mail_server_leaves_the_message_waiting_with_the_real_error(cast, smtp_server):
    [message] = tell(by_email(cast), "news", WORDS)
    smtp_server.stop()
    now = timezone.now()
    assert send_due(now=now) == {"sent": 0, "waiting": 1, "failed": 0, "restarted": 0}
    message = fresh(message)
    assert message.status == S.QUEUED and message.attempts == 1
    assert "Connection refused" in message.last_error
    assert message.next_try_at == now + dt.timedelta(minutes=BACKOFF_MINUTES[0])

    smtp_server.start()
    assert send_due(now=now + dt.timedelta(seconds=59))["sent"] == 0  # not due yet
    assert send_due(now=message.next_try_at)["sent"] == 1
    assert fresh(message).status == S.SENT and fresh(message).attempts == 2
    assert len(smtp_server.to("nia@example.org")) == 1


def test_a_mail_server_answering_try_again_later_leaves_the_message_waiting(cast, smtp_server):
    [message] = tell(by_email(cast), "news", WORDS)
    smtp_server.refusing = True
    send_due()
    message = fresh(message)
    assert message.status == S.QUEUED and "Try again later" in message.last_error
    assert smtp_server.received == []


def test_a_text_provider_answering_500_leaves_the_text_waiting(cast, text_fake):
    [message] = tell(by_text(cast), "news", WORDS)
    text_fake.failing = True
    now = timezone.now()
    assert send_due(now=now)["waiting"] == 1
    message = fresh(message)
    assert message.status == S.QUEUED and message.attempts == 1
    assert "500" in message.last_error and "Internal Server Error" in message.last_error
    assert message.next_try_at == now + dt.timedelta(minutes=1)
    assert text_fake.requests == 1 and text_fake.received == []


def test_a_stopped_text_provider_leaves_the_text_waiting(cast, text_fake):
    [message] = tell(by_text(cast), "news", WORDS)
    text_fake.stop()
    send_due()
    message = fresh(message)
    assert message.status == S.QUEUED
    assert "cannot be reached" in message.last_error and "Connection refused" in message.last_error


def test_a_way_that_keeps_failing_is_left_for_the_next_run_and_the_others_still_go(
    cast, smtp_server, text_fake
):
    emails = [tell(by_email(cast, address=f"e{i}@example.org"), "n", WORDS)[0] for i in range(6)]
    [text] = tell(by_text(cast), "news", WORDS)
    smtp_server.stop()
    now = timezone.now()
    assert send_due(now=now) == {
        "sent": 1,
        "waiting": sending.GIVE_UP_WAY_AFTER,
        "failed": 0,
        "restarted": 0,
    }
    assert fresh(text).status == S.SENT and len(text_fake.received) == 1
    tried = [fresh(m).attempts for m in emails]
    assert sorted(tried) == [0] * (6 - sending.GIVE_UP_WAY_AFTER) + [1] * sending.GIVE_UP_WAY_AFTER
    # Those not tried keep all their tries and are due at once; the next run sends them.
    smtp_server.start()
    assert send_due(now=now)["sent"] == 6 - sending.GIVE_UP_WAY_AFTER
    assert send_due(now=now + dt.timedelta(minutes=1))["sent"] == sending.GIVE_UP_WAY_AFTER
    assert Counter(m["To"] for m in smtp_server.received) == Counter(m.to for m in emails)


def test_after_the_last_try_it_could_not_be_sent_and_try_again_queues_it(cast, smtp_server):
    [message] = tell(by_email(cast), "news", WORDS)
    smtp_server.stop()
    now = timezone.now()
    waits = []
    for _ in range(len(BACKOFF_MINUTES)):
        send_due(now=now)
        message = fresh(message)
        assert message.status == S.QUEUED
        waits.append(round((message.next_try_at - now).total_seconds() / 60))
        now = message.next_try_at
    assert waits == list(BACKOFF_MINUTES)
    assert send_due(now=now) == {"sent": 0, "waiting": 0, "failed": 1, "restarted": 0}
    message = fresh(message)
    assert message.status == S.FAILED and message.attempts == len(BACKOFF_MINUTES) + 1
    assert message.next_try_at is None and "Connection refused" in message.last_error
    assert send_due(now=now + dt.timedelta(days=30))["waiting"] == 0  # left for an organiser

    smtp_server.start()
    message = outbox.message_retry(message=message, actor=cast.organiser)
    assert message.status == S.QUEUED and message.attempts == 0
    assert send_due()["sent"] == 1
    assert fresh(message).status == S.SENT and len(smtp_server.received) == 1
    with pytest.raises(CoopError, match="not waiting to be tried again"):
        outbox.message_retry(message=fresh(message), actor=cast.organiser)


def test_try_again_uses_the_members_way_as_it_is_now(cast, smtp_server):
    nia = member(cast, ["email"], name="Nia")  # no email address yet
    [message] = tell(nia, "news", WORDS)
    assert message.status == S.NO_WAY and message.way == ""
    with pytest.raises(CoopError, match="no way to reach Nia"):
        outbox.message_retry(message=message, actor=cast.organiser)
    Member.objects.filter(pk=nia.pk).update(email="nia@example.org")
    message = outbox.message_retry(message=message, actor=cast.organiser)
    assert (message.status, message.way, message.to) == (S.QUEUED, "email", "nia@example.org")
    send_due()
    assert len(smtp_server.to("nia@example.org")) == 1


def test_a_message_left_sending_past_the_timeout_is_tried_again(cast, smtp_server, settings):
    died, busy = (tell(by_email(cast, address=f"{n}@example.org"), "news", WORDS)[0] for n in "ab")
    now = timezone.now()
    timeout = dt.timedelta(minutes=settings.OUTBOX_SENDING_TIMEOUT_MINUTES)
    # Two workers took a message each: one died long ago, the other is still sending.
    Message.objects.filter(pk=died.pk).update(
        status=S.SENDING, attempts=1, next_try_at=now - timeout - dt.timedelta(minutes=1)
    )
    Message.objects.filter(pk=busy.pk).update(
        status=S.SENDING, attempts=1, next_try_at=now - timeout + dt.timedelta(minutes=1)
    )
    assert send_due(now=now) == {"sent": 1, "waiting": 0, "failed": 0, "restarted": 1}
    assert fresh(died).status == S.SENT and fresh(died).attempts == 2
    assert fresh(busy).status == S.SENDING
    assert [m["To"] for m in smtp_server.received] == ["a@example.org"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_every_message_exactly_once(
    cast, smtp_server, text_fake, settings
):
    # Nobody runs the queue: the messages wait for the two workers below.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    n = 40
    written = []
    with transaction.atomic():
        for i in range(n):
            written += tell(by_email(cast, address=f"e{i}@example.org"), "news", WORDS)
            written += tell(by_text(cast, phone=f"07700 900{i:03d}"), "news", WORDS)
    assert len(written) == 2 * n
    results, errors = [], []
    start = threading.Barrier(2)

    def worker() -> None:
        try:
            start.wait()
            results.append(send_due(limit=10 * n))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    began = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    took = time.monotonic() - began
    assert errors == []
    assert sum(r["sent"] for r in results) == 2 * n
    assert all(r["sent"] > 0 for r in results), results  # both workers did some
    assert Counter(m["To"] for m in smtp_server.received) == Counter(
        f"e{i}@example.org" for i in range(n)
    )
    assert Counter(t.to for t in text_fake.received) == Counter(
        f"+447700900{i:03d}" for i in range(n)
    )
    assert text_fake.requests == n
    assert set(Message.objects.values_list("status", flat=True)) == {S.SENT}
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}
    print(f"\n{2 * n} messages (SMTP and text fake) sent by 2 workers in {took:.2f}s")


def test_the_console_text_backend_refuses_without_debug(cast, settings):
    settings.TEXT_BACKEND = "members.outbox.backends.ConsoleTextBackend"
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured, match="DEBUG only"):
        ConsoleTextBackend()
    [message] = tell(by_text(cast), "news", WORDS)
    send_due()
    message = fresh(message)
    assert message.status == S.QUEUED and "DEBUG only" in message.last_error
    settings.DEBUG = True
    stream = io.StringIO()
    ConsoleTextBackend(stream=stream).send(to="+447700900123", message="Hello.")
    assert "Text to +447700900123:\nHello." in stream.getvalue()


def test_the_twilio_backend_without_its_settings_keeps_the_text_waiting(cast, settings):
    settings.TEXT_BACKEND = "members.outbox.backends.TwilioTextBackend"
    settings.TWILIO_ACCOUNT_SID = ""
    [message] = tell(by_text(cast), "news", WORDS)
    send_due()
    message = fresh(message)
    assert message.status == S.QUEUED and "Texts are not set up" in message.last_error


def test_a_wrong_twilio_token_keeps_the_text_waiting_with_the_providers_words(
    cast, text_fake, settings
):
    settings.TWILIO_AUTH_TOKEN = "wrong"
    [message] = tell(by_text(cast), "news", WORDS)
    send_due()
    assert "Authenticate" in fresh(message).last_error and text_fake.received == []


# -- ways ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "ways, details, expected",
    [
        (["email"], {"email": "a@example.org"}, ("email", "a@example.org")),
        (["text"], {"phone": "07700 900123"}, ("text", "+447700900123")),
        (["text"], {"phone": "+44 7700 900123"}, ("text", "+447700900123")),
        (["text"], {"phone": "0121 496 0000"}, None),  # a landline cannot take texts
        (["text", "phone"], {"phone": "0121 496 0000"}, ("phone", "0121 496 0000")),
        (["phone"], {"phone": "07700 900123"}, ("phone", "07700 900123")),
        (["phone"], {"phone": "12"}, None),
        (["letter"], {"address": ADDRESS, "postcode": "b15 2tt"}, ("letter", "B15 2TT")),
        (["letter"], {"address": ADDRESS, "postcode": "B152TT"}, ("letter", "B15 2TT")),
        (["letter"], {"address": ADDRESS, "postcode": "XX1 1ZZ9"}, None),
        (["letter"], {"address": ADDRESS, "postcode": ""}, None),
        (["letter"], {"address": "", "postcode": "B15 2TT"}, None),
        (["letter", "email"], {"postcode": "B15 2TT", "email": "a@example.org"}, ("email", None)),
        (["email", "text"], {"phone": "07700 900123"}, ("text", "+447700900123")),
        ([], {"phone": "07700 900123"}, ("text", "+447700900123")),  # chose none
        ([], {"email": "a@example.org", "phone": "07700 900123"}, ("email", None)),
        ([], {}, None),
    ],
)
def test_way_for(cast, ways, details, expected):
    reach = way_for(member(cast, ways, **details))
    if expected is None:
        assert reach is None
    else:
        way, to = expected
        assert reach is not None and reach[0] == way
        if way == "letter":
            assert reach[1].splitlines() == ["Nia Test", *ADDRESS.splitlines(), to]
        elif to is not None:
            assert reach[1] == to


def test_postcodes_and_mobiles():
    assert all(postcode_ok(p) for p in ["B15 2TT", "sw1a 1aa", "M1 1AE", "GIR 0AA", " b33 8th "])
    assert not any(postcode_ok(p) for p in ["", "12345", "QQ1 1AA", "B15 2T", "B15 2TTT"])
    assert mobile_number("07700 900123") == "+447700900123"
    assert mobile_number("020 7946 0000") is None and mobile_number("hello") is None


@pytest.mark.parametrize(
    "ways, details, status",
    [
        (["email"], {"email": "a@example.org"}, S.QUEUED),
        (["text"], {"phone": "07700 900123"}, S.QUEUED),
        (["phone"], {"phone": "0121 496 0000"}, S.TO_CALL),
        (["letter"], {"address": ADDRESS, "postcode": "B15 2TT"}, S.LETTER_READY),
        (["letter"], {"address": ADDRESS}, S.NO_WAY),  # flagged to organisers
    ],
)
def test_each_way_waits_in_its_place(cast, smtp_server, text_fake, ways, details, status):
    nia = member(cast, ways, **details)
    [message] = tell(nia, "news", WORDS)
    assert message.status == status and message.body == WORDS.body
    if status == S.LETTER_READY:
        assert message.to == letter_address(nia) and message.to.endswith("B15 2TT")
    send_due()
    sent = len(smtp_server.received) + len(text_fake.received)
    assert sent == (1 if status == S.QUEUED else 0)
    assert fresh(message).status == (S.SENT if status == S.QUEUED else status)


def test_calls_and_letters_are_recorded_by_organisers(cast):
    call = tell(member(cast, ["phone"], phone="0121 496 0000"), "news", WORDS)[0]
    letter = tell(
        member(cast, ["letter"], name="Lou", address=ADDRESS, postcode="B15 2TT"), "news", WORDS
    )[0]
    call = outbox.message_call_record(message=call, actor=cast.organiser, answered=False)
    assert call.status == S.NO_ANSWER and call.attempts == 1
    call = outbox.message_call_record(message=call, actor=cast.organiser, answered=True)
    assert call.status == S.CALLED and call.handled_by == cast.organiser
    assert outbox.message_printed(messages=[letter, call], actor=cast.organiser) == 1
    assert fresh(letter).status == S.PRINTED
    assert outbox.message_printed(messages=[letter], actor=cast.organiser) == 0


# -- supporters' copies ----------------------------------------------------------------------
def supporter_for(cast, nia: Member, *, wants_copies=True, email="sam@example.org"):
    return add_supporter(
        nia, f"sam-{email}", email, first_name="Sam", actor=cast.admin, wants_copies=wants_copies
    )


@pytest.mark.parametrize("ways", [["email"], ["text"], ["letter"], ["phone"], []])
def test_supporters_who_asked_get_a_copy_by_email_whatever_the_members_way(
    cast, smtp_server, text_fake, ways
):
    nia = member(
        cast,
        ways,
        email="nia@example.org" if ways == ["email"] else "",
        phone="07700 900123" if ways in (["text"], ["phone"]) else "",
        address=ADDRESS,
        postcode="B15 2TT" if ways == ["letter"] else "",
    )
    sam = supporter_for(cast, nia)
    supporter_for(cast, nia, wants_copies=False, email="no-copies@example.org")
    supporter_for(cast, nia, email="")  # no address to send a copy to

    def copy(supporter):
        return Words(f"A copy for you: {WORDS.subject}", [f"Hello {supporter.first_name}."])

    member_message, copy_message = tell(nia, "news", WORDS, copy_words=copy)
    assert member_message.recipient == "member" and member_message.body == WORDS.body
    assert copy_message.recipient == "supporter" and copy_message.user == sam
    assert (copy_message.way, copy_message.to, copy_message.status) == (
        "email",
        "sam@example.org",
        S.QUEUED,
    )
    send_due()
    [got] = smtp_server.to("sam@example.org")
    assert got["Subject"] == "A copy for you: Your booking" and "Hello Sam." in got.get_content()
    assert smtp_server.to("no-copies@example.org") == []
    assert fresh(copy_message).status == S.SENT


def test_a_withdrawn_or_unaccepted_supporter_gets_no_copy(cast):
    nia = by_email(cast)
    sam = supporter_for(cast, nia)
    link = SupportLink.objects.get(supporter=sam, member=nia)
    services.support_withdraw(link=link, actor=cast.admin)
    services.support_invite(
        member=nia,
        actor=cast.admin,
        first_name="Ivy",
        last_name="Invited",
        email="ivy@example.org",
        relationship="carer",
        wants_copies=True,
    )
    assert [m.recipient for m in tell(nia, "news", WORDS)] == ["member"]


def test_supporters_wanting_copies_of_several_members_in_two_queries(
    cast, django_assert_num_queries
):
    nia, tom, ola = (
        by_email(cast),
        by_email(cast, "Tom", "tom@example.org"),
        by_email(cast, "Ola", "ola@example.org"),
    )
    sam = supporter_for(cast, nia)
    kim = supporter_for(cast, nia, email="kim@example.org")
    supporter_for(cast, nia, email="")  # no address to send a copy to
    supporter_for(cast, tom, wants_copies=False, email="no-copies@example.org")
    both = SupportLink.objects.get(supporter=sam, member=nia)
    both.pk, both.member = None, ola  # Sam supports Ola too, the same way
    both.save()
    with django_assert_num_queries(2):  # the links, then their supporters
        copies = outbox.supporters_wanting_copies([ola.pk, nia.pk, tom.pk, nia.pk])
    assert copies == {nia.pk: sorted([sam, kim], key=lambda u: u.pk), ola.pk: [sam]}
    with django_assert_num_queries(1):  # nobody asked for copies: the links only
        assert outbox.supporters_wanting_copies([tom.pk]) == {}
    with django_assert_num_queries(0):
        assert outbox.supporters_wanting_copies([]) == {}


def test_a_message_with_a_key_is_written_once(cast, smtp_server):
    nia = by_email(cast)
    supporter_for(cast, nia)
    first = tell(nia, "news", WORDS, key="booking:1:booked")
    assert len(first) == 2
    assert tell(nia, "news", WORDS, key="booking:1:booked") == []
    assert Message.objects.filter(member=nia).count() == 2
    user = UserFactory(username="kay", email="kay@example.org")
    assert tell_user(user, "news", to=user.email, words=WORDS, key="k") is not None
    assert tell_user(user, "news", to=user.email, words=WORDS, key="k") is None
    send_due()
    assert len(smtp_server.to("nia@example.org")) == 1
    assert len(smtp_server.to("kay@example.org")) == 1


def test_a_message_is_written_in_the_callers_transaction(cast):
    nia = by_email(cast)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            tell(nia, "news", WORDS)
            raise RuntimeError("the change is rolled back")
    assert not Message.objects.exists()


# -- messages whose link is made when they are sent ------------------------------------------
def link_in(mail) -> str:
    return re.search(r"http\S+/signin/link/[^/\s]+/\S*", mail.get_content()).group(0)


def assert_kept_nowhere(message: Message, url: str) -> str:
    token = re.search(r"/signin/link/([^/\s]+)/", url).group(1)
    assert message.body == "" and message.subject == ""
    assert token not in str(message.data) and token not in message.to
    assert token not in database_text()
    return token


def signs_in(client, url, user, *, next_url=""):
    path = urlparse(url).path
    assert client.get(path).status_code == 200  # a button: opening the link spends nothing
    response = client.post(path, {"next": next_url} if next_url else {})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    return response


def test_a_signin_link_is_made_when_sent_kept_nowhere_and_works(client, cast, smtp_server):
    response = client.post(reverse("signin-link-request"), {"email": "maya@example.org"})
    assert response.url == reverse("signin-link-sent")
    message = Message.objects.get(kind="signin_link")
    # To the address typed: the member's own, which found the account.
    assert (message.user, message.to, message.status) == (cast.member, "maya@example.org", S.QUEUED)
    assert smtp_server.received == []  # written; the worker sends it
    send_due()
    [mail] = smtp_server.to("maya@example.org")
    assert mail["Subject"].startswith("Your link to sign in")
    url = link_in(mail)
    assert_kept_nowhere(fresh(message), url)
    signs_in(client, url, cast.member)


def test_a_welcome_on_approval_is_made_when_sent_kept_nowhere_and_works(client, cast, smtp_server):
    applicant = ada_applies(cast, contact_preferences=["email"])
    member_row = services.member_approve(member=applicant, actor=cast.organiser)
    message = Message.objects.get(kind="welcome_link")
    assert message.user == member_row.user and message.status == S.QUEUED
    send_due()
    [mail] = smtp_server.to("ada@example.org")
    assert mail["Subject"].startswith("Welcome to")
    url = link_in(mail)
    assert_kept_nowhere(fresh(message), url)
    signs_in(client, url, member_row.user)


def test_a_supporters_invitation_is_made_when_sent_kept_nowhere_and_works(
    client, cast, smtp_server
):
    link = services.support_invite(
        member=cast.member_row,
        actor=cast.member,
        first_name="Hal",
        last_name="Per",
        email="hal@example.org",
        relationship="carer",
    )
    message = Message.objects.get(kind="support_invitation")
    send_due()
    [mail] = smtp_server.to("hal@example.org")
    assert "asked you to help them" in mail["Subject"]
    url = link_in(mail)
    assert_kept_nowhere(fresh(message), url)
    next_url = urlparse(url).query.removeprefix("next=")
    response = signs_in(client, url, link.supporter, next_url=next_url)
    assert response.url == reverse("support-invitations")


# -- a server that takes the connection and never answers --------------------------------
@pytest.fixture
def silent_port():
    """A port that accepts connections (the kernel's backlog) and never says a word."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield sock.getsockname()[1]


def test_a_mail_server_that_never_answers_is_given_up_on_after_the_timeout(
    cast, smtp_server, settings, silent_port
):
    settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = silent_port, 1
    [message] = tell(by_email(cast), "news", WORDS)
    began = time.monotonic()
    assert send_due()["waiting"] == 1
    assert time.monotonic() - began < 5
    assert "timed out" in fresh(message).last_error


def test_a_text_provider_that_never_answers_is_given_up_on_after_the_timeout(
    cast, text_fake, settings, silent_port
):
    settings.TWILIO_API_BASE, settings.TEXT_TIMEOUT = f"http://127.0.0.1:{silent_port}", 1
    [message] = tell(by_text(cast), "news", WORDS)
    began = time.monotonic()
    assert send_due()["waiting"] == 1
    assert time.monotonic() - began < 5
    assert "timed out" in fresh(message).last_error.lower()


def test_a_slow_worker_whose_message_was_sent_by_another_stops_quietly(cast, smtp_server):
    """A worker took a message so long ago that another put it back and sent it: when
    the slow one gets to the end, it changes nothing and its run goes on."""
    [message] = tell(by_email(cast), "news", WORDS)
    taken = sending._take_one(timezone.now(), set())  # the slow worker takes it...
    assert taken.status == S.SENDING and taken.next_try_at <= timezone.now()
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Message.objects.filter(pk=message.pk).update(next_try_at=long_ago)
    assert send_due()["sent"] == 1  # ...another worker puts it back and sends it
    # The slow worker's failure (or success) now finds it sent: nothing changes.
    assert sending._after_failure(taken, OSError("late"), timezone.now()).pk == message.pk
    assert sending._still_mine(taken) is None
    assert fresh(message).status == S.SENT and len(smtp_server.received) == 1


def test_try_again_after_failing_by_email_can_become_a_letter(cast, smtp_server):
    nia = member(
        cast,
        ["email", "letter"],
        email="nia@example.org",
        address="1 High Street\nNorthfield",
        postcode="N1 2AB",
    )
    [message] = tell(nia, "news", WORDS)
    Message.objects.filter(pk=message.pk).update(status=S.FAILED, last_error="550 no such user")
    Member.objects.filter(pk=nia.pk).update(email="")  # the address bounced: taken off
    message = outbox.message_retry(message=fresh(message), actor=cast.organiser)
    assert (message.status, message.way) == (S.LETTER_READY, "letter")
    assert "N1 2AB" in message.to


def test_erasure_removes_messages_still_waiting_and_blanks_the_rest(cast, smtp_server):
    nia = by_email(cast)
    [sent] = tell(nia, "news", WORDS, key="one")
    send_due()
    [waiting] = tell(nia, "news", Words("Later", ["Hello Nia.", "Your words."]), key="two")
    Message.objects.filter(pk=sent.pk).update(last_error="nia@example.org refused once")
    services.member_erase(member=nia, actor=cast.admin, reason="Asked by letter, 1 May")
    assert not Message.objects.filter(pk=waiting.pk).exists()
    kept = fresh(sent)
    assert kept.status == S.SENT and "nia" not in f"{kept.to} {kept.body} {kept.last_error}"


def test_the_console_text_backend_stops_the_server_without_debug(settings):
    from members.checks import console_texts_only_with_debug

    settings.DEBUG = False
    settings.TEXT_BACKEND = "members.outbox.backends.ConsoleTextBackend"
    assert [e.id for e in console_texts_only_with_debug(None)] == ["members.E001"]
    settings.TEXT_BACKEND = "members.outbox.backends.TwilioTextBackend"
    assert console_texts_only_with_debug(None) == []
