"""Reaching a member their way: shared by reminders and the "what is on" message.

The way is decided in one place, the outbox's `way_for`. An email or a text is written
into the outbox in the caller's transaction, and the task worker sends it with retries (no
run here talks to a mail server or a text provider). A letter waits to be printed with the
activity's letters; a phone call becomes a line on an organiser's call list, ticked
"called" or "no answer" to try again later. Supporters who asked to be told get a copy by
email, through the outbox."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone

from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError
from events.models import Reminder
from members.models import Member, User
from members.outbox.models import Message
from members.outbox.services import Words, tell
from members.outbox.ways import way_for

__all__ = ["Told", "empty_counts", "record_call", "row_status", "tell_their_way", "write_rows"]

ReminderStatus = Reminder.Status
ReminderWay = Reminder.Way
Row = TypeVar("Row", bound=models.Model)
# The ways the outbox sends; letters and calls stay on the activity's own lists.
BY_OUTBOX = (ReminderWay.EMAIL, ReminderWay.TEXT)


def row_status(way: str) -> str:
    """The status a new reminder or "what is on" row starts with."""
    if way in BY_OUTBOX:
        return ReminderStatus.QUEUED
    return ReminderStatus.LETTER_READY if way == ReminderWay.LETTER else ReminderStatus.TO_CALL


def empty_counts() -> dict[str, int]:
    """A sending run's counts before it starts: each status row_status gives, and how many
    failed (tried again next run)."""
    return dict.fromkeys(
        (ReminderStatus.QUEUED, ReminderStatus.LETTER_READY, ReminderStatus.TO_CALL, "failed"), 0
    )


@dataclass(frozen=True)
class Told:
    way: str  # the member's way; a phone call when no way has its details
    to: str  # where to: an email, a number, an address, or "" (no way found)
    # The outbox messages by recipient ("member", "supporter:<user id>").
    messages: dict[str, Message]

    def row(self, recipient: str) -> dict:
        """The way, status and outbox message for the row of `recipient` (a supporter's
        copy goes by email)."""
        way = self.way if recipient == "member" else ReminderWay.EMAIL
        status = row_status(way)
        message = self.messages.get(recipient) if status == ReminderStatus.QUEUED else None
        return {"way": way, "status": status, "outbox_message": message}


def tell_their_way(
    member: Member,
    kind: str,
    words: Words,
    *,
    key: str,
    copy_words: Callable[[User], Words],
    with_member: bool = True,
    data: dict | None = None,
) -> Told:
    """Write the member's email or text (when `with_member` and that is their way) and
    each supporter's copy into the outbox, in the caller's transaction, once per `key`.
    Returns the member's way and every outbox message under `key`, new or not."""
    way, to = way_for(member) or (ReminderWay.PHONE, "")
    tell(
        member,
        kind,
        words,
        key=key,
        copy_words=copy_words,
        data=data,
        member_ways=BY_OUTBOX if with_member else (),
    )
    prefix = f"{key}:"
    messages = {
        m.key.removeprefix(prefix): m for m in Message.objects.filter(key__startswith=prefix)
    }
    return Told(way, to, messages)


def write_rows(
    model: type[Row],
    dues: Iterable,
    told: Told,
    words: Callable[[User | None], Words],
    *,
    action: str,
    data: Callable[[Row], dict],
    **fields,
) -> list[Row]:
    """One `model` row (a reminder or a "what is on" message) for each due recipient
    (with `recipient` and `supporter`), with `fields`, the words it says (`words(None)`
    for the member's own) and its way and status from `told`. Each row is audited as
    `<action>.<status>` with `data(row)`. Returns the rows."""
    rows = []
    for due in dues:
        row = model.objects.create(
            **fields,
            recipient=due.recipient,
            supporter=due.supporter,
            message=words(due.supporter).body,
            **told.row(due.recipient),
        )
        audit(actor=None, action=f"{action}.{row.status}", target=row, data=data(row))
        rows.append(row)
    return rows


def record_call(row: Row, *, actor: Actor, answered: bool, action: str, what: str) -> Row:
    """The organiser phoned about a call-list line (a reminder or a "what is on" message):
    "called" takes it off the list; "no answer" keeps it there to try again later.
    Recording "called" twice records it once. Audited as `<action>.called` or
    `<action>.no_answer`. Raises CoopError when the line is not a phone call (`what`
    names the line in that message: "This reminder")."""
    with transaction.atomic():
        row = type(row).objects.select_for_update().get(pk=row.pk)
        if row.way != ReminderWay.PHONE:
            raise CoopError(f"{what} is not a phone call.", code="not_a_call")
        if row.status == ReminderStatus.CALLED:
            return row
        row.status = ReminderStatus.CALLED if answered else ReminderStatus.NO_ANSWER
        row.attempts += 1
        row.called_by, row.called_at = actor, timezone.now()
        row.save(update_fields=["status", "attempts", "called_by", "called_at"])
        audit(
            actor=actor,
            action=f"{action}.called" if answered else f"{action}.no_answer",
            target=row,
            data={"attempts": row.attempts},
        )
    return row
