"""The areas (branches) as (id, name) pairs, for the lists that choose one (What's on's
filter): kept in the shared cache, as the signed-in user is (members/auth_cache.py), so
the page members open most does not read the branches from the database every time.

The database stays the one source of truth, the same way as for users: saving or deleting
a branch marks the list stale, at once and again when its transaction commits, and a
stale list is read from the database and not cached until the mark has gone (STALE
SECONDS), so a branch renamed or added shows on the next request. Code that writes
branches behind Django's back (bulk_create, QuerySet.update, raw SQL) calls `forget`
itself; an entry lives BRANCH_CACHE_SECONDS at most. With no shared cache (no REDIS_URL)
each request reads the branches, as before.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from members.auth_cache import enabled, mark_stale
from members.models import Branch

KEY = "branch-choices"
BRANCH_CACHE_SECONDS = 300


def branch_choices() -> list[tuple[int, str]]:
    """Every branch's id and name, in the branches' own order (by name)."""
    if not enabled():
        return _read()
    entry = cache.get(KEY)
    if isinstance(entry, list):
        return entry
    choices = _read()
    if entry is None:  # never over a stale mark
        cache.add(KEY, choices, BRANCH_CACHE_SECONDS)
    return choices


def _read() -> list[tuple[int, str]]:
    return list(Branch.objects.values_list("pk", "name"))


def forget() -> None:
    """Mark the list stale (auth_cache.mark_stale)."""
    mark_stale([KEY])


def _changed(sender, instance, **kwargs) -> None:
    forget()


def connect() -> None:
    """Called once from MembersConfig.ready()."""
    post_save.connect(_changed, sender=Branch, dispatch_uid="branch_cache.save")
    post_delete.connect(_changed, sender=Branch, dispatch_uid="branch_cache.delete")
