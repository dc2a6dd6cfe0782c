"""Organisers write to a group — everyone booked on an activity, its waiting list, the
members of a branch, or the board — from a saved easy-read template. Each person hears
their own way through the outbox (email, text, a letter to print, a call to make), with
copies to supporters who asked for them.

    group = Group.booked(activity)
    preview = group_preview(group, template, {"new_meeting_point": "The library"})
    sent = group_message_send(actor=organiser, group=group, template=template,
                              fields={...}, token=form_token)
    sent.counts  # {"email": 12, "text": 3, "letter": 2, "phone": 4, "none": 1, "copies": 2}

The form's token makes sending once only: pressing Send twice (or two tabs) finds the
first GroupMessage and writes nothing more; each person's message also has its own
outbox key per (group message, member).
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.dates import easy_date, easy_time
from coop.easyread import Problem, easy_read_problems
from coop.errors import CoopError, NotAllowed
from events.group_words import OPTIONAL_FIELDS, TYPED_FIELDS, fill_all
from events.models import Activity, Booking, GroupMessage, MessageTemplate
from events.permissions import can_write_to_group
from members.models import Branch, ContactWay, Member
from members.outbox.services import (
    Telling,
    Words,
    copy_of,
    supporters_wanting_copies,
    tell_many,
)
from members.outbox.ways import way_for

__all__ = [
    "KIND",
    "Group",
    "Preview",
    "counts_list",
    "group_message_send",
    "group_preview",
    "register_board",
    "template_advice",
]

KIND = "group_message"
# Who is on the board on a day (a query of member ids). The board app sits above events,
# so it registers this at start-up (board/apps.py) rather than events importing it.
_board_on: Callable[[dt.date], QuerySet] | None = None


def register_board(members_on: Callable[[dt.date], QuerySet]) -> None:
    """The board app tells group messages who is on the board on a day."""
    global _board_on
    _board_on = members_on


MAX_TYPED = {"new_meeting_point": 200, "note": 300}
# The order the counts are said in, and how each is said (one, many).
WAYS_SAID = (
    (ContactWay.EMAIL, "{n} by email", "{n} by email"),
    (ContactWay.TEXT, "{n} by text", "{n} by text"),
    (ContactWay.LETTER, "1 letter to print", "{n} letters to print"),
    (ContactWay.PHONE, "1 call to make", "{n} calls to make"),
    ("none", "1 we cannot reach", "{n} we cannot reach"),
)
COUNT_KEYS = (*(way for way, _, _ in WAYS_SAID), "copies")
# Example values, to check a template's words for easy read as members will read them.
EXAMPLE = {
    "activity": "Bowling",
    "date": "Saturday 14 March",
    "time": "2pm",
    "meeting_point": "The bowling alley",
    "new_meeting_point": "The front door of the library",
    "note": "Please bring a coat.",
}


# -- templates ------------------------------------------------------------------------------
def template_advice(template: MessageTemplate) -> list[Problem]:
    """The easy-read rules the template's words break, filled in with example values."""
    subject, lines = fill_all(template.subject, template.lines, EXAMPLE)
    return easy_read_problems("\n".join([subject, *lines]))


# -- groups ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Group:
    """Whom a message goes to. For a branch or the board, `activity` is the activity the
    message is about, if any (its name, date and meeting point fill the template)."""

    kind: str
    activity: Activity | None = None
    branch: Branch | None = None

    @classmethod
    def booked(cls, activity: Activity) -> "Group":
        return cls(GroupMessage.Group.BOOKED, activity=activity)

    @classmethod
    def waiting(cls, activity: Activity) -> "Group":
        return cls(GroupMessage.Group.WAITING, activity=activity)

    @classmethod
    def of_branch(cls, branch: Branch, about: Activity | None = None) -> "Group":
        return cls(GroupMessage.Group.BRANCH, activity=about, branch=branch)

    @classmethod
    def board(cls, about: Activity | None = None) -> "Group":
        return cls(GroupMessage.Group.BOARD, activity=about)

    def check(self) -> None:
        if self.kind not in GroupMessage.Group.values:
            raise CoopError("Please choose whom to write to.", code="no_group")
        if (
            self.kind in (GroupMessage.Group.BOOKED, GroupMessage.Group.WAITING)
            and self.activity is None
        ):
            raise CoopError("Please choose the activity.", code="no_activity")
        if self.kind == GroupMessage.Group.BRANCH and self.branch is None:
            raise CoopError("Please choose the branch.", code="no_branch")

    def members(self) -> QuerySet[Member]:
        """The people in the group, each once, in name order. Members whose details were
        erased are never written to."""
        self.check()
        members = Member.objects.filter(erased_at__isnull=True)
        if self.kind == GroupMessage.Group.BOOKED:
            members = members.filter(
                bookings__activity=self.activity, bookings__status__in=Booking.HOLDING
            )
        elif self.kind == GroupMessage.Group.WAITING:
            members = members.filter(
                bookings__activity=self.activity, bookings__status=Booking.Status.WAITING
            )
        elif self.kind == GroupMessage.Group.BRANCH:
            members = members.filter(branch=self.branch, status=Member.Status.ACTIVE)
        else:
            if _board_on is None:  # no board app installed: nobody is on a board
                return members.none()
            members = members.filter(pk__in=_board_on(timezone.localdate()))
        return members.distinct().order_by("last_name", "first_name", "pk")

    @property
    def described(self) -> str:
        """Whom, in words: "everyone booked on Bowling"."""
        if self.kind == GroupMessage.Group.BOOKED:
            return f"everyone booked on {self.activity.title}"
        if self.kind == GroupMessage.Group.WAITING:
            return f"the waiting list for {self.activity.title}"
        if self.kind == GroupMessage.Group.BRANCH:
            return f"members in {self.branch.name}"
        return "the board"


# -- the words ------------------------------------------------------------------------------
def _values(group: Group, template: MessageTemplate, fields: dict) -> dict[str, str]:
    """The values for the template's places, checked. Raises CoopError in plain words."""
    places = template.places
    values: dict[str, str] = {}
    for name in TYPED_FIELDS:
        value = " ".join(str(fields.get(name) or "").split())
        if name == "new_meeting_point":
            value = value.rstrip(". ")
        if name in places and not value and name not in OPTIONAL_FIELDS:
            raise CoopError("Please type the new meeting point.", code=f"no_{name}")
        if len(value) > MAX_TYPED[name]:
            raise CoopError(
                f"Please use {MAX_TYPED[name]} letters or fewer for the "
                f"{'note' if name == 'note' else 'new meeting point'}.",
                code=f"long_{name}",
            )
        values[name] = value
    activity = group.activity
    if template.needs_activity and activity is None:
        raise CoopError(
            "This message is about an activity. Please choose the activity.", code="no_activity"
        )
    if activity is not None:
        values.update(
            activity=activity.title,
            date=easy_date(activity.starts_at),
            time=easy_time(activity.starts_at),
            meeting_point=activity.meeting_point.strip().rstrip("."),
        )
    return values


def _words_to(name: str, subject: str, lines: list[str]) -> Words:
    """The group's lines as one person gets them: "Hello <name>," first, help last."""
    return Words(
        subject,
        [f"Hello {name},", "", *lines, "", f"Need help? Call us on {settings.HELP_PHONE}."],
    )


# -- preview and send -----------------------------------------------------------------------
@dataclass
class Preview:
    """What sending would do: how many people each way, and the words they get."""

    subject: str
    lines: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    advice: list[Problem] = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(self.counts.get(way, 0) for way, _, _ in WAYS_SAID)

    @property
    def example(self) -> Words:
        """The words as a person gets them, with "Hello" and their name."""
        return _words_to("(their name)", self.subject, self.lines)


def counts_list(counts: dict[str, int]) -> list[str]:
    """["12 by email", "3 by text", "2 letters to print", "4 calls to make",
    "1 we cannot reach", "2 copies to supporters by email"], leaving out the ways nobody
    gets."""
    parts = [
        (one if counts[way] == 1 else many).format(n=counts[way])
        for way, one, many in WAYS_SAID
        if counts.get(way)
    ]
    copies = counts.get("copies", 0)
    if copies:
        parts.append(
            "1 copy to a supporter by email"
            if copies == 1
            else f"{copies} copies to supporters by email"
        )
    return parts


def _empty_counts() -> dict[str, int]:
    return dict.fromkeys(COUNT_KEYS, 0)


def group_preview(group: Group, template: MessageTemplate, fields: dict) -> Preview:
    """The words and how many will get them each way, without writing anything."""
    values = _values(group, template, fields)
    subject, lines = fill_all(template.subject, template.lines, values)
    members = list(group.members())
    counts = _empty_counts()
    for member in members:
        reach = way_for(member)
        counts[reach[0] if reach else "none"] += 1
    copies = supporters_wanting_copies(m.pk for m in members)
    counts["copies"] = sum(len(people) for people in copies.values())
    typed = " ".join(values.get(name, "") for name in TYPED_FIELDS).strip()
    return Preview(subject, lines, counts, easy_read_problems(typed) if typed else [])


def group_message_send(
    *,
    actor: Actor,
    group: Group,
    template: MessageTemplate,
    fields: dict,
    token: str,
) -> GroupMessage:
    """Write the message to each person in the group, their way, in one transaction, and
    keep a GroupMessage with how many went each way (`.counts`). With a token already
    used, nothing more is written and the first GroupMessage is returned (its `repeated`
    is True)."""
    token = _check_can_send(actor, template, token)
    values = _values(group, template, fields)
    with transaction.atomic():
        earlier = GroupMessage.objects.filter(token=token).first()
        if earlier is not None:
            earlier.repeated = True
            return earlier
        subject, lines = fill_all(template.subject, template.lines, values)
        members = list(group.members())
        if not members:
            raise CoopError(f"There is nobody in {group.described} to write to.", code="empty")
        try:
            with transaction.atomic():
                sent = GroupMessage.objects.create(
                    token=token,
                    group=group.kind,
                    activity=group.activity,
                    branch=group.branch,
                    template=template,
                    fields={k: values[k] for k in TYPED_FIELDS if values.get(k)},
                    subject=subject[:200],
                    lines=lines,
                    sent_by=saved_user(actor),
                )
        except IntegrityError:
            # The same form sent at the same moment from another tab: that one wins.
            earlier = GroupMessage.objects.get(token=token)
            earlier.repeated = True
            return earlier
        sent.counts = _tell_members(sent, members, subject, lines)
        sent.save(update_fields=["counts"])
        audit(
            actor=actor,
            action="group_message.sent",
            target=sent,
            data={
                "group": group.kind,
                "activity": group.activity.pk if group.activity else None,
                "branch": group.branch.pk if group.branch else None,
                "template": template.slug,
                "counts": sent.counts,
            },
        )
    sent.repeated = False
    return sent


def _check_can_send(actor: Actor, template: MessageTemplate, token: str) -> str:
    """The form's token, once the actor may write, the token is well formed and the template
    is still in use. Raises NotAllowed or CoopError."""
    if not can_write_to_group(actor):
        raise NotAllowed("Only organisers and administrators can write to a group.")
    token = (token or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", token):
        raise CoopError("This form is out of date. Please start again.", code="bad_token")
    if not template.active:
        raise CoopError("This template is no longer in use. Please choose another.")
    return token


def _tell_members(
    sent: GroupMessage, members: list[Member], subject: str, lines: list[str]
) -> dict[str, int]:
    """Each member's message (and their supporters' copies) into the outbox; how many went
    each way."""
    tellings = []
    for member in members:
        words = _words_to(member.called, subject, lines)
        tellings.append(
            Telling(
                member,
                words,
                key=f"group:{sent.pk}:{member.pk}",
                copy_words=lambda supporter, words=words, member=member: copy_of(
                    words, supporter, member
                ),
                data={"group_message": sent.pk},
            )
        )
    counts = _empty_counts()
    for message in tell_many(KIND, tellings):
        if message.recipient == message.Recipient.SUPPORTER:
            counts["copies"] += 1
        else:
            counts[message.way or "none"] += 1
    return counts
