"""The "what is on" message: when activities are published, every active member hears
about them their own way (email, text, a line on the organiser's call list, or a printed
one-page letter), and supporters who asked to be told get a copy by email.

How it stays once only:

- A *round* (WhatsOnRound) collects every published activity still to come that no round
  has announced yet. Collecting locks those activity rows (skipping rows another run has
  locked) and sets their ``whats_on_round``: an activity joins one round at most, so it is
  announced once.
- Each round writes one WhatsOnMessage per active member (and per supporter copy), and for
  an email or a text its outbox message, in one transaction per member. The database
  allows one row per (round, member, recipient) and one outbox message per key
  ("whats_on:<round>:<member>:<recipient>"), so a repeated run, or two runs at once, write
  nothing twice. The task worker sends the outbox messages with retries: no run talks to a
  mail server or a text provider, so one that is down never leaves a round open.
- One member gets one message a round however many activities it lists: publishing
  several activities in one sitting makes one message, not one per activity. Publishing
  queues ``whats_on_send_task`` after commit, deferred by GATHER_MINUTES when the task
  backend can defer (the database backend can), so activities published close together
  fall into the same round. Every queued run after the first finds nothing new and only
  finishes open rounds, so queueing often is harmless.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial
from itertools import groupby

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from coop.actors import Actor
from coop.audit import audit
from coop.dates import easy_date, easy_time
from events.fee_words import activity_advert_lines
from events.models import Activity, Reminder, WhatsOnMessage, WhatsOnRound
from events.services.delivery import empty_counts, record_call, tell_their_way, write_rows
from events.tasks import whats_on_send_task
from members.models import Member, User
from members.outbox.services import Words, supporters_wanting_copies
from members.outbox.ways import way_for

__all__ = [
    "whats_on_activities",
    "whats_on_call_record",
    "whats_on_collect",
    "whats_on_queue",
    "whats_on_send",
    "whats_on_words",
]

log = logging.getLogger(__name__)

# How long a queued run waits, so activities published in one sitting share a round.
GATHER_MINUTES = 30
SUBJECT = "New activities you can book"


def whats_on_queue() -> None:
    """Queue a "what is on" run for a task worker: after GATHER_MINUTES where the task
    backend can defer, otherwise now. Call it after commit."""
    task = whats_on_send_task
    if default_task_backend.supports_defer:
        task = task.using(run_after=timezone.now() + dt.timedelta(minutes=GATHER_MINUTES))
    task.enqueue()


def whats_on_activities(round: WhatsOnRound, now: dt.datetime | None = None) -> list[Activity]:
    """The round's activities still worth telling about: published and still to come."""
    return list(
        round.activities.filter(
            status=Activity.Status.PUBLISHED, starts_at__gt=now or timezone.now()
        ).order_by("starts_at", "id")
    )


def whats_on_collect(now: dt.datetime | None = None) -> WhatsOnRound | None:
    """Put every published activity to come that no round has announced into a new round.
    Returns None when there is nothing new. Two runs at once never take the same one."""
    now = now or timezone.now()
    with transaction.atomic():
        activities = list(
            Activity.objects.select_for_update(skip_locked=True)
            .filter(
                status=Activity.Status.PUBLISHED,
                whats_on_round__isnull=True,
                starts_at__gt=now,
            )
            .order_by("starts_at", "id")
        )
        if not activities:
            return None
        round = WhatsOnRound.objects.create()
        Activity.objects.filter(pk__in=[a.pk for a in activities]).update(whats_on_round=round)
        audit(
            actor=None,
            action="whats_on.collected",
            target=round,
            data={"activities": [a.pk for a in activities]},
        )
    return round


def whats_on_words(
    activities: list[Activity], member: Member, *, supporter: User | None = None
) -> list[str]:
    """The message in easy read, one short sentence a line, a blank line between
    activities. The same words go by email and text and are what the organiser says on
    the phone; the letter lays them out with pictures."""
    name = member.called
    if supporter:
        lines = [
            f"Hello {supporter.first_name or supporter}.",
            f"This is a copy of the message to {name}.",
            f"There are new activities {name} can book.",
        ]
    else:
        lines = [f"Hello {name}.", "There are new activities you can book."]
    for activity in activities:
        lines += ["", *activity_lines(activity)]
    lines += [
        "",
        f"To book, call us on {settings.HELP_PHONE}.",
        f"Or look on our website: {settings.SITE_URL.rstrip('/')}{reverse('activity-list')}",
    ]
    return lines


def activity_lines(activity: Activity) -> list[str]:
    """An activity in a "what is on" message: its name, when, where, then what it costs
    and what brings the booking fee back, each person's share and who pays for support
    workers, in the activity page's words (events.fee_words.activity_advert_lines)."""
    # A round writes to every member with the same activities: their lines (which read the
    # costs and support) are made once per activity, not once per member.
    made = getattr(activity, "_whats_on_lines", None)
    if made is None:
        made = activity._whats_on_lines = [
            f"{activity.title}.",
            f"{easy_date(activity.starts_at)}, {easy_time(activity.starts_at)} "
            f"to {easy_time(activity.ends_at)}.",
            f"Where: {activity.meeting_point}.",
            *activity_advert_lines(activity),
        ]
    return list(made)


@dataclass(frozen=True)
class _Due:
    member: Member
    recipient: str  # "member" or "supporter:<user id>"
    way: str
    to: str
    supporter: User | None = None


def _due(round: WhatsOnRound) -> list[_Due]:
    members = list(
        Member.objects.filter(status=Member.Status.ACTIVE, erased_at__isnull=True).order_by(
            "last_name", "first_name", "id"
        )
    )
    done = set(WhatsOnMessage.objects.filter(round=round).values_list("member_id", "recipient"))
    copies = supporters_wanting_copies(m.pk for m in members)
    due = []
    for member in members:
        if (member.pk, "member") not in done:
            way, to = way_for(member) or (Reminder.Way.PHONE, "")
            due.append(_Due(member, "member", way, to))
        for supporter in copies.get(member.pk, []):
            recipient = f"supporter:{supporter.pk}"
            if (member.pk, recipient) not in done:
                due.append(_Due(member, recipient, Reminder.Way.EMAIL, supporter.email, supporter))
    return due


def _words(activities: list[Activity], member: Member, supporter: User | None = None) -> Words:
    return Words(SUBJECT, whats_on_words(activities, member, supporter=supporter))


def _write_member(
    round: WhatsOnRound, activities: list[Activity], member: Member, dues: list[_Due]
) -> list[WhatsOnMessage]:
    """Write the member's due messages for the round (theirs and supporters' copies) and
    their outbox messages, in one transaction. Returns the rows written."""
    with transaction.atomic():
        done = set(
            WhatsOnMessage.objects.filter(round=round, member=member).values_list(
                "recipient", flat=True
            )
        )
        dues = [due for due in dues if due.recipient not in done]
        if not dues:
            return []
        words = partial(_words, activities, member)
        told = tell_their_way(
            member,
            "whats_on",
            words(),
            key=f"whats_on:{round.pk}:{member.pk}",
            copy_words=words,
            with_member=any(due.recipient == "member" for due in dues),
            data={"round": round.pk},
        )
        return write_rows(
            WhatsOnMessage,
            dues,
            told,
            words,
            action="whats_on",
            data=lambda row: {"round": round.pk, "way": row.way, "recipient": row.recipient},
            round=round,
            member=member,
        )


def _finish(round: WhatsOnRound, counts: dict[str, int], now: dt.datetime) -> None:
    activities = whats_on_activities(round, now)
    failed = 0
    if activities:
        for _, dues in groupby(_due(round), key=lambda due: due.member.pk):
            dues = list(dues)
            try:
                rows = _write_member(round, activities, dues[0].member, dues)
            except IntegrityError:
                continue  # another run wrote it first
            except Exception:  # anything unforeseen stops one member, not the round
                log.exception(
                    "What is on (round %s) for member %s failed", round.pk, dues[0].member.pk
                )
                failed += 1
                continue
            for row in rows:
                counts[row.status] += 1
    counts["failed"] += failed
    if failed:
        return
    with transaction.atomic():
        round = WhatsOnRound.objects.select_for_update().get(pk=round.pk)
        if round.completed_at is None:
            round.completed_at = timezone.now()
            round.save(update_fields=["completed_at"])
            audit(
                actor=None,
                action="whats_on.completed",
                target=round,
                data={"activities": [a.pk for a in activities]},
            )


def whats_on_send(now: dt.datetime | None = None) -> dict[str, int]:
    """Collect newly published activities into a round, then write every open round's
    messages: emails and texts into the outbox, letters to print and calls to make on the
    organiser's lists. Safe to run again and at the same time as another run: nobody gets
    the same round twice, and no activity joins two rounds. Returns how many of each
    status, how many members failed (tried again next run) and how many rounds were
    collected."""
    now = now or timezone.now()
    counts = empty_counts()
    counts["rounds"] = 1 if whats_on_collect(now) else 0
    for round in WhatsOnRound.objects.filter(completed_at__isnull=True).order_by("created_at"):
        _finish(round, counts, now)
    return counts


def whats_on_call_record(
    *, message: WhatsOnMessage, actor: Actor, answered: bool
) -> WhatsOnMessage:
    """The organiser phoned a member about what is on: "called" takes the line off the
    list; "no answer" keeps it there to try again. Recording "called" twice records it
    once. Raises CoopError when the line is not a phone call."""
    return record_call(
        message, actor=actor, answered=answered, action="whats_on", what="This message"
    )
