"""The messages that carry a sign-in link: asked for on the sign-in page, the welcome to a
new member, and the invitation to a supporter. Each goes through the outbox, and its link
is made only when the worker sends it, so no link is ever stored (only its hash, as for
every sign-in link)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from members.models import SignInLink, SupportLink, User
from members.outbox.models import Message
from members.outbox.services import Words, register_words
from members.services.core import signin_link_create, signin_link_url

__all__ = ["register"]


def _link(user: User) -> str:
    # The hourly limit was applied when the message was asked for.
    _, token = signin_link_create(
        user=user, actor=None, channel=SignInLink.Channel.EMAIL, check_limit=False
    )
    return signin_link_url(token)


def _words(subject: str, template: str, context: dict) -> Words:
    context = {
        "site_name": settings.SITE_NAME,
        "help_phone": settings.HELP_PHONE,
        "hours": settings.SIGNIN_LINK_EMAIL_HOURS,
        **context,
    }
    return Words(subject=subject, lines=render_to_string(template, context).splitlines())


def signin_words(message: Message) -> Words:
    user = message.user
    return _words(
        f"Your link to sign in to {settings.SITE_NAME}",
        "members/email/signin_link.txt",
        {"name": user.first_name or user.username, "url": _link(user)},
    )


def welcome_words(message: Message) -> Words:
    user = message.user
    return _words(
        f"Welcome to {settings.SITE_NAME}",
        "members/email/welcome.txt",
        {"name": user.first_name, "url": _link(user)},
    )


def invitation_words(message: Message) -> Words:
    link = SupportLink.objects.select_related("supporter", "member").get(pk=message.data["link"])
    return _words(
        f"{link.member.display_name} asked you to help them with {settings.SITE_NAME}",
        "members/email/support_invitation.txt",
        {
            "supporter": link.supporter.first_name or link.supporter.username,
            "member": link.member.display_name,
            "url": _link(link.supporter) + "?next=" + reverse("support-invitations"),
        },
    )


def register() -> None:
    """Called when the app is ready, in the web server and in the task worker alike."""
    register_words("signin_link", signin_words)
    register_words("welcome_link", welcome_words)
    register_words("support_invitation", invitation_words)
