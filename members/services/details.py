"""A member's contact and personal details. Status, dates and the membership number are
not details: they change only through the moves in lifecycle.py."""

from typing import Any

from django.db import models, transaction

from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError, InvalidTransition
from members.models import Member

__all__ = ["member_update"]

MEMBER_DETAIL_FIELDS = (
    "first_name",
    "last_name",
    "known_as",
    "branch",
    "address",
    "postcode",
    "phone",
    "email",
    "contact_preferences",
    "access_needs",
    "access_needs_other",
    "emergency_contact_name",
    "emergency_contact_phone",
    "photo_consent",
    "staff_notes",
)


def _stored(value: Any) -> Any:
    """A value as the row holds it, so a branch compares by its id."""
    return value.pk if isinstance(value, models.Model) else value


@transaction.atomic
def member_update(*, member: Member, actor: Actor, changes: dict[str, Any]) -> Member:
    """Change a member's details (MEMBER_DETAIL_FIELDS only). Writes, records history and
    audits only the fields whose value differs: sending the same values again changes
    nothing. Raises CoopError for any other field, or when the member's data was erased."""
    refused = sorted(set(changes) - set(MEMBER_DETAIL_FIELDS))
    if refused:
        raise CoopError(f"These cannot be changed as details: {', '.join(refused)}.")
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.erased_at is not None:
        # Filling the row in again would undo an erasure the member asked for.
        raise InvalidTransition(
            "This member's personal data was erased on request. It stays erased."
        )
    changed = [
        name
        for name in MEMBER_DETAIL_FIELDS
        if name in changes
        and getattr(member, Member._meta.get_field(name).attname) != _stored(changes[name])
    ]
    if not changed:
        return member
    for name in changed:
        setattr(member, name, changes[name])
    # History shows who and why even when no request is around (commands, the shell).
    member._history_user = actor
    member._change_reason = f"Details changed: {', '.join(changed)}"
    member.save(update_fields=changed)
    audit(actor=actor, action="member.updated", target=member, data={"fields": changed})
    return member
