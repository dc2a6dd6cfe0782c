"""Sessions read from the shared cache together with their signed-in person: one trip to
Redis for both, where Django's `cached_db` engine and members.auth_cache made two.

Under load each trip to Redis costs the machine 90-130 microseconds, a third of Django's
whole request for a trivial page (bench/README.md, "The sixth round"), and every signed-in
page made two: the session, then the person it names. The second key depends on the first
(the person's id is inside the session), so they could not be asked for together. Here a
signed-in session's key ends with its person's id, as a hint: the session and that person's
cache entry are fetched with one MGET.

The hint is never trusted. The person signed in is still the one the session itself names,
checked against the session's password hash as Django always does; the entry fetched
beside it is used only when it is that person's entry, and is otherwise dropped (the
person is then read as before). A key with a hint in it is as hard to guess as any other:
its first 32 characters are Django's own random key.

- `SessionStore` (SESSION_ENGINE = "members.sessions" with REDIS_URL): Django's `cached_db`
  store, whose keys made once someone is signed in carry the hint, and whose `load` fetches
  the hinted person too. Sessions made before this (32 characters, no hint) still work, at
  two trips.
- `AuthenticationMiddleware`: Django's, which hands the session's fetched entry to
  members.auth_cache.CachedModelBackend while it finds the signed-in person.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthMiddleware
from django.contrib.sessions.backends import cached_db
from django.core.cache import DEFAULT_CACHE_ALIAS
from django.utils.functional import SimpleLazyObject

from members import auth_cache

# Django's random part of a session key; the hint follows it.
RANDOM_LENGTH = 32
# django_session.session_key holds 40 characters: ids of up to 8 digits get a hint.
KEY_LENGTH = 40


def user_hint(session_key: str | None) -> str | None:
    """The person's id a session key ends with, or None."""
    if session_key and len(session_key) > RANDOM_LENGTH:
        hint = session_key[RANDOM_LENGTH:]
        if hint.isascii() and hint.isdigit():
            return hint
    return None


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        # The cache's answer for the hinted person, once load() has asked: {key: entry}.
        self._fetched_users: dict[str, object] = {}

    def _get_new_session_key(self) -> str:
        """Django's random key, followed by the signed-in person's id when there is one."""
        key = super()._get_new_session_key()
        user_id = str(getattr(self, "_session_cache", {}).get(SESSION_KEY, ""))
        if user_id.isascii() and user_id.isdigit() and len(key) + len(user_id) <= KEY_LENGTH:
            return key + user_id
        return key

    def cycle_key(self) -> None:
        """Django's cycle_key, but the new key is made when the session is next saved
        (as after flush()), not at once: signing in cycles the key before it puts the
        person in the session, and the key should carry them. The old key is deleted now,
        as Django does, so a key known before signing in is useless after."""
        data = self._session
        key = self.session_key
        self._session_key = None
        self._session_cache = data
        self.modified = True
        if key:
            self.delete(key)

    def load(self) -> dict:
        hint = user_hint(self.session_key)
        if (
            hint is None
            or not auth_cache.enabled()
            or settings.SESSION_CACHE_ALIAS != DEFAULT_CACHE_ALIAS
        ):
            return super().load()
        user_key = auth_cache.user_key(hint)
        try:
            found = self._cache.get_many([self.cache_key, user_key])
        except Exception:  # as cached_db.load: an unusable key is no session
            found = {}
        self._fetched_users = {user_key: found.get(user_key)}
        data = found.get(self.cache_key)
        if data is None:
            return super().load()  # not cached: Django's own way, from the database
        return data

    def fetched_user_entry(self, key: str) -> tuple[bool, object]:
        """(True, entry) once, if load() fetched `key` (entry None when the cache had
        none); else (False, None)."""
        if key in self._fetched_users:
            return True, self._fetched_users.pop(key)
        return False, None


def _get_user(request):
    if not hasattr(request, "_cached_user"):
        token = auth_cache.finding_user_for.set(request.session)
        try:
            request._cached_user = auth.get_user(request)
        finally:
            auth_cache.finding_user_for.reset(token)
    return request._cached_user


def key_at_sign_in(sender, request, user, **kwargs) -> None:
    """user_logged_in (members.apps): the key made now if cycle_key left it to the save,
    so code after login() in the same request (django-axes writes the key down) finds
    one, and it carries the person."""
    session = getattr(request, "session", None)
    if isinstance(session, SessionStore) and session.session_key is None:
        session.create()


class AuthenticationMiddleware(DjangoAuthMiddleware):
    """Django's, finding the signed-in person with what the session fetched beside it."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _get_user(request))
