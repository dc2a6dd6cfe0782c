"""The one audit log every service writes to."""

from typing import Any

from django.db import models

from coop.actors import Actor, saved_user
from coop.models import AuditEntry
from coop.sql import insert


def audit(
    *,
    actor: Actor,
    action: str,
    target: models.Model | None = None,
    on_behalf_of: Actor = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that `actor` did `action` (dotted, e.g. "member.approved") to `target`: in
    one plain INSERT (coop.sql.insert), as a booking writes one under its activity's
    lock."""
    entry = AuditEntry(
        actor=saved_user(actor),
        on_behalf_of=saved_user(on_behalf_of),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        data=data or {},
    )
    insert([entry])
    return entry


def audit_trail(target: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor", "on_behalf_of")
