"""Sign-in links, roles, branches, adding members, supporters and guidelines."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from coop.actors import Actor
from coop.audit import audit
from coop.errors import CoopError
from members.models import (
    Branch,
    ConductGuidelines,
    GuidelinesAgreement,
    Member,
    Role,
    RoleAssignment,
    SignInLink,
    User,
)
from members.outbox.models import Message
from members.outbox.services import tell_user

__all__ = [
    "SignInLinkError",
    "TooManySignInLinks",
    "branch_create",
    "guidelines_agree",
    "guidelines_current_or_publish",
    "guidelines_publish",
    "member_add",
    "role_grant",
    "role_revoke",
    "signin_link_create",
    "signin_link_email",
    "signin_link_url",
    "signin_link_use",
]


class SignInLinkError(CoopError):
    """The sign-in link cannot be used."""


class TooManySignInLinks(CoopError):
    """Too many links asked for in a short time."""


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def signin_link_url(token: str) -> str:
    return settings.SITE_URL + reverse("signin-link", kwargs={"token": token})


@transaction.atomic
def signin_link_create(
    *, user: User, actor: Actor, channel: str, check_limit: bool = True
) -> tuple[SignInLink, str]:
    """Make a one-time sign-in link. Returns the row and the secret, which is never stored.
    Raises TooManySignInLinks when more than the hourly limit were asked for by email
    (unless `check_limit` is off: the outbox applied it when the email was asked for)."""
    now = timezone.now()
    if channel == SignInLink.Channel.EMAIL:
        recent = SignInLink.objects.filter(
            user=user, channel=channel, created_at__gte=now - dt.timedelta(hours=1)
        ).count()
        if check_limit and recent >= settings.SIGNIN_LINK_REQUESTS_PER_HOUR:
            raise TooManySignInLinks("Too many links were asked for. Please wait 1 hour.")
        lifetime = dt.timedelta(hours=settings.SIGNIN_LINK_EMAIL_HOURS)
    else:
        lifetime = dt.timedelta(days=settings.SIGNIN_LINK_LETTER_DAYS)
        # Only the newest letter works: a letter printed again (one lost, say) stops the
        # older ones. The person's row is locked so two prints at once leave one working.
        User.objects.select_for_update().filter(pk=user.pk).first()
        SignInLink.objects.filter(
            user=user, channel=channel, used_at__isnull=True, expires_at__gt=now
        ).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    link = SignInLink.objects.create(
        user=user,
        token_hash=_hash_token(token),
        channel=channel,
        created_by=actor,
        expires_at=now + lifetime,
    )
    audit(actor=actor, action="signin_link.created", target=user, data={"channel": channel})
    return link, token


def signin_link_email(*, email: str) -> None:
    """Queue an email with a sign-in link to whoever has this address. Says nothing about
    whether anyone has it, and talks to no mail server (the worker sends it, making the
    link then), so the page answers the same for every address, whether or not mail
    works. At most SIGNIN_LINK_REQUESTS_PER_HOUR an hour for one person."""
    typed = email.strip()
    user = User.objects.filter(is_active=True, email__iexact=typed).first()
    to = user.email if user else ""
    if user is None:
        user = User.objects.filter(is_active=True, member__email__iexact=typed).first()
        to = user.member.email if user else ""
    if user is None:
        return
    recent = Message.objects.filter(
        kind="signin_link", user=user, created_at__gte=timezone.now() - dt.timedelta(hours=1)
    ).count()
    if recent >= settings.SIGNIN_LINK_REQUESTS_PER_HOUR:
        return
    # To the address typed: the account's, or the member's when that is the one that matched.
    tell_user(user, "signin_link", to=to)


@transaction.atomic
def signin_link_use(*, token: str) -> User:
    """Spend a sign-in link and return its user. Works once: the row is locked, so two
    clicks at once sign in once. Raises SignInLinkError when unknown, used or expired."""
    link = (
        SignInLink.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=_hash_token(token))
        .first()
    )
    if link is None or not link.user.is_active:
        raise SignInLinkError("This link does not work. Please ask for a new one.")
    if link.used_at is not None:
        raise SignInLinkError("This link has been used already. Each link works once.")
    if link.expires_at <= timezone.now():
        raise SignInLinkError("This link is too old. Please ask for a new one.")
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    audit(actor=link.user, action="signin_link.used", target=link.user)
    return link.user


@transaction.atomic
def role_grant(*, user: User, role: str, actor: Actor) -> RoleAssignment:
    """Give a role. Granting a role someone holds already changes nothing."""
    if role not in Role.values:
        raise CoopError(f"There is no role called {role}.")
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": actor}
    )
    if created:
        audit(actor=actor, action="role.granted", target=user, data={"role": role})
    return assignment


@transaction.atomic
def role_revoke(*, user: User, role: str, actor: Actor) -> None:
    """Take a role away. Taking one someone does not hold changes nothing."""
    deleted, _ = RoleAssignment.objects.filter(user=user, role=role).delete()
    if deleted:
        audit(actor=actor, action="role.revoked", target=user, data={"role": role})


@transaction.atomic
def branch_create(*, name: str, slug: str, actor: Actor) -> Branch:
    branch, created = Branch.objects.get_or_create(slug=slug, defaults={"name": name})
    if created:
        audit(actor=actor, action="branch.created", target=branch)
    return branch


def _next_membership_number() -> str:
    last = Member.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return f"M{last + 1:05d}"


def member_add(
    *,
    actor: Actor,
    branch: Branch,
    first_name: str,
    last_name: str,
    user: User | None = None,
    status: str = Member.Status.APPLIED,
    admitted_on: dt.date | None = None,
    **details,
) -> Member:
    """Add someone to the membership roll. Raises CoopError when the number is taken."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                member = Member.objects.create(
                    membership_number=details.pop("membership_number", None)
                    or _next_membership_number(),
                    branch=branch,
                    first_name=first_name,
                    last_name=last_name,
                    user=user,
                    status=status,
                    admitted_on=admitted_on,
                    **details,
                )
                audit(actor=actor, action="member.added", target=member, data={"status": status})
                return member
        except IntegrityError:
            # Two people added at once can reach for the same number: take the next one.
            if attempt == 2:
                raise CoopError("That membership number is taken. Please try again.") from None
    raise AssertionError("unreachable")


@transaction.atomic
def guidelines_publish(*, title: str, points: list[dict], actor: Actor) -> ConductGuidelines:
    """Publish a new version of the conduct guidelines; everyone is asked to agree again."""
    for point in points:
        if not point.get("text") or not point.get("alt"):
            raise CoopError("Each point needs words and a picture description.")
    last = ConductGuidelines.objects.select_for_update().order_by("-version").first()
    guidelines = ConductGuidelines.objects.create(
        version=(last.version + 1) if last else 1,
        title=title,
        points=points,
        published_at=timezone.now(),
    )
    audit(actor=actor, action="guidelines.published", target=guidelines)
    return guidelines


def guidelines_current_or_publish(
    *, title: str, points: list[dict], actor: Actor
) -> ConductGuidelines:
    """The current guidelines, publishing these as the first version when there are none."""
    current = ConductGuidelines.objects.order_by("-version").first()
    return current or guidelines_publish(title=title, points=points, actor=actor)


@transaction.atomic
def guidelines_agree(
    *, member: Member, guidelines: ConductGuidelines, actor: Actor, helped_by: str = ""
) -> GuidelinesAgreement:
    """Record that the member agreed this version. Agreeing twice keeps the first record."""
    agreement, created = GuidelinesAgreement.objects.get_or_create(
        member=member,
        guidelines=guidelines,
        defaults={"agreed_at": timezone.now(), "helped_by": helped_by, "recorded_by": actor},
    )
    if created:
        audit(
            actor=actor,
            action="guidelines.agreed",
            target=member,
            on_behalf_of=member.user if actor != member.user else None,
            data={"version": guidelines.version, "helped_by": helped_by},
        )
    return agreement
