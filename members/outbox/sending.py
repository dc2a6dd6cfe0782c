"""Sending what is due: the worker takes one due message at a time with a row lock that
other workers skip (`SKIP LOCKED`), marks it "being sent" and commits, then talks to the
mail server or the text provider outside any transaction, then marks it sent — or waits
and tries again (after 1, 5, 15, 60 and 240 minutes), and after the last try marks it
"could not be sent" for an organiser to see, with "try again". An address or number
refused for good (an SMTP 5xx such as 550 no such mailbox; a text provider's "not a
mobile", "unsubscribed") "could not be sent" at once, with the reason in plain words
(`refusals.py`). After GIVE_UP_WAY_AFTER failures in a row by one way, a run leaves that
way's other messages for the next run. Two workers never send the same message. A worker
that dies while sending leaves the message "being sent": after
OUTBOX_SENDING_TIMEOUT_MINUTES it is tried again (so it may, rarely, arrive twice).
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from coop.errors import CoopError
from members.models import ContactWay
from members.outbox.backends import send_text
from members.outbox.models import Message
from members.outbox.refusals import refusal
from members.outbox.services import move_message, words_when_sent

__all__ = ["BACKOFF_MINUTES", "GIVE_UP_WAY_AFTER", "send_due"]

log = logging.getLogger(__name__)

MessageStatus = Message.Status
# Minutes to wait before each next try; after the last, the message "could not be sent".
BACKOFF_MINUTES = (1, 5, 15, 60, 240)
# After this many failures in a row of one way (the mail server or the text provider is
# down, or hangs until its timeout), a run of the worker leaves that way's other messages
# for its next run: they keep their tries, and the worker is not held up for long.
GIVE_UP_WAY_AFTER = 3


def _deliver(message: Message) -> None:
    """Send one message now. Raises whatever the mail server or text provider raises."""
    attachments: tuple[tuple[str, bytes, str], ...] = ()
    words = words_when_sent(message)
    if words is not None:
        subject, body, attachments = words.subject, words.body, words.attachments
    else:
        subject, body = message.subject, message.body
    if message.way == ContactWay.EMAIL:
        EmailMultiAlternatives(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            attachments=list(attachments),
        ).send()
    elif message.way == ContactWay.TEXT:
        send_text(to=message.to, message=body)
    else:
        raise CoopError(f"A {message.way} is not sent by the worker.")


def _take_one(now: dt.datetime, skip_ways: set[str]) -> Message | None:
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(status=MessageStatus.QUEUED, next_try_at__lte=now)
            .exclude(way__in=skip_ways)
            .order_by("next_try_at", "id")
            .first()
        )
        if message is None:
            return None
        # next_try_at becomes the time it was taken (the clock's, not the run's start: a
        # long run must not look like a worker that died to the next worker).
        taken = max(now, timezone.now())
        return move_message(
            message, MessageStatus.SENDING, attempts=message.attempts + 1, next_try_at=taken
        )


def _stale_back_to_queue(now: dt.datetime) -> int:
    """Messages left "being sent" by a worker that died are queued again."""
    stale = now - dt.timedelta(minutes=settings.OUTBOX_SENDING_TIMEOUT_MINUTES)
    count = 0
    with transaction.atomic():
        for message in Message.objects.select_for_update(skip_locked=True).filter(
            status=MessageStatus.SENDING, next_try_at__lt=stale
        ):
            move_message(
                message,
                MessageStatus.QUEUED,
                last_error="The sender stopped part way: trying again.",
            )
            count += 1
    return count


def _still_mine(message: Message) -> Message | None:
    """The message re-read under its lock, or None when it is no longer "being sent" (a
    worker that took it too long ago had it put back, and another sent it)."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != MessageStatus.SENDING:
        log.warning("Message %s was %s by the time it was sent here", message.pk, message.status)
        return None
    return message


def _after_failure(message: Message, error: Exception, now: dt.datetime) -> Message:
    with transaction.atomic():
        current = _still_mine(message)
        if current is None:
            return message
        message = current
        reason = str(error) or type(error).__name__
        refused = refusal(error)
        if refused is not None:  # refused for good: trying again would only fail again
            said = f"{refused} ({reason})"[:500]
            return move_message(message, MessageStatus.FAILED, last_error=said, next_try_at=None)
        reason = reason[:500]
        if message.attempts >= len(BACKOFF_MINUTES) + 1:
            return move_message(message, MessageStatus.FAILED, last_error=reason, next_try_at=None)
        wait = dt.timedelta(minutes=BACKOFF_MINUTES[message.attempts - 1])
        return move_message(
            message, MessageStatus.QUEUED, last_error=reason, next_try_at=now + wait
        )


def send_due(*, now: dt.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send the messages that are due, at most `limit`. Safe to run in several workers at
    once. Returns how many were sent, will be tried again, and could not be sent."""
    now = now or timezone.now()
    counts = {"sent": 0, "waiting": 0, "failed": 0, "restarted": _stale_back_to_queue(now)}
    failures_in_a_row: dict[str, int] = {}
    skip_ways: set[str] = set()  # down for this run: their messages wait for the next
    for _ in range(limit):
        message = _take_one(now, skip_ways)
        if message is None:
            break
        try:
            _deliver(message)
        except Exception as error:  # any failure of an outside service: try again later
            log.warning("Message %s not sent: %s", message.pk, error)
            message = _after_failure(message, error, now)
            counts["failed" if message.status == MessageStatus.FAILED else "waiting"] += 1
            failures_in_a_row[message.way] = failures_in_a_row.get(message.way, 0) + 1
            if failures_in_a_row[message.way] >= GIVE_UP_WAY_AFTER:
                skip_ways.add(message.way)
            continue
        failures_in_a_row[message.way] = 0
        with transaction.atomic():
            current = _still_mine(message)
            if current is not None:
                move_message(
                    current,
                    MessageStatus.SENT,
                    sent_at=timezone.now(),
                    last_error="",
                    next_try_at=None,
                )
        counts["sent"] += 1
    return counts
