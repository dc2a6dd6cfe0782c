"""The membership roll's part of a person's own data, and of erasing it."""

from typing import Any

from django.db.models import Q

from coop.models import AuditEntry
from coop.personal_data import all_in_words, choice, coded
from members.models import (
    AccessNeed,
    GuidelinesAgreement,
    Member,
    SignInLink,
    SupportLink,
    User,
)
from members.outbox.models import Message
from members.selectors import ROLE_LABELS, user_roles


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _words(action: str) -> str:
    """An audit action as words: "booking.created" is "Booking created"."""
    return action.replace(".", " ").replace("_", " ").capitalize()


def person_words(value: Any) -> Any:
    """A person kept in a record by their account's id (a supporter), said by name."""
    if not isinstance(value, int):
        return value
    person = User.objects.filter(pk=value).first()
    return str(person) if person else "Someone who has left"


def people_words(ids: list[Any]) -> dict[Any, Any]:
    """person_words for many ids, in one read."""
    wanted = [i for i in ids if isinstance(i, int)]
    people = {u.pk: str(u) for u in User.objects.filter(pk__in=wanted)}
    return {i: people.get(i, "Someone who has left") for i in wanted}


def relationship_words(code: Any) -> Any:
    return dict(SupportLink.Relationship.choices).get(code, code)


def _actions(user: User) -> list[dict[str, Any]]:
    """What the person did, each record's values in words (read once for them all)."""
    entries = list(AuditEntry.objects.filter(actor=user).order_by("created_at"))
    words = all_in_words([e.data for e in entries])
    return [
        {
            "at": _date(e.created_at),
            **coded("action", e.action, _words(e.action)),
            **coded("data", e.data, said),
        }
        for e, said in zip(entries, words, strict=True)
    ]


def export_member(user: User) -> dict[str, Any]:
    member = Member.objects.select_related("branch").filter(user=user).first()
    data: dict[str, Any] = {
        "account": _account(user),
        "membership": None,
        "guidelines_agreed": [],
        "supporters": [],
        "supporting": [],
        "signin_links": _signin_links(user),
        "messages_to_you": _messages_to(user),
        "actions_recorded": _actions(user),
    }
    if member is not None:
        data["membership"] = _membership(member)
        data["guidelines_agreed"] = _guidelines_agreed(member)
        data["supporters"] = [
            _link(link, other=link.supporter)
            for link in SupportLink.objects.filter(member=member).select_related("supporter")
        ]
    data["supporting"] = [
        _link(link, other=link.member)
        for link in SupportLink.objects.filter(supporter=user).select_related("member")
    ]
    return data


def _account(user: User) -> dict[str, Any]:
    roles = user_roles(user)
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": _date(user.date_joined),
        "last_login": _date(user.last_login),
        **coded("roles", roles, [ROLE_LABELS.get(role, role) for role in roles]),
    }


def _signin_links(user: User) -> list[dict[str, Any]]:
    return [
        {
            **choice(link, "channel"),
            "created_at": _date(link.created_at),
            "expires_at": _date(link.expires_at),
            "used_at": _date(link.used_at),
        }
        for link in SignInLink.objects.filter(user=user).order_by("created_at")
    ]


def _messages_to(user: User) -> list[dict[str, Any]]:
    """Messages to the person, as a member or by their account (not their supporters'
    copies)."""
    return [
        {
            "about": m.subject,
            "how": m.get_way_display() or "No way to reach you",
            "what_happened": m.get_status_display(),
            "written_at": _date(m.created_at),
            "sent_at": _date(m.sent_at),
            "words": m.body,
        }
        for m in Message.objects.filter(
            Q(user=user) | Q(member__user=user, recipient=Message.Recipient.MEMBER)
        ).order_by("created_at")
    ]


def _membership(member: Member) -> dict[str, Any]:
    return {
        "membership_number": member.membership_number,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "known_as": member.known_as,
        "branch": member.branch.name,
        **choice(member, "status"),
        "admitted_on": _date(member.admitted_on),
        "left_on": _date(member.left_on),
        "address": member.address,
        "postcode": member.postcode,
        "phone": member.phone,
        "email": member.email,
        **coded(
            "contact_preferences",
            member.contact_preferences,
            member.contact_preference_labels(),
        ),
        **coded(
            "access_needs",
            member.access_needs,
            [AccessNeed(need).label for need in member.access_needs],
        ),
        "access_needs_other": member.access_needs_other,
        **coded("good_times", member.good_times, member.good_time_labels()),
        "emergency_contact_name": member.emergency_contact_name,
        "emergency_contact_phone": member.emergency_contact_phone,
        "photo_consent": member.photo_consent,
        # Staff notes are personal data too: the member has a right to see them.
        "staff_notes": member.staff_notes,
    }


def _guidelines_agreed(member: Member) -> list[dict[str, Any]]:
    return [
        {
            "version": a.guidelines.version,
            "agreed_at": _date(a.agreed_at),
            "helped_by": a.helped_by,
        }
        for a in GuidelinesAgreement.objects.filter(member=member)
        .select_related("guidelines")
        .order_by("agreed_at")
    ]


def _link(link: SupportLink, *, other) -> dict[str, Any]:
    return {
        "who": str(other),
        **choice(link, "relationship"),
        "consent_confirmed_at": _date(link.consent_confirmed_at),
        "accepted_at": _date(link.accepted_at),
        "withdrawn_at": _date(link.withdrawn_at),
        "wants_copies": link.wants_copies,
    }
