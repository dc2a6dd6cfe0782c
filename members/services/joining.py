"""Joining: an application from the join pages, and an account when it is approved."""

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from coop.actors import Actor
from coop.audit import audit
from members.models import Branch, ContactWay, Member, User
from members.outbox.services import Words, copy_of, tell, tell_user
from members.outbox.ways import way_for
from members.selectors import guidelines_current
from members.services.core import guidelines_agree, member_add

__all__ = ["member_account_ensure", "member_apply"]


def member_apply(
    *,
    actor: Actor,
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
    base = slugify(f"{member.called}.{member.last_name}")[:120]
    return f"{base or 'member'}-{member.membership_number.lower()}"


@transaction.atomic
def member_account_ensure(*, member: Member, actor: Actor) -> User:
    """Give an approved member a sign-in account if they have none, and welcome them their
    way (by email, with a link to sign in; otherwise an organiser prints a sign-in
    letter). Calling it again returns the account there is."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.user is not None:
        return member.user
    user = User(
        username=_username_for(member),
        first_name=member.called,
        last_name=member.last_name,
        email=member.email,
    )
    user.set_unusable_password()
    user.save()
    member.user = user
    member.save(update_fields=["user"])
    audit(actor=actor, action="member.account_created", target=member)
    _welcome(member, user)
    return user


def _welcome(member: Member, user: User) -> None:
    """Welcome the new member their way: by email with a link to sign in (made when it is
    sent), or in the words of a text, a letter or a call; supporters who asked for copies
    get one by email, whatever the member's way."""
    key = f"welcome:{member.pk}"
    reach = way_for(member)
    by_email = bool(reach) and reach[0] == ContactWay.EMAIL
    if by_email:
        tell_user(user, "welcome_link", to=reach[1], key=key)
    words = Words(
        f"Welcome to {settings.SITE_NAME}",
        [
            f"Hello {member.called},",
            "",
            f"Welcome to {settings.SITE_NAME}. You are a member now.",
            "You can come to our activities and have your say.",
            "We have sent you an email with a link to sign in to our website."
            if by_email
            else "An organiser will give you a letter to sign in to our website.",
            "",
            f"Need help? Call us on {settings.HELP_PHONE}.",
        ],
    )
    tell(
        member,
        "welcome",
        words,
        key=key,
        copy_words=lambda supporter: copy_of(words, supporter, member),
        # By email the member's own welcome is the sign-in link above.
        member_ways=() if by_email else None,
    )
