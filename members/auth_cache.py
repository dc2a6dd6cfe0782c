"""The signed-in user and their roles, kept in the shared cache (README "Deploying"), so a
signed-in page reads neither from the database; the session is cached the same way, by
Django's `cached_db` session engine, and members.sessions fetches a signed-in session and
its user's entry here in one trip.

The database stays the one source of truth, and a change takes effect on the next request:
- every change to a user, a role, a membership or a support link marks the users it touches
  stale, at once and again when its transaction commits (`forget_users`);
- a stale mark lasts STALE_SECONDS. While it lasts the user is read from the database and
  not cached: a request that read the old rows just before the change cannot put them back,
  because it adds its entry only where there is none (Redis SET NX) and the mark is one;
- an entry lives USER_CACHE_SECONDS at most, a bound on anything written behind Django's
  back (raw SQL, a restore).
Bulk updates send no signals: code that changes these rows with `QuerySet.update` calls
`forget_users` itself (members.services.erasure does).

With no shared cache (USER_CACHE_SECONDS = 0: REDIS_URL unset) nothing is cached, and each
request reads the user and their roles from the database as before. A cache that is down
answers nothing (django-redis IGNORE_EXCEPTIONS), so pages read the database then too.
"""

import functools
import hashlib
from collections.abc import Iterable
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from coop.sql import column, columns, first_raw, table
from members.models import Member, RoleAssignment, SupportLink, User
from members.selectors import user_roles

STALE = "stale"
STALE_SECONDS = 10
BACKEND = "members.auth_cache.CachedModelBackend"


def user_key(user_id: object) -> str:
    """The cache's name for a user's entry."""
    return f"user:{user_id}"


# The session whose signed-in person is being found: members.sessions sets it around
# Django's auth.get_user, so get_user can take the entry the session fetched with itself.
finding_user_for: ContextVar = ContextVar("auth_cache_finding_user_for", default=None)


def _entry(key: str) -> object:
    """The cache's entry for `key`: the one the session being read fetched with itself
    (members.sessions), else asked for now."""
    session = finding_user_for.get()
    if session is not None and hasattr(session, "fetched_user_entry"):
        fetched, entry = session.fetched_user_entry(key)
        if fetched:
            return entry
    return cache.get(key)


def enabled() -> bool:
    return getattr(settings, "USER_CACHE_SECONDS", 0) > 0


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, with `get_user` (every signed-in request) answered from the
    shared cache: the user with their roles already worked out (user_roles)."""

    def get_user(self, user_id):
        if not enabled():
            return super().get_user(user_id)
        key = user_key(user_id)
        entry = _entry(key)
        if isinstance(entry, User):
            return entry
        user = super().get_user(user_id)
        if user is not None:
            user_roles(user)  # kept on the user (its _coop_roles), so cached with it
            if entry is None:  # never over a stale mark
                cache.add(key, user, settings.USER_CACHE_SECONDS)
        return user


def _token_key(key: str) -> str:
    """The cache's name for an API token: a hash, so no token is written in Redis's keys."""
    return "token:" + hashlib.sha256(key.encode()).hexdigest()


@functools.cache
def _token_owner_sql() -> str:
    """SELECT the user whose API token is %s."""
    return (
        f"SELECT {columns(User)} FROM {table(User)} JOIN {table(Token)}"
        f" ON {column(Token, 'user')} = {column(User, 'id')} WHERE {column(Token, 'key')} = %s"
    )


def _token_owner(key: str) -> tuple[User, Token]:
    """DRF's TokenAuthentication.authenticate_credentials (same answers, same refusals),
    with the owner read in one plain query: every API client in `make bench`'s race
    signs in with a token not yet cached, and DRF's ORM read cost 0.6 ms of Python
    against 0.3 ms. The token is given back unsaved, as from the cache: nothing reads
    more of it than its key and user."""
    user = first_raw(User, _token_owner_sql(), [key])
    if user is None:
        raise AuthenticationFailed(_("Invalid token."))
    if not user.is_active:
        raise AuthenticationFailed(_("User inactive or deleted."))
    return user, Token(key=key, user=user)


class CachedTokenAuthentication(TokenAuthentication):
    """DRF's API token sign-in, with the token's owner from the shared cache (the token
    to its owner's id, then the owner as get_user gives them): no query to sign in. A
    token deleted or made again is marked stale like a user (`_token_changed`)."""

    def authenticate_credentials(self, key):
        if not enabled():
            return _token_owner(key)
        name = _token_key(key)
        owner = cache.get(name)
        if not isinstance(owner, int):
            user, token = _token_owner(key)
            if owner is None:  # never over a stale mark
                cache.add(name, user.pk, settings.USER_CACHE_SECONDS)
            return user, token
        user = CachedModelBackend().get_user(owner)  # None when inactive or deleted
        if user is None:
            raise AuthenticationFailed("User inactive or deleted.")
        return user, Token(key=key, user=user)


def _token_changed(sender, instance, **kwargs) -> None:
    mark_stale([_token_key(instance.key)])


def mark_stale(keys: Iterable[str]) -> None:
    """Mark these cache entries stale now and again when the transaction commits (a
    request between the two could otherwise cache the rows from before the change)."""
    marks = dict.fromkeys(keys, STALE)
    if not enabled() or not marks:
        return
    cache.set_many(marks, STALE_SECONDS)
    transaction.on_commit(lambda: cache.set_many(marks, STALE_SECONDS))


def forget_users(user_ids: Iterable[int | None]) -> None:
    """Mark these users stale (mark_stale)."""
    mark_stale(user_key(pk) for pk in set(user_ids) if pk is not None)


# Which field of each model names a user whose roles it decides.
_USER_FIELD = {
    User: "id",
    RoleAssignment: "user_id",
    Member: "user_id",
    SupportLink: "supporter_id",
}


def _before_save(sender, instance, **kwargs) -> None:
    """A membership or a support link moved to another user: the one it named before
    loses what it gave them, so that user is marked stale too (one query a save)."""
    if enabled() and instance.pk is not None:
        field = _USER_FIELD[sender]
        before = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
        instance._coop_user_before = before


def _changed(sender, instance, **kwargs) -> None:
    if not enabled():
        return
    named = getattr(instance, _USER_FIELD[sender])
    user_ids = {named, getattr(instance, "_coop_user_before", None)}
    if sender is Member and instance.pk is not None:
        # A membership that stops being active takes away its supporters' access too.
        supporters = SupportLink.objects.filter(member_id=instance.pk)
        user_ids.update(supporters.values_list("supporter_id", flat=True))
    forget_users(user_ids)


def connect() -> None:
    """Called once from MembersConfig.ready()."""
    for model in _USER_FIELD:
        label = model._meta.label_lower
        if model in (Member, SupportLink):
            pre_save.connect(_before_save, sender=model, dispatch_uid=f"auth_cache.pre.{label}")
        post_save.connect(_changed, sender=model, dispatch_uid=f"auth_cache.save.{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"auth_cache.delete.{label}")
    post_save.connect(_token_changed, sender=Token, dispatch_uid="auth_cache.token.save")
    post_delete.connect(_token_changed, sender=Token, dispatch_uid="auth_cache.token.delete")
