"""A meeting's pack as its page shows it (the agenda and every paper, in one version),
kept in the shared cache: the same for everyone who may read it, read often by the board
in the days before a meeting, and the dearest page the board opens to make (4 queries,
a card for each part of each paper).

The database stays the one source of truth:
- every entry carries the pack generation it was made in, and is used only while the
  generation is the same. The generation is read before the rows the entry is made from;
- any change to a meeting, an agenda item, a paper, a paper's part or a member (an item's
  presenter) makes a new generation at once, and again when its transaction commits: so
  an entry made from rows read before a change was committed is never used after it;
- writes that send no signals (bulk_create, QuerySet.update) call `forget_packs`
  themselves;
- an entry lives ENTRY_SECONDS at most, a bound on anything written behind Django's back,
  and on a change whose new generation the cache failed to take (it was down or slow);
- each process keeps its own entries: a process running other code (after a deploy: other
  templates, other static files' names) never reads what another made.
One generation for every pack: any change makes every pack again once, which is cheap for
a handful of meetings and cannot miss a paper moved from one meeting to another.

Without a shared cache (REDIS_URL unset: members.auth_cache.enabled() is false) nothing is
kept, and a cache that is down answers nothing, so the pack is made each time.
"""

import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from members import auth_cache

GENERATION = "pack-generation"
ENTRY_SECONDS = 600
# Made anew in each process, and part of its entries' names (see the module's docstring).
_PROCESS = secrets.token_hex(8)


def _key(meeting_pk: int, version: str) -> str:
    return f"pack:{meeting_pk}:{version}:{_PROCESS}"


def pack_html(meeting_pk: int, version: str, make: Callable[[], str]) -> str:
    """The pack's HTML for this meeting and version: kept, or made by `make()` and kept.
    `make` must read every row it shows itself, after this has read the generation. One
    trip to the cache when kept; two when made (four the first time)."""
    if not auth_cache.enabled():
        return make()
    key = _key(meeting_pk, version)
    found = cache.get_many([GENERATION, key])
    generation = found.get(GENERATION)
    entry = found.get(key)
    if generation is not None and isinstance(entry, tuple) and entry[0] == generation:
        return entry[1]
    if generation is None:
        cache.add(GENERATION, _new_generation(), None)
        generation = cache.get(GENERATION)
    html = make()
    if generation is not None:
        cache.set(key, (generation, html), ENTRY_SECONDS)
    return html


def _new_generation() -> str:
    return secrets.token_hex(8)


def forget_packs() -> None:
    """A new generation now and again when the transaction commits: every kept pack is
    made again (see the module's docstring)."""
    if not auth_cache.enabled():
        return
    cache.set(GENERATION, _new_generation(), None)
    transaction.on_commit(lambda: cache.set(GENERATION, _new_generation(), None))


def _changed(sender, **kwargs) -> None:
    forget_packs()


def connect() -> None:
    """Called once from BoardConfig.ready()."""
    from board.meetings.models import AgendaItem, Meeting, Paper, PaperPart
    from members.models import Member

    for model in (Meeting, AgendaItem, Paper, PaperPart, Member):
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"pack_cache.save.{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"pack_cache.delete.{label}")
