"""Erasing a member's personal data on request, keeping the records the co-operative
must keep (money rows, the register's dates) whole."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from coop import personal_data
from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError
from coop.models import AuditEntry
from members import auth_cache
from members.models import GuidelinesAgreement, Member, SignInLink, SupportLink, User
from members.outbox.models import Message
from members.services.lifecycle import member_resign

__all__ = ["member_erase"]


def _keep_only_latest_history(obj) -> None:
    """simple-history kept every earlier version, names and addresses included."""
    latest = obj.history.order_by("-history_date", "-history_id").first()
    if latest is not None:
        obj.history.exclude(pk=latest.pk).delete()


# What is still waiting to go in the outbox (the rest went, and is kept as a bare record).
WAITING = [Message.Status.QUEUED, *Message.FOR_ORGANISERS]
# The member's fields that are emptied (their names are replaced, their lists emptied).
EMPTIED = [
    "known_as",
    "address",
    "postcode",
    "phone",
    "email",
    "access_needs_other",
    "emergency_contact_name",
    "emergency_contact_phone",
    "staff_notes",
]


@transaction.atomic
def member_erase(*, member: Member, actor: Actor, reason: str) -> Member:
    """Anonymise everything personal about the member and close their account. The row,
    its membership number and dates stay, so payments and refunds that point at it stay
    whole. Raises CoopError without a reason. Erasing twice changes nothing more."""
    if not reason.strip():
        raise CoopError("Please say who asked for this and when.")
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.erased_at is not None:
        return member
    if member.status != Member.Status.RESIGNED:
        member = member_resign(member=member, actor=actor, reason="erasure requested")
    now = timezone.now()
    _anonymise_member(member, now)
    GuidelinesAgreement.objects.filter(member=member).update(helped_by="")
    # The outbox: what is still waiting to go to them, or about them to their supporters,
    # goes; what went is kept as a bare record (that a message of a kind went, and when).
    Message.objects.filter(member=member, status__in=WAITING).delete()
    Message.objects.filter(member=member).update(
        to="", name=str(member.display_name), body="", subject="A message", data={}, last_error=""
    )
    links = SupportLink.objects.filter(member=member, withdrawn_at__isnull=True)
    # A bulk update sends no signals: its supporters' cached roles are marked stale here.
    auth_cache.forget_users(links.values_list("supporter_id", flat=True))
    links.update(withdrawn_at=now, withdrawn_by=actor)
    if member.user is not None:
        _close_account(member.user, actor=actor, now=now)
    AuditEntry.objects.filter(
        target_type=member._meta.label_lower, target_id=str(member.pk)
    ).update(target_repr=str(member))
    audit(actor=actor, action="member.erased", target=member, data={"reason": reason.strip()})
    return member


def _anonymise_member(member: Member, now: dt.datetime) -> None:
    for field in EMPTIED:
        setattr(member, field, "")
    member.first_name = "Erased"
    member.last_name = f"member {member.membership_number}"
    member.contact_preferences = []
    member.access_needs = []
    member.good_times = []
    member.photo_consent = False
    member.erased_at = now
    member._change_reason = "erased on request"
    member.save()
    _keep_only_latest_history(member)


def _close_account(user: User, *, actor: Actor, now: dt.datetime) -> None:
    """Every app erases its part (coop.personal_data); the person stops supporting anyone,
    their sign-in links, waiting messages and API token go, and the account is closed."""
    personal_data.erase_for(user)
    SupportLink.objects.filter(supporter=user, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=actor
    )
    auth_cache.forget_users([user.pk])
    SignInLink.objects.filter(user=user).delete()
    Message.objects.filter(user=user, status__in=WAITING).delete()
    Message.objects.filter(user=user).update(
        to="", name="Erased", body="", subject="A message", data={}, last_error=""
    )
    Token.objects.filter(user=user).delete()
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    _keep_only_latest_history(user)
    AuditEntry.objects.filter(target_type=user._meta.label_lower, target_id=str(user.pk)).update(
        target_repr=str(user)
    )
