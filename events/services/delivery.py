"""Reaching a member their way: shared by reminders and the "what is on" message.

The member's first contact preference that has the details it needs is used, then the
next. An email or a text goes at once; a letter waits to be printed; a phone call becomes
a line on an organiser's call list, ticked "called" or "no answer" to try again later.
Supporters who asked to be told get a copy by email."""

from typing import TypeVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

from coop.audit import audit
from coop.errors import CoopError
from events.models import Reminder
from events.texting import send_text
from members.models import Member, SupportLink, User

__all__ = ["contact_way", "deliver", "record_call", "supporters_wanting_copies"]

R = Reminder.Status
W = Reminder.Way
Row = TypeVar("Row", bound=models.Model)


def contact_way(member: Member) -> tuple[str, str] | None:
    """The member's first chosen way we can use, and where to (an email, a number, an
    address). None when no chosen way has the details it needs."""
    for way in member.contact_preferences:
        if way == W.EMAIL and member.email:
            return W.EMAIL, member.email
        if way in (W.PHONE, W.TEXT) and member.phone.strip():
            return way, member.phone.strip()
        if way == W.LETTER and member.address.strip():
            return W.LETTER, member.address.strip()
    return None


def supporters_wanting_copies(member_ids) -> dict[int, list[User]]:
    """For each member, the supporters with an active link who asked for copies and have
    an email address to send them to."""
    copies: dict[int, list[User]] = {}
    for link in SupportLink.objects.filter(
        member_id__in=set(member_ids),
        wants_copies=True,
        accepted_at__isnull=False,
        withdrawn_at__isnull=True,
    ).select_related("supporter"):
        if link.supporter.email:
            copies.setdefault(link.member_id, []).append(link.supporter)
    return copies


def deliver(*, way: str, to: str, subject: str, message: str) -> str:
    """Send by email or text now; letters and calls wait for a person. Returns the status
    to record. Raises whatever the mail server or text sender raises (the caller's
    transaction then rolls back, so the next run tries again)."""
    if way == W.EMAIL:
        send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[to],
        )
        return R.SENT
    if way == W.TEXT:
        send_text(to=to, message=message)
        return R.SENT
    if way == W.LETTER:
        return R.LETTER_READY
    return R.TO_CALL


def record_call(row: Row, *, actor: User, answered: bool, action: str, what: str) -> Row:
    """The organiser phoned about a call-list line (a reminder or a "what is on" message):
    "called" takes it off the list; "no answer" keeps it there to try again later.
    Recording "called" twice records it once. Audited as `<action>.called` or
    `<action>.no_answer`. Raises CoopError when the line is not a phone call (`what`
    names the line in that message: "This reminder")."""
    with transaction.atomic():
        row = type(row).objects.select_for_update().get(pk=row.pk)
        if row.way != W.PHONE:
            raise CoopError(f"{what} is not a phone call.", code="not_a_call")
        if row.status == R.CALLED:
            return row
        row.status = R.CALLED if answered else R.NO_ANSWER
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
