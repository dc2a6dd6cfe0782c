"""An address or number refused for good fails at once, with the reason in plain words;
a failure that may pass is still tried again. Against the real SMTP server (answering
550 for an address) and the fake text provider (answering 400 with Twilio's codes)."""

import smtplib

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from members.outbox import services as outbox
from members.outbox import work
from members.outbox.models import Message
from members.outbox.refusals import EMAIL_REFUSED, TEXT_REFUSALS, refusal
from members.outbox.sending import send_due
from members.outbox.services import Words, tell
from tests.outbox_helpers import active_member

pytestmark = pytest.mark.django_db

S = Message.Status
WORDS = Words("Your booking", ["Hello.", "You are booked for bowling."])


def fresh(message: Message) -> Message:
    return Message.objects.get(pk=message.pk)


def test_no_such_mailbox_fails_at_once_and_the_others_still_go(client, cast, smtp_server):
    gone = active_member(cast, "Nia", ["email"], email="gone@example.org")
    here = active_member(cast, "Tom", ["email"], email="tom@example.org")
    smtp_server.no_such_mailbox.add("gone@example.org")
    [refused] = tell(gone, "news", WORDS)
    [fine] = tell(here, "news", WORDS)

    assert send_due() == {"sent": 1, "waiting": 0, "failed": 1, "restarted": 0}
    refused = fresh(refused)
    assert (refused.status, refused.attempts, refused.next_try_at) == (S.FAILED, 1, None)
    assert work.plain_error(refused) == EMAIL_REFUSED
    assert "550" in work.server_said(refused) and "No such mailbox" in work.server_said(refused)
    assert fresh(fine).status == S.SENT and len(smtp_server.to("tom@example.org")) == 1
    assert send_due(now=timezone.now() + timezone.timedelta(days=1))["failed"] == 0  # left

    # The organiser sees why, puts the address right and tries again.
    client.force_login(cast.organiser)
    page = client.get(reverse("outbox")).content.decode()
    assert f"Why: {EMAIL_REFUSED}" in page and "Could not be sent (1)" in page
    assert reverse("member-contact-details", kwargs={"pk": gone.pk}) in page
    Member.objects.filter(pk=gone.pk).update(email="nia@example.org")
    outbox.message_retry(message=refused, actor=cast.organiser)
    assert send_due()["sent"] == 1 and len(smtp_server.to("nia@example.org")) == 1


@pytest.mark.parametrize("code", sorted(TEXT_REFUSALS))
def test_a_number_refused_for_good_fails_at_once_in_plain_words(client, cast, text_fake, code):
    tom = active_member(
        cast,
        "Tom",
        ["text", "letter"],
        phone="07700 900123",
        address="1 High Street\nBirmingham",
        postcode="B1 1AA",
    )
    text_fake.refused_numbers["+447700900123"] = code
    [message] = tell(tom, "news", WORDS)

    assert send_due()["failed"] == 1
    message = fresh(message)
    assert (message.status, message.attempts) == (S.FAILED, 1)
    assert work.plain_error(message) == TEXT_REFUSALS[code]
    assert text_fake.requests == 1 and text_fake.received == []
    client.force_login(cast.organiser)
    assert f"Why: {TEXT_REFUSALS[code]}" in client.get(reverse("outbox")).content.decode()

    # Another way: the member no longer wants texts; "Try again" makes it a letter.
    Member.objects.filter(pk=tom.pk).update(contact_preferences=["letter"])
    message = outbox.message_retry(message=message, actor=cast.organiser)
    assert (message.status, message.way) == (S.LETTER_READY, "letter")


def test_a_400_with_another_code_and_a_busy_server_are_tried_again(cast, smtp_server, text_fake):
    tom = active_member(cast, "Tom", ["text"], phone="07700 900123")
    nia = active_member(cast, "Nia", ["email"], email="nia@example.org")
    text_fake.refused_numbers["+447700900123"] = 21408  # not allowed to that region (yet)
    smtp_server.refusing = True  # 451 try again later
    [text] = tell(tom, "news", WORDS)
    [mail] = tell(nia, "news", WORDS)
    assert send_due() == {"sent": 0, "waiting": 2, "failed": 0, "restarted": 0}
    assert fresh(text).status == fresh(mail).status == S.QUEUED


@pytest.mark.parametrize(
    ("error", "refused"),
    [
        (smtplib.SMTPRecipientsRefused({"a@b.org": (550, b"No such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.org": (450, b"Mailbox busy")}), False),
        (smtplib.SMTPDataError(554, b"Message rejected"), True),
        (smtplib.SMTPDataError(451, b"Try later"), False),
        # Our own login or sender refused: the same for every message, not this address.
        (smtplib.SMTPSenderRefused(553, b"Sender not allowed", "us@coop.org"), False),
        (smtplib.SMTPAuthenticationError(535, b"Bad password"), False),
        (ConnectionRefusedError(111, "Connection refused"), False),
    ],
)
def test_which_smtp_errors_are_for_good(error, refused):
    assert (refusal(error) == EMAIL_REFUSED) is refused
