"""What organisers have to do with the outbox: today's calls, the letters to print, the
messages that could not be sent or had no way to reach the person, and the members who
chose letters but have no address we can post to. Read-only: `services.py` moves messages.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from coop.dates import end_of_day
from members.models import ContactWay, Member
from members.outbox.models import Message
from members.outbox.refusals import refusal_in
from members.outbox.ways import letter_address, phone_number, way_for

__all__ = [
    "MembersWithoutAddress",
    "calls_to_make",
    "could_not_send",
    "letter_batch",
    "letters_waiting",
    "members_without_postal_address",
    "no_way",
    "plain_error",
    "server_said",
    "to_do_count",
    "what",
]

MessageStatus = Message.Status


def _for_page(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("member", "user", "handled_by")


def calls_to_make() -> QuerySet:
    """Calls waiting for an organiser, oldest first (a call with no answer stays on it)."""
    return _for_page(Message.objects.filter(status__in=Message.CALLS_TO_MAKE)).order_by(
        "created_at", "id"
    )


def letters_waiting() -> QuerySet:
    return _for_page(Message.objects.filter(status=MessageStatus.LETTER_READY)).order_by(
        "created_at", "id"
    )


def could_not_send() -> QuerySet:
    return _for_page(Message.objects.filter(status=MessageStatus.FAILED)).order_by(
        "created_at", "id"
    )


def no_way() -> QuerySet:
    return _for_page(Message.objects.filter(status=MessageStatus.NO_WAY)).order_by(
        "created_at", "id"
    )


def to_do_count() -> int:
    """How many messages wait for an organiser (for the link on the organiser's home)."""
    return Message.objects.filter(status__in=Message.FOR_ORGANISERS).count()


def letter_batch(*, day: dt.date | None = None, upto: int | None = None) -> list[Message]:
    """The letters to print in one batch: every letter still waiting, or only those
    written by the end of `day`, or up to message `upto` (the newest one an organiser
    saw). In name order."""
    letters = letters_waiting()
    if day is not None:
        end = end_of_day(day)
        letters = letters.filter(created_at__lt=end)
    if upto is not None:
        letters = letters.filter(pk__lte=upto)
    return sorted(letters, key=lambda m: (m.name.casefold(), m.pk))


def address_lines(message: Message) -> list[str]:
    """Where a letter goes: the member's address as it is now when we can post to it (they
    may have moved since the message was written), else the address it was written with."""
    address = None
    if message.recipient == Message.Recipient.MEMBER and message.member is not None:
        address = letter_address(message.member)
    address = address or message.to
    return [line.strip() for line in address.splitlines() if line.strip()]


def number_to_call(message: Message) -> str:
    """The member's number as it is now, when we can read it, else the one written."""
    if message.recipient == Message.Recipient.MEMBER and message.member is not None:
        number = phone_number(message.member.phone)
        if number:
            return number
    return message.to


@dataclass(frozen=True)
class MembersWithoutAddress:
    member: Member
    # How we reach them meanwhile (another way they chose), or "" when we cannot.
    meanwhile: str


def members_without_postal_address() -> list[MembersWithoutAddress]:
    """Active members who chose letters but whose address or postcode we cannot post to:
    an organiser should ask them and fix it on their page."""
    chose_letters = (
        Member.objects.filter(status=Member.Status.ACTIVE)
        .annotate(ways_text=Cast("contact_preferences", TextField()))
        .filter(ways_text__contains=f'"{ContactWay.LETTER}"')
        .select_related("branch")
        .order_by("last_name", "first_name", "id")
    )
    flagged = []
    for member in chose_letters:
        if (
            ContactWay.LETTER not in member.contact_preferences
            or letter_address(member) is not None
        ):
            continue
        reach = way_for(member)
        flagged.append(
            MembersWithoutAddress(
                member=member, meanwhile=ContactWay(reach[0]).label if reach else ""
            )
        )
    return flagged


# What the mail server or the text provider said, in plain words ------------------------
_PLAIN = [
    (
        r"not set up|TWILIO_|ImproperlyConfigured",
        "Texts are not set up on this website. Ask the person who runs the website.",
    ),
    (
        r"Authentication|535|password|credentials|401|20003",
        "The {service} did not accept our username or password. "
        "Ask the person who runs the website.",
    ),
    (
        r"Recipient|recipient|mailbox|User unknown|550|553|not a valid|invalid|21211|21614",
        "The {service} says the {address} is wrong or does not exist. Check it with the person.",
    ),
    (
        r"refused|cannot be reached|timed out|timeout|Timeout|unreachable|"
        r"Name or service not known|getaddrinfo|Connection|disconnected|"
        r"50[0-4]|Errno",
        "The {service} did not answer. It may be down. Try again later.",
    ),
]


def plain_error(message: Message) -> str:
    """Why a message could not be sent, in plain words (the server's own words are shown
    beside it for the person who runs the website)."""
    service, address = (
        ("text provider", "mobile number")
        if message.way == ContactWay.TEXT
        else ("mail server", "email")
    )
    error = message.last_error or ""
    refused = refusal_in(error)
    if refused:
        return refused
    for pattern, words in _PLAIN:
        if re.search(pattern, error):
            return words.format(service=service, address=address)
    if not error:
        return "We do not know why. Try again."
    return f"The {service} said no. Try again later, or check the {address}."


def server_said(message: Message) -> str:
    """The server's own words, without the plain reason a refusal for good starts with."""
    error = message.last_error or ""
    refused = refusal_in(error)
    return error[len(refused) + 2 : -1] if refused else error


# Kinds whose words are made only when they are sent have no subject until then.
_KIND_WORDS = {
    "signin_link": "A link to sign in",
    "welcome_link": "Welcome, with a link to sign in",
    "support_invitation": "An invitation to help a member",
}


def what(message: Message) -> str:
    """What the message is about, in a few words."""
    return message.subject or _KIND_WORDS.get(message.kind, message.kind.replace("_", " "))
