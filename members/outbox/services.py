"""Writing messages into the outbox, and what organisers do with the ones a person must
handle (try again, called, no answer, printed). A web request only writes rows; the task
worker sends them (`sending.py`)."""

import logging
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError
from coop.sql import insert
from coop.states import check_transition
from members.models import ContactWay, Member, User
from members.outbox.copies import supporters_wanting_copies
from members.outbox.models import Message
from members.outbox.tasks import outbox_send_task
from members.outbox.ways import Reach, way_for

__all__ = [
    "Words",
    "copy_of",
    "message_call_record",
    "message_printed",
    "message_retry",
    "move_message",
    "read_first",
    "ReadFirst",
    "register_words",
    "supporters_wanting_copies",
    "Telling",
    "tell",
    "tell_many",
    "tell_user",
    "words_when_sent",
]

log = logging.getLogger(__name__)

MessageStatus = Message.Status


@dataclass(frozen=True)
class Words:
    """A message's subject and its words in easy read, one short sentence a line; a
    supporter's copy has its own words, written to the supporter."""

    subject: str
    lines: list[str]
    # Files sent with an email, as (file name, content, MIME type); texts go without.
    attachments: tuple[tuple[str, bytes, str], ...] = ()

    @property
    def body(self) -> str:
        return "\n".join(self.lines) + "\n"


def copy_of(words: Words, supporter: User, member: Member) -> Words:
    """A supporter's copy of the member's `words`: what follows their "Hello" and the
    blank line after it, said to the supporter."""
    return Words(
        subject=f"A copy for you: {words.subject}",
        lines=[
            f"Hello {supporter.first_name or supporter.username},",
            "",
            f"This is a copy of what we told {member.called}:",
            "",
            *words.lines[2:],
        ],
    )


# Kinds whose words are made only when they are sent, from the message's data (a sign-in
# link is made then and kept nowhere): kind -> function(message) -> Words.
_MADE_WHEN_SENT: dict[str, Callable[[Message], Words]] = {}


def register_words(kind: str, make: Callable[[Message], Words]) -> None:
    _MADE_WHEN_SENT[kind] = make


def words_when_sent(message: Message) -> Words | None:
    """The words of a kind made only when it is sent (see register_words), or None."""
    make = _MADE_WHEN_SENT.get(message.kind)
    return make(message) if make is not None else None


def move_message(message: Message, status: str, /, *, actor: Actor = None, **changes) -> Message:
    """The one way a message changes status: checked against Message.TRANSITIONS, saved,
    and audited. (`status` is positional only: `to`, the address, can be a change.)"""
    before = message.status
    check_transition(Message.TRANSITIONS, before, status, what="message")
    message.status = status
    for field, value in changes.items():
        setattr(message, field, value)
    message.save(update_fields=["status", *changes])
    audit(
        actor=actor,
        action=f"message.{status}",
        target=message,
        data={"from": before, "kind": message.kind, "way": message.way},
    )
    return message


def _first_status(way: str | None) -> str:
    if way in (ContactWay.EMAIL, ContactWay.TEXT):
        return MessageStatus.QUEUED
    if way == ContactWay.LETTER:
        return MessageStatus.LETTER_READY
    if way == ContactWay.PHONE:
        return MessageStatus.TO_CALL
    return MessageStatus.NO_WAY


def _write(message: Message) -> Message | None:
    """Save a new message; None when one with its key exists already (told once)."""
    if message.status == MessageStatus.QUEUED:
        message.next_try_at = timezone.now()
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        if message.key and Message.objects.filter(key=message.key).exists():
            return None
        raise
    if message.status == MessageStatus.QUEUED:
        _wake_worker_on_commit()
    return message


def _wake_worker_on_commit() -> None:
    """Queue the worker once when this transaction commits, however many messages it
    writes (a cancelled activity tells everyone booked)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is _wake_worker for _, func, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_wake_worker)


def _wake_worker() -> None:
    try:
        outbox_send_task.enqueue()
    except Exception:  # the queue is down: the timer's send_outbox run sends it later
        log.exception("Could not queue the outbox worker")


@dataclass(frozen=True)
class Telling:
    """One member to tell, for `tell_many`: the words, and optionally a key (told once
    only), the words of a supporter's copy (`copy_words(supporter)`, else the member's
    words) and the message's data."""

    member: Member
    words: Words
    key: str | None = None
    copy_words: Callable[[User], Words] | None = None
    data: dict | None = None


@dataclass(frozen=True)
class ReadFirst:
    """What telling some members reads, read by a caller before it takes a row lock (a
    booking reads them before it locks its activity, which every booking of it waits on):
    each member's supporters who want a copy (supporters_wanting_copies()) and each
    member's way and where to (ways.way_for: reading a phone number costs 0.1 ms)."""

    copies: dict[int, list[User]]
    reaches: dict[int, Reach | None]

    def with_(self, more: "ReadFirst") -> "ReadFirst":
        """These reads and `more`'s together."""
        return ReadFirst({**self.copies, **more.copies}, {**self.reaches, **more.reaches})


def read_first(members: list[Member]) -> ReadFirst:
    """What tell_many would read for these members, read now (ReadFirst)."""
    return ReadFirst(
        copies=supporters_wanting_copies([m.pk for m in members]),
        reaches={m.pk: way_for(m) for m in members},
    )


def _messages_for(
    kind: str, telling: Telling, member_ways, copies: list[User], reach: Reach | None
) -> list[Message]:
    """The new (unsaved) messages for one member: theirs by their way (`reach`), and a
    copy by email for each supporter in `copies`."""
    member, words, key, data = telling.member, telling.words, telling.key, telling.data or {}
    way, to = reach or ("", "")
    messages = []
    if member_ways is None or way in member_ways:
        messages.append(
            Message(
                kind=kind,
                member=member,
                recipient=Message.Recipient.MEMBER,
                name=member.display_name,
                way=way,
                to=to,
                subject=words.subject,
                body=words.body,
                data=data,
                key=f"{key}:member" if key else None,
                status=_first_status(way),
            )
        )
    for supporter in copies:
        copy = telling.copy_words(supporter) if telling.copy_words else words
        messages.append(
            Message(
                kind=kind,
                member=member,
                recipient=Message.Recipient.SUPPORTER,
                user=supporter,
                name=supporter.get_full_name() or supporter.username,
                way=ContactWay.EMAIL,
                to=supporter.email,
                subject=copy.subject,
                body=copy.body,
                data=data,
                key=f"{key}:supporter:{supporter.pk}" if key else None,
                status=MessageStatus.QUEUED,
            )
        )
    return messages


def tell_many(
    kind: str,
    tellings: Iterable[Telling],
    *,
    member_ways: Container[str] | None = None,
    read: ReadFirst | None = None,
) -> list[Message]:
    """Tell many members something, each their way, in the caller's transaction, with a
    copy by email to each supporter who asked for copies — in a few queries however many
    there are (the supporters read at once, the messages written in bulk). A message whose
    key was written before is not written again. With `member_ways`, a member's own
    message is written only when their way is one of them (a caller that keeps its own
    letters and call list passes (EMAIL, TEXT)); the supporters' copies are written either
    way. `read`: read_first() of these members (their supporters wanting copies and their
    ways), by a caller that reads it before it takes a row lock; a member it leaves out is
    read here. Returns the messages written, in the order of `tellings`."""
    tellings = list(tellings)
    left_out = [t.member for t in tellings if read is None or t.member.pk not in read.reaches]
    if left_out:
        more = read_first(left_out)
        read = more if read is None else read.with_(more)
    new = [
        message
        for t in tellings
        for message in _messages_for(
            kind, t, member_ways, read.copies.get(t.member.pk, []), read.reaches[t.member.pk]
        )
    ]
    keys = [m.key for m in new if m.key]
    if keys:
        done = set(Message.objects.filter(key__in=keys).values_list("key", flat=True))
        new = [m for m in new if m.key not in done]
    if not new:
        return []
    now = timezone.now()
    for message in new:
        if message.status == MessageStatus.QUEUED:
            message.next_try_at = now
    if not keys:
        # Nothing keyed, so nothing to fall back on: no savepoint (two round trips, under
        # the caller's row lock when a booking tells its member), and one plain INSERT.
        insert(new)
        written = new
    else:
        try:
            with transaction.atomic():
                written = Message.objects.bulk_create(new)
        except IntegrityError:  # another transaction wrote some of the same keys meanwhile
            written = [m for m in (_write(message) for message in new) if m is not None]
    if any(m.status == MessageStatus.QUEUED for m in written):
        _wake_worker_on_commit()
    return written


def tell(
    member: Member,
    kind: str,
    words: Words,
    *,
    key: str | None = None,
    copy_words: Callable[[User], Words] | None = None,
    data: dict | None = None,
    member_ways: Container[str] | None = None,
    read: ReadFirst | None = None,
) -> list[Message]:
    """Tell one member something (see `tell_many`)."""
    return tell_many(
        kind, [Telling(member, words, key, copy_words, data)], member_ways=member_ways, read=read
    )


def tell_user(
    user: User,
    kind: str,
    *,
    to: str,
    words: Words | None = None,
    way: str = ContactWay.EMAIL,
    key: str | None = None,
    data: dict | None = None,
) -> Message | None:
    """A message to a person with an account at a given address (a sign-in link, an
    invitation to support someone). Without `words` the kind's registered words are made
    when it is sent."""
    if words is None and kind not in _MADE_WHEN_SENT:
        raise ValueError(f"no words for {kind}")
    return _write(
        Message(
            kind=kind,
            recipient=Message.Recipient.USER,
            user=user,
            name=user.get_full_name() or user.username,
            way=way,
            to=to,
            subject=words.subject if words else "",
            body=words.body if words else "",
            data=data or {},
            key=key,
            status=_first_status(way),
        )
    )


# -- what organisers do ---------------------------------------------------------------------
@transaction.atomic
def message_retry(*, message: Message, actor: Actor) -> Message:
    """An organiser asks for a message that could not be sent (or had no way) to be tried
    again now: its way is worked out afresh from the member's details."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status not in (MessageStatus.FAILED, MessageStatus.NO_WAY):
        raise CoopError("This message is not waiting to be tried again.")
    if message.recipient == Message.Recipient.MEMBER:
        reach = way_for(message.member)
        if reach is None:
            raise CoopError(
                f"We still have no way to reach {message.name}. Add their email, mobile, "
                "phone number or address first."
            )
        way, to = reach
    else:
        way, to = message.way, message.to
    message = move_message(
        message,
        _first_status(way),
        actor=actor,
        way=way,
        to=to,
        attempts=0,
        next_try_at=timezone.now() if _first_status(way) == MessageStatus.QUEUED else None,
    )
    if message.status == MessageStatus.QUEUED:
        _wake_worker_on_commit()
    return message


@transaction.atomic
def message_call_record(*, message: Message, actor: Actor, answered: bool) -> Message:
    """The organiser phoned: "called" takes it off the list; "no answer" keeps it there."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status == MessageStatus.CALLED:
        return message
    if message.status not in Message.CALLS_TO_MAKE:
        raise CoopError("This message is not a phone call.")
    return move_message(
        message,
        MessageStatus.CALLED if answered else MessageStatus.NO_ANSWER,
        actor=actor,
        attempts=message.attempts + 1,
        handled_by=actor,
        handled_at=timezone.now(),
    )


@transaction.atomic
def message_printed(*, messages: Iterable[Message], actor: Actor) -> int:
    """The letters were printed (and will be posted): they leave the list."""
    count = 0
    for message in Message.objects.select_for_update().filter(
        pk__in=[m.pk for m in messages], status=MessageStatus.LETTER_READY
    ):
        move_message(
            message, MessageStatus.PRINTED, actor=actor, handled_by=actor, handled_at=timezone.now()
        )
        count += 1
    return count
