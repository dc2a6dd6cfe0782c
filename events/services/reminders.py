"""Reminders before an activity, each by the member's own way: an email or a text is
written into the outbox (the task worker sends it, with retries), a letter waits to be
printed, a phone call goes on the organiser's call list. Supporters who asked for copies
get one by email, through the outbox.

A booking's reminder rows and their outbox messages are written in one transaction. The
database allows one row per (booking, slot, recipient), and one outbox message per key
("reminder:<booking>:<slot>:<recipient>"): a second run, or two runs at once, write
nothing twice. No run talks to a mail server or a text provider, so one that is down
never stops a reminder being recorded: its message waits in the outbox."""

import datetime as dt
import logging
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from coop.actors import Actor
from coop.dates import day_at, easy_date, easy_time, working_days_before
from coop.money import format_pence
from events.cost_share import member_cost_lines
from events.fee_words import booking_fee_lines
from events.models import Activity, Booking, Reminder
from events.services.delivery import empty_counts, record_call, tell_their_way, write_rows
from events.transport_words import travel_line
from members.models import User
from members.outbox.services import Words, supporters_wanting_copies
from members.outbox.ways import way_for

__all__ = [
    "POST_SLOT",
    "DueReminder",
    "reminder_call_record",
    "reminder_words",
    "reminders_due",
    "post_due_from",
    "reminders_send",
    "slot_label",
]

log = logging.getLogger(__name__)

BookingStatus = Booking.Status
# Bookings that still expect the member to come.
REMINDED = (BookingStatus.CONFIRMED, BookingStatus.OFFERED, BookingStatus.AWAITING_PAYMENT)
# No reminder is planned further ahead than this.
LONGEST_HOURS = 14 * 24
# The slot of a reminder by letter (see `post_due_from`).
POST_SLOT = Reminder.POST_SLOT


def slot_label(hours: int) -> str:
    """72 -> "3d", 24 -> "1d", 6 -> "6h"."""
    return f"{hours // 24}d" if hours % 24 == 0 else f"{hours}h"


def reminder_words(booking: Booking, *, supporter: User | None = None) -> list[str]:
    """The reminder in easy read, one short sentence a line, with where the booking fee
    stands. Used for the email, the text, the letter and what the organiser says on the
    phone."""
    activity, member = booking.activity, booking.member
    name = member.called
    lines = [f"Hello {supporter.first_name or supporter}." if supporter else f"Hello {name}."]
    if supporter:
        lines.append(f"This is a copy of {name}'s reminder.")
        lines.append(f"{name} is booked for {activity.title}.")
    else:
        lines.append(f"This is a reminder. You are booked for {activity.title}.")
    if booking.status == BookingStatus.OFFERED:
        lines.append("A place is free. Please say yes soon to keep it.")
    elif booking.status == BookingStatus.AWAITING_PAYMENT:
        # What to pay, and how, follows with the fee's own words.
        lines.append("The booking fee is not paid yet.")
    lines += [
        f"The picture shows {activity.picture_alt[:1].lower()}{activity.picture_alt[1:]}.",
        f"When: {easy_date(activity.starts_at)}, {easy_time(activity.starts_at)} "
        f"to {easy_time(activity.ends_at)}.",
        f"Where: {activity.meeting_point}.",
    ]
    lines += [line for line in [travel_line(booking, who=name if supporter else "")] if line]
    if activity.cost_pence:
        lines.append(f"Bring {format_pence(activity.cost_pence)} for the day.")
    else:
        lines.append("It is free on the day.")
    # Each person's share, and who pays for the support workers (events/cost_share.py).
    lines += member_cost_lines(activity)
    # Where the booking's fee stands, and what brings it back (events/fee_words.py).
    lines += booking_fee_lines(booking)
    if booking.guests:
        count = len(booking.guests)
        lines.append(f"{count} {'person comes' if count == 1 else 'people come'} with you.")
    lines.append(f"Cannot come? Please call us on {settings.HELP_PHONE}.")
    return lines


@dataclass(frozen=True)
class DueReminder:
    booking: Booking
    slot: str
    way: str
    recipient: str  # "member" or "supporter:<user id>"
    to: str  # an email address, a phone number, an address, or "" (no way found)
    supporter: User | None = None


def usable_hours(value) -> list[int]:
    """The whole, positive hours in an activity's reminder_hours, up to 14 days (anything
    else, typed by hand in the admin, say, is left out rather than stopping the run)."""
    if not isinstance(value, list):
        return []
    return [
        h
        for h in value
        if isinstance(h, int) and not isinstance(h, bool) and 0 < h <= LONGEST_HOURS
    ]


def _due_slots(activities, now: dt.datetime) -> dict[int, str]:
    """For each activity, the latest slot that has come: a member booked late, or a run
    that was missed, gets the nearest reminder only, not every one at once."""
    slots = {}
    for activity in activities:
        hours = [
            h
            for h in usable_hours(activity.reminder_hours)
            if activity.starts_at - dt.timedelta(hours=h) <= now
        ]
        if hours:
            slots[activity.pk] = slot_label(min(hours))
    return slots


def post_due_from(starts_at: dt.datetime) -> dt.datetime:
    """When a reminder by letter is due: WORKING_DAY_STARTS_HOUR on the day
    REMINDER_LETTER_WORKING_DAYS working days before the activity's day (for Saturday 14
    March, Monday 9 March at 9am), so it can be printed, posted and arrive in time."""
    day = working_days_before(timezone.localdate(starts_at), settings.REMINDER_LETTER_WORKING_DAYS)
    return day_at(day, settings.WORKING_DAY_STARTS_HOUR)


def _looks_ahead() -> dt.timedelta:
    """How far ahead activities may need a reminder now: the furthest slot, or the post
    slot (a week for each 5 working days, and a weekend to spare)."""
    post_days = (settings.REMINDER_LETTER_WORKING_DAYS * 7 + 4) // 5 + 3
    return dt.timedelta(hours=max(LONGEST_HOURS, post_days * 24))


def reminders_due(now: dt.datetime | None = None) -> list[DueReminder]:
    """Every reminder that should go now and has not gone. Writes nothing. A member whose
    way is a letter has one reminder, in the "post" slot (`post_due_from`), with their
    supporters' copies; everyone else has the latest hours slot that has come."""
    now = now or timezone.now()
    activities = Activity.objects.filter(
        status=Activity.Status.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + _looks_ahead(),
    ).only("pk", "starts_at", "reminder_hours")
    slots = _due_slots(activities, now)
    by_post = {
        a.pk
        for a in activities
        if usable_hours(a.reminder_hours) and post_due_from(a.starts_at) <= now
    }
    if not slots and not by_post:
        return []
    bookings = list(
        Booking.objects.filter(activity_id__in={*slots, *by_post}, status__in=REMINDED)
        .select_related("activity", "member")
        .order_by("activity__starts_at", "id")
    )
    done = set(
        Reminder.objects.filter(booking__in=bookings).values_list("booking_id", "slot", "recipient")
    )
    copies = supporters_wanting_copies(b.member_id for b in bookings)
    due = []
    for booking in bookings:
        way, to = way_for(booking.member) or (Reminder.Way.PHONE, "")
        if way == Reminder.Way.LETTER:
            slot = POST_SLOT if booking.activity_id in by_post else None
        else:
            slot = slots.get(booking.activity_id)
        if slot is None:
            continue
        if (booking.pk, slot, "member") not in done:
            due.append(DueReminder(booking, slot, way, "member", to))
        for supporter in copies.get(booking.member_id, []):
            recipient = f"supporter:{supporter.pk}"
            if (booking.pk, slot, recipient) not in done:
                due.append(
                    DueReminder(
                        booking, slot, Reminder.Way.EMAIL, recipient, supporter.email, supporter
                    )
                )
    return due


def _subject(booking: Booking) -> str:
    activity = booking.activity
    return f"Reminder: {activity.title} on {easy_date(activity.starts_at)}"


def _write_booking(booking_id: int, slot: str, dues: list[DueReminder]) -> list[Reminder]:
    """Write the booking's due reminders for the slot (the member's and supporters'
    copies) and their outbox messages, in one transaction. Returns the rows written."""
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("activity", "member")
            .get(pk=booking_id)
        )
        if booking.status not in REMINDED:
            return []
        done = set(
            Reminder.objects.filter(booking=booking, slot=slot).values_list("recipient", flat=True)
        )
        dues = [due for due in dues if due.recipient not in done]
        if not dues:
            return []
        subject = _subject(booking)

        def words(supporter: User | None) -> Words:
            return Words(subject, reminder_words(booking, supporter=supporter))

        told = tell_their_way(
            booking.member,
            "reminder",
            words(None),
            key=f"reminder:{booking.pk}:{slot}",
            copy_words=words,
            with_member=any(due.recipient == "member" for due in dues),
            data={"booking": booking.pk, "slot": slot},
        )
        return write_rows(
            Reminder,
            dues,
            told,
            words,
            action="reminder",
            data=lambda row: {"booking": booking.pk, "slot": slot, "way": row.way},
            booking=booking,
            slot=slot,
        )


def reminders_send(now: dt.datetime | None = None) -> dict[str, int]:
    """Write every reminder due now: emails and texts into the outbox, letters to print
    and calls to make on the organiser's lists. Safe to run again and at the same time as
    another run. Returns how many of each status, and how many bookings failed (tried
    again next run)."""
    counts = empty_counts()
    for (booking_id, slot), dues in groupby(
        reminders_due(now), key=lambda due: (due.booking.pk, due.slot)
    ):
        try:
            rows = _write_booking(booking_id, slot, list(dues))
        except IntegrityError:
            continue  # another run wrote it first
        except Exception:  # anything unforeseen stops one booking, not the whole run
            log.exception("Reminders for booking %s (%s) failed", booking_id, slot)
            counts["failed"] += 1
            continue
        for reminder in rows:
            counts[reminder.status] += 1
    return counts


def reminder_call_record(*, reminder: Reminder, actor: Actor, answered: bool) -> Reminder:
    """The organiser phoned: "called" takes the line off the list; "no answer" keeps it
    there to try again later. Recording "called" twice records it once."""
    return record_call(
        reminder, actor=actor, answered=answered, action="reminder", what="This reminder"
    )
