"""Helpers shared by the tests of messages told through the outbox: the ways a member can
hear, a supporter who asked for copies, and the checks of a message and its copy."""

import datetime as dt

from members import services
from members.models import Member, SupportLink
from members.outbox.models import Message
from tests.factories import UserFactory

S = Message.Status
WAYS = ["email", "text", "letter", "phone", "none"]
# How each way's message starts out: sent by the worker, printed, called, or flagged.
FIRST = {
    "email": S.QUEUED,
    "text": S.QUEUED,
    "letter": S.LETTER_READY,
    "phone": S.TO_CALL,
    "none": S.NO_WAY,
}
# The details a member who was made with an email address needs for each way (and "none":
# letters chosen, but no address).
WAY_DETAILS = {
    "email": {"contact_preferences": ["email"]},
    "text": {"contact_preferences": ["text"], "phone": "07700 900111", "email": ""},
    "letter": {
        "contact_preferences": ["letter"],
        "address": "1 High Street\nNorthfield",
        "postcode": "NF1 1AA",
        "email": "",
    },
    "phone": {"contact_preferences": ["phone"], "phone": "01632 960123", "email": ""},
    "none": {"contact_preferences": ["letter"], "address": "", "email": "", "phone": ""},
}


def active_member(cast, name: str, ways: list[str], **details) -> Member:
    """An active member called `name` Test who chose `ways`, with the details given."""
    return services.member_add(
        actor=cast.admin,
        branch=cast.member_row.branch,
        first_name=name,
        last_name="Test",
        status=Member.Status.ACTIVE,
        admitted_on=dt.date(2025, 1, 1),
        contact_preferences=ways,
        **details,
    )


def ada_applies(cast, **details) -> Member:
    """Ada Lovelace applies to join, agreeing the guidelines, with her email address."""
    return services.member_apply(
        actor=None,
        branch=cast.member_row.branch,
        first_name="Ada",
        last_name="Lovelace",
        agrees_guidelines=True,
        email="ada@example.org",
        **details,
    )


def add_supporter(
    member: Member,
    username: str,
    email: str,
    *,
    first_name: str = "Hana",
    actor=None,
    wants_copies: bool = True,
):
    """A family supporter of the member (set up by `actor`, or the member), who asked for
    copies of what the member is told unless `wants_copies` is False. Returns the user."""
    supporter = UserFactory(username=username, first_name=first_name, email=email)
    services.support_link_create(
        supporter=supporter,
        member=member,
        relationship=SupportLink.Relationship.FAMILY,
        actor=actor or member.user,
        wants_copies=wants_copies,
    )
    return supporter


def messages(member: Member, kind: str) -> list[Message]:
    return list(Message.objects.filter(member=member, kind=kind).order_by("recipient", "id"))


def check_told(member: Member, kind: str, way: str, *words: str) -> Message:
    """One message to the member by their way, one copy to their supporter (Hana) by
    email, both with `words`. Returns the member's message."""
    written = messages(member, kind)
    assert [m.recipient for m in written] == ["member", "supporter"], written
    mine, copy = written
    assert (mine.way or "none", mine.status) == (way, FIRST[way])
    assert mine.body.startswith(f"Hello {member.first_name},")
    assert (copy.way, copy.status) == ("email", S.QUEUED)
    assert copy.subject == f"A copy for you: {mine.subject}" and copy.to.startswith("hana")
    assert "Hello Hana," in copy.body
    assert f"This is a copy of what we told {member.first_name}:" in copy.body
    for text in words:
        assert text in mine.body and text in copy.body, mine.body
    return mine


def supporter_wants_copies(cast) -> None:
    """The cast's supporter (with an email address) asks for copies of May's messages."""
    SupportLink.objects.filter(member=cast.member_row).update(wants_copies=True)
    cast.supporter.email = "sue@example.org"
    cast.supporter.save()


def check_copy_sent(row, cast) -> None:
    """A reminder's or a "what is on" row's supporter's copy went through the outbox."""
    message = row.outbox_message
    assert (message.recipient, message.user, message.member, message.status) == (
        "supporter",
        cast.supporter,
        cast.member_row,
        S.SENT,
    )
    assert message.body == row.message
