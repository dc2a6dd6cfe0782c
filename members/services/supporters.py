"""Supporters: family members, carers and support workers linked to a member, only with
the member's consent. Every link records who confirmed that consent and when."""

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from coop.actors import Actor, user_id
from coop.audit import audit
from coop.errors import CoopError, NotAllowed
from members.models import Member, SupportLink, User
from members.outbox.models import Message
from members.outbox.services import tell_user

__all__ = ["support_accept", "support_invite", "support_link_create", "support_withdraw"]


def _open_link(supporter: User, member: Member) -> SupportLink | None:
    return (
        SupportLink.objects.select_for_update()
        .filter(supporter=supporter, member=member, withdrawn_at__isnull=True)
        .first()
    )


@transaction.atomic
def support_link_create(
    *, supporter: User, member: Member, relationship: str, actor: Actor, wants_copies: bool = False
) -> SupportLink:
    """Link a supporter who is present and agrees; `actor` (the member, or staff who heard
    the member agree) confirms the member's consent. Linking twice returns the link there
    is, accepting it if it was only an invitation."""
    if supporter == member.user:
        raise CoopError("A member cannot be their own supporter.")
    now = timezone.now()
    link = _open_link(supporter, member)
    if link is None:
        link = SupportLink.objects.create(
            supporter=supporter,
            member=member,
            relationship=relationship,
            consent_confirmed_at=now,
            consent_confirmed_by=actor,
            accepted_at=now,
            wants_copies=wants_copies,
        )
        audit(
            actor=actor,
            action="supporter.linked",
            target=member,
            on_behalf_of=member.user if actor != member.user else None,
            data={"supporter": supporter.pk, "relationship": relationship},
        )
    elif link.accepted_at is None:
        link.accepted_at = now
        link.save(update_fields=["accepted_at"])
        audit(
            actor=actor,
            action="supporter.accepted",
            target=member,
            data={"supporter": supporter.pk},
        )
    return link


def _supporter_user(*, first_name: str, last_name: str, email: str) -> User:
    existing = User.objects.filter(email__iexact=email).order_by("id").first()
    if existing:
        return existing
    base = email.split("@")[0].lower()[:100] or "supporter"
    username = base
    while User.objects.filter(username=username).exists():
        username = f"{base}-{get_random_string(4).lower()}"
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_unusable_password()  # they sign in with the emailed link, then may set one
    user.save()
    return user


def support_invite(
    *,
    member: Member,
    actor: Actor,
    first_name: str,
    last_name: str,
    email: str,
    relationship: str,
    wants_copies: bool = False,
) -> SupportLink:
    """The member (or staff for them) invites a supporter. The member's consent is given
    by inviting; the link works once the supporter accepts. Emails the supporter a link.
    Inviting the same person twice sends the invitation again and keeps one link."""
    email = email.strip()
    if member.user and member.user.email and member.user.email.lower() == email.lower():
        raise CoopError("That is your own email address. Please give your supporter's.")
    with transaction.atomic():
        supporter = _supporter_user(
            first_name=first_name.strip(), last_name=last_name.strip(), email=email
        )
        if supporter == member.user:
            raise CoopError("A member cannot be their own supporter.")
        link = _open_link(supporter, member)
        if link is None:
            link = SupportLink.objects.create(
                supporter=supporter,
                member=member,
                relationship=relationship,
                consent_confirmed_at=timezone.now(),
                consent_confirmed_by=actor,
                wants_copies=wants_copies,
            )
            audit(
                actor=actor,
                action="supporter.invited",
                target=member,
                on_behalf_of=member.user if actor != member.user else None,
                data={"supporter": supporter.pk, "relationship": relationship},
            )
    if link.accepted_at is None:
        _invite(link)
    return link


def _invite(link: SupportLink) -> None:
    """Email the invitation (through the outbox: the link in it is made when it is sent).
    Asked again while one is waiting, being sent or could not be sent (organisers can try
    that one again), nothing more is written."""
    pending = Message.objects.filter(
        kind="support_invitation",
        data__link=link.pk,
        status__in=[Message.Status.QUEUED, Message.Status.SENDING, Message.Status.FAILED],
    )
    if not pending.exists():
        tell_user(
            link.supporter, "support_invitation", to=link.supporter.email, data={"link": link.pk}
        )


@transaction.atomic
def support_accept(*, link: SupportLink, actor: Actor) -> SupportLink:
    """The invited supporter accepts. Raises NotAllowed for anyone else, CoopError when the
    member has withdrawn the invitation. Accepting twice changes nothing."""
    link = SupportLink.objects.select_for_update().get(pk=link.pk)
    if actor != link.supporter:
        raise NotAllowed("Only the person invited can accept.")
    if link.withdrawn_at is not None:
        raise CoopError("This invitation was taken back. You cannot accept it now.")
    if link.accepted_at is None:
        link.accepted_at = timezone.now()
        link.save(update_fields=["accepted_at"])
        audit(
            actor=actor,
            action="supporter.accepted",
            target=link.member,
            data={"supporter": user_id(actor)},
        )
    return link


@transaction.atomic
def support_withdraw(*, link: SupportLink, actor: Actor, reason: str = "") -> SupportLink:
    """End a link (the member's consent withdrawn, or the supporter steps back). Access
    ends at once. Withdrawing twice changes nothing."""
    link = SupportLink.objects.select_for_update().get(pk=link.pk)
    if link.withdrawn_at is None:
        link.withdrawn_at = timezone.now()
        link.withdrawn_by = actor
        link._change_reason = reason or "withdrawn"
        link.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit(
            actor=actor,
            action="supporter.withdrawn",
            target=link.member,
            data={"supporter": link.supporter_id, "reason": reason},
        )
    return link
