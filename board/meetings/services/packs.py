"""Sending the meeting pack to each board member their way, a set number of days before
the meeting: an email with a link and the PDF attached or a text with the link (both
through the outbox, which the task worker sends with retries), a printed pack to post, or
a phone call on the call list. Supporters who asked for copies get the email too.

Each board member's version follows their access needs: large print if they need it, else
easy read if they need it, else standard. Papers go out once: the meeting moves to "papers
sent" in the same transaction as the delivery rows and their outbox messages, a delivery
row is unique per (meeting, member) and an outbox message per key
("meeting_pack:<meeting>:<member>:<recipient>"), so a repeated or concurrent run writes
nothing twice. Nothing here talks to a mail server or a text provider: the PDF is made
when the email is sent (see `pack_message_words`), from the papers as they were sent,
which no longer change.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from board.meetings.models import Meeting, PackDelivery
from board.meetings.papers.pack import pack_pdf
from board.meetings.permissions import can_manage_meetings
from board.meetings.services.papers import papers_refresh
from board.meetings.services.rules import meeting_locked, meeting_move
from board.terms.selectors import board_members_on
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.dates import easy_date, easy_time
from coop.errors import CoopError
from members.models import AccessNeed, Member, User
from members.outbox.models import Message
from members.outbox.services import Telling, Words, tell_many
from members.outbox.today import Work
from members.outbox.ways import way_for

__all__ = [
    "delivery_record",
    "packs_work_today",
    "pack_message_words",
    "pack_version_for",
    "packs_due",
    "packs_send_due",
    "papers_send",
    "send_refusal",
]

log = logging.getLogger(__name__)
KIND = "meeting_pack"
# The ways the outbox sends; printed packs and calls stay on the packs to-do page.
BY_OUTBOX = (PackDelivery.Way.EMAIL, PackDelivery.Way.TEXT)


def pack_version_for(member: Member) -> str:
    """The version of the pack a board member gets: large print, else easy read, if they
    need it; else standard."""
    needs = set(member.access_needs or [])
    if AccessNeed.LARGE_PRINT in needs:
        return "large-print"
    if AccessNeed.EASY_READ in needs:
        return "easy-read"
    return "standard"


def pack_words(meeting: Meeting, member: Member, *, supporter: User | None = None) -> Words:
    """What the email, the text and the phone call say, one short sentence a line."""
    name = member.called
    where = meeting.place or "on a video call"
    url = f"{settings.SITE_URL}{reverse('meeting-pack', args=[meeting.pk])}"
    if supporter:
        hello = [
            f"Hello {supporter.first_name or supporter}.",
            f"This is a copy of the message to {name}.",
        ]
    else:
        hello = [f"Hello {name}."]
    return Words(
        f"Board papers: {meeting.title}",
        [
            *hello,
            f"The papers for the board meeting are ready: {meeting.title}.",
            f"The meeting is on {easy_date(meeting.starts_at, with_year=True)} at "
            f"{easy_time(meeting.starts_at)}.",
            f"Where: {where}.",
            f"Read the papers here: {url}",
            f"Cannot come? Please call us on {settings.HELP_PHONE}.",
        ],
    )


def pack_message_words(message: Message) -> Words:
    """The outbox's words for a pack when it is sent: an email carries the board member's
    version of the pack as a PDF, made then from the papers as they were sent."""
    words = Words(message.subject, message.body.splitlines())
    if message.way != PackDelivery.Way.EMAIL:
        return words
    delivery = PackDelivery.objects.select_related("meeting").get(pk=message.data["delivery"])
    name = f"board-pack-{delivery.meeting_id}-{delivery.version}.pdf"
    pdf = pack_pdf(delivery.meeting, delivery.version)
    return Words(words.subject, words.lines, attachments=((name, pdf, "application/pdf"),))


def _status(way: str) -> str:
    if way in BY_OUTBOX:
        return PackDelivery.Status.QUEUED
    return {
        PackDelivery.Way.LETTER: PackDelivery.Status.TO_PRINT,
        PackDelivery.Way.PHONE: PackDelivery.Status.TO_CALL,
    }.get(way, PackDelivery.Status.FAILED)


def send_refusal(meeting: Meeting) -> str | None:
    """Why the papers for this meeting cannot be sent now, in plain words, or None."""
    if meeting.status == Meeting.Status.PLANNED:
        return None
    if meeting.status == Meeting.Status.PAPERS_SENT:
        return "The papers for this meeting have gone out already."
    return f"This meeting is {meeting.get_status_display().lower()}."


@transaction.atomic
def papers_send(
    *, meeting: Meeting, actor: Actor, now: dt.datetime | None = None
) -> dict[str, int]:
    """Make coop's papers one last time, mark the papers sent and reach every board member
    (emails and texts are written into the outbox, in this transaction). Returns how many
    go each way. Sending is refused unless the meeting is planned."""
    now = now or timezone.now()
    meeting = meeting_locked(meeting)
    if refusal := send_refusal(meeting):
        raise CoopError(refusal, code="papers_sent")
    papers_refresh(meeting=meeting, actor=actor)
    meeting_move(meeting, Meeting.Status.PAPERS_SENT)
    deliveries, counts = _deliveries_make(meeting)
    _deliveries_tell(meeting, deliveries)
    meeting.papers_sent_at = now
    meeting.save(update_fields=["status", "papers_sent_at"])
    audit(actor=actor, action="meeting.papers_sent", target=meeting, data=counts)
    return counts


def _deliveries_make(meeting: Meeting) -> tuple[list[PackDelivery], dict[str, int]]:
    """A delivery row for each board member on the day not reached yet, by their own way.
    Returns the rows and how many go each way."""
    day = meeting.day
    counts: dict[str, int] = {}
    already = set(meeting.deliveries.values_list("member_id", flat=True))
    deliveries = []
    for member in board_members_on(day):
        if member.pk in already:
            continue
        way, to = way_for(member) or (PackDelivery.Way.NONE, "")
        deliveries.append(
            PackDelivery(
                meeting=meeting,
                member=member,
                way=way,
                version=pack_version_for(member),
                to=to,
                status=_status(way),
            )
        )
        counts[way] = counts.get(way, 0) + 1
    return PackDelivery.objects.bulk_create(deliveries), counts


def _deliveries_tell(meeting: Meeting, deliveries: list[PackDelivery]) -> None:
    """Write the emails and texts into the outbox (and copies to supporters), and link each
    queued delivery to its member's message."""
    written = tell_many(
        KIND,
        [
            Telling(
                delivery.member,
                pack_words(meeting, delivery.member),
                key=f"{KIND}:{meeting.pk}:{delivery.member_id}",
                copy_words=lambda supporter, member=delivery.member: pack_words(
                    meeting, member, supporter=supporter
                ),
                data={"delivery": delivery.pk},
            )
            for delivery in deliveries
        ],
        member_ways=BY_OUTBOX,
    )
    theirs = {m.member_id: m for m in written if m.recipient == Message.Recipient.MEMBER}
    queued = [d for d in deliveries if d.status == PackDelivery.Status.QUEUED]
    for delivery in queued:
        delivery.outbox_message = theirs.get(delivery.member_id) or Message.objects.get(
            key=f"{KIND}:{meeting.pk}:{delivery.member_id}:member"
        )
    PackDelivery.objects.bulk_update(queued, ["outbox_message"])


def packs_due(now: dt.datetime | None = None) -> list[Meeting]:
    """Planned meetings still to come whose papers are due to go out."""
    now = now or timezone.now()
    return [
        meeting
        for meeting in Meeting.objects.filter(status=Meeting.Status.PLANNED, starts_at__gt=now)
        if meeting.starts_at - dt.timedelta(days=meeting.pack_days_before) <= now
    ]


def packs_send_due(now: dt.datetime | None = None) -> dict[int, dict[str, int]]:
    """Send every pack that is due (`manage.py send_meeting_packs` and the periodic task).
    A meeting whose sending fails is left planned and tried on the next run."""
    sent: dict[int, dict[str, int]] = {}
    for meeting in packs_due(now):
        try:
            sent[meeting.pk] = papers_send(meeting=meeting, actor=None, now=now)
        except CoopError as error:
            log.info("Meeting %s: papers not sent: %s", meeting.pk, error.message)
        except Exception:  # anything unforeseen: the meeting stays planned, tried next run
            log.exception("Meeting %s: papers not sent", meeting.pk)
    return sent


OUTCOMES = {
    "called": (PackDelivery.Status.TO_CALL, PackDelivery.Status.CALLED),
    "no_answer": (PackDelivery.Status.TO_CALL, PackDelivery.Status.NO_ANSWER),
    "posted": (PackDelivery.Status.TO_PRINT, PackDelivery.Status.POSTED),
}


@transaction.atomic
def delivery_record(*, delivery: PackDelivery, outcome: str, actor: Actor) -> PackDelivery:
    """Tick a printed pack posted, or a call made ("called") or not answered ("no answer"
    keeps it on the list to try again). Repeating a tick changes nothing."""
    delivery = PackDelivery.objects.select_for_update().get(pk=delivery.pk)
    if outcome not in OUTCOMES:
        raise CoopError("Please say called, no answer or posted.")
    waiting, done = OUTCOMES[outcome]
    if delivery.status == done and done != PackDelivery.Status.NO_ANSWER:
        return delivery
    allowed_from = (
        {waiting, PackDelivery.Status.NO_ANSWER}
        if waiting == PackDelivery.Status.TO_CALL
        else {waiting}
    )
    if delivery.status not in allowed_from:
        raise CoopError(
            "This pack was not sent that way."
            if delivery.status
            in (PackDelivery.Status.QUEUED, PackDelivery.Status.SENT, PackDelivery.Status.FAILED)
            else "This is done already.",
            code="bad_outcome",
        )
    delivery.status = done
    delivery.tries += 1
    delivery.done_by = saved_user(actor)
    delivery.done_at = timezone.now()
    delivery.save(update_fields=["status", "tries", "done_by", "done_at"])
    audit(
        actor=actor,
        action=f"meeting.pack_{outcome}",
        target=delivery.meeting,
        data={"member": delivery.member_id},
    )
    return delivery


def packs_work_today(now: dt.datetime, user: User) -> tuple[list[Work], list[Work]]:
    """Board papers to tell by phone and to print and post, as on the packs to-do page,
    for the top of the messages page of someone who may open it (registered with
    members.outbox.today)."""
    if not can_manage_meetings(user):
        return [], []
    url = reverse("meeting-packs-to-do")
    calls = PackDelivery.objects.filter(
        status__in=(PackDelivery.Status.TO_CALL, PackDelivery.Status.NO_ANSWER)
    ).count()
    letters = PackDelivery.objects.filter(status=PackDelivery.Status.TO_PRINT).count()
    return (
        [Work("Board papers to tell by phone", calls, url)],
        [Work("Board papers to print and post", letters, url)],
    )
