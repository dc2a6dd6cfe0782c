"""Joining: an application from the join pages, and an account when it is approved."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.text import slugify

from coop.audit import audit
from members.models import Branch, Member, User
from members.selectors import guidelines_current
from members.services.core import (
    TooManySignInLinks,
    guidelines_agree,
    member_add,
    signin_link_create,
    signin_link_url,
)

__all__ = ["member_account_ensure", "member_apply"]


def member_apply(
    *,
    actor: User | None,
    branch: Branch,
    first_name: str,
    last_name: str,
    agrees_guidelines: bool,
    helped_by: str = "",
    **details,
) -> Member:
    """A person applies to join (from the join pages, perhaps with a supporter beside
    them). Records their agreement to the current guidelines with who helped them read
    them. The application waits for an organiser to approve it."""
    with transaction.atomic():
        member = member_add(
            actor=actor,
            branch=branch,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            **details,
        )
        current = guidelines_current()
        if agrees_guidelines and current is not None:
            guidelines_agree(
                member=member, guidelines=current, actor=actor, helped_by=helped_by.strip()
            )
        audit(
            actor=actor,
            action="member.applied",
            target=member,
            data={"helped_by": helped_by.strip()},
        )
    return member


def _username_for(member: Member) -> str:
    base = slugify(f"{member.known_as or member.first_name}.{member.last_name}")[:120]
    return f"{base or 'member'}-{member.membership_number.lower()}"


@transaction.atomic
def member_account_ensure(*, member: Member, actor: User | None) -> User:
    """Give an approved member a sign-in account if they have none, and email them a link
    to sign in when they have an email address (otherwise an organiser prints a letter).
    Calling it again returns the account there is."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.user is not None:
        return member.user
    user = User(
        username=_username_for(member),
        first_name=member.known_as or member.first_name,
        last_name=member.last_name,
        email=member.email,
    )
    user.set_unusable_password()
    user.save()
    member.user = user
    member.save(update_fields=["user"])
    audit(actor=actor, action="member.account_created", target=member)
    if member.email:
        transaction.on_commit(lambda: _send_welcome(user))
    return user


def _send_welcome(user: User) -> None:
    try:
        _, token = signin_link_create(user=user, actor=None, channel="email")
    except TooManySignInLinks:
        return
    context = {
        "name": user.first_name,
        "url": signin_link_url(token),
        "hours": settings.SIGNIN_LINK_EMAIL_HOURS,
        "site_name": settings.SITE_NAME,
        "help_phone": settings.HELP_PHONE,
    }
    send_mail(
        subject=f"Welcome to {settings.SITE_NAME}",
        message=render_to_string("members/email/welcome.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
