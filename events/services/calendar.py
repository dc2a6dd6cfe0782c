"""A member's private calendar link."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from coop.actors import Actor
from coop.audit import audit
from events.models import CalendarFeed
from members.models import Member

__all__ = ["calendar_feed_get_or_create", "calendar_feed_renew"]

TOKEN_BYTES = 32


def _new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def calendar_feed_get_or_create(*, member: Member) -> CalendarFeed:
    """The member's private link, made the first time it is asked for."""
    feed = CalendarFeed.objects.filter(member=member).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(member=member, token=_new_token())
    except IntegrityError:  # made at the same moment by another request
        return CalendarFeed.objects.get(member=member)


@transaction.atomic
def calendar_feed_renew(*, member: Member, actor: Actor) -> CalendarFeed:
    """A new private link: the old one stops working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(member=member).first()
    if feed is None:
        feed = CalendarFeed.objects.create(member=member, token=_new_token())
    else:
        feed.token, feed.created_at = _new_token(), timezone.now()
        feed.save(update_fields=["token", "created_at"])
    audit(
        actor=actor,
        action="calendar_feed.renewed",
        target=member,
        on_behalf_of=member.user if actor != member.user else None,
    )
    return feed
