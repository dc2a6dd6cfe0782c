"""A session and its signed-in person in one trip to Redis (members/sessions.py, issue 23):
a signed-in session's key ends with its person's id, a hint that is never trusted.

These run against the real Redis `make test` starts (REDIS_URL)."""

import hashlib

import pytest
from axes.models import AccessLog
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.crypto import get_random_string
from django_redis import get_redis_connection

from members import auth_cache, sessions
from tests.conftest import PASSWORD

pytestmark = pytest.mark.skipif(
    not auth_cache.enabled(), reason="needs the shared cache: make test starts Redis"
)


def redis_reads(client: Client, url: str) -> dict[str, int]:
    """The GETs and MGETs Redis served for one request (its own command counts)."""
    redis = get_redis_connection("default")
    redis.config_resetstat()
    assert client.get(url).status_code == 200
    stats = redis.info("commandstats")
    return {name: stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in ("get", "mget")}


def session_for(user, key: str) -> str:
    """A signed-in session for `user` saved under exactly `key`."""
    store = sessions.SessionStore(session_key=key)
    # Set without loading: loading a key that is not saved yet forgets the key.
    store._session_cache = {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: auth_cache.BACKEND,
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }
    store.save(must_create=True)
    assert store.session_key == key
    return key


def test_signing_in_makes_a_new_key_that_ends_with_the_person(cast):
    client = Client()
    before = client.session  # a session from before signing in
    before["seen"] = True
    before.save()
    old_key = before.session_key
    response = client.post(reverse("signin"), {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    key = client.cookies["sessionid"].value
    assert key != old_key
    assert not sessions.SessionStore().exists(old_key)  # a key known before is useless after
    assert len(key) == sessions.RANDOM_LENGTH + len(str(cast.member.pk))
    assert sessions.user_hint(key) == str(cast.member.pk)
    # django-axes wrote down the key the session keeps, so signing out is recorded too.
    log = AccessLog.objects.get(username="member")
    assert log.session_hash == hashlib.sha256(key.encode()).hexdigest()
    assert client.get(reverse("me")).status_code == 200
    client.post(reverse("signout"))
    log.refresh_from_db()
    assert log.logout_time is not None


def test_the_key_is_there_straight_after_signing_in_even_without_axes_log(cast, settings):
    """cycle_key leaves the new key to the save; code after login() in the same request
    still finds one, carrying the person (django-axes' access log made it before)."""
    from django.contrib.auth.signals import user_logged_in

    settings.AXES_DISABLE_ACCESS_LOG = True
    seen = []

    def look(sender, request, user, **kwargs):
        seen.append(request.session.session_key)

    user_logged_in.connect(look)
    try:
        client = Client()
        client.post(reverse("signin"), {"username": "member", "password": PASSWORD})
    finally:
        user_logged_in.disconnect(look)
    assert seen == [client.cookies["sessionid"].value]
    assert sessions.user_hint(seen[0]) == str(cast.member.pk)


def test_a_signed_in_page_asks_redis_once_for_the_session_and_the_person(cast):
    client = Client()
    client.force_login(cast.member)
    assert sessions.user_hint(client.cookies["sessionid"].value) == str(cast.member.pk)
    cache.delete(auth_cache.user_key(cast.member.pk))  # the stale mark signing in leaves
    client.get(reverse("me"))  # fills the cache
    assert redis_reads(client, reverse("me")) == {"get": 0, "mget": 1}


def test_a_session_from_before_hints_still_works_in_two_trips(cast):
    client = Client()
    client.cookies["sessionid"] = session_for(cast.member, get_random_string(32, VALID_KEY_CHARS))
    cache.delete(auth_cache.user_key(cast.member.pk))
    client.get(reverse("me"))
    assert redis_reads(client, reverse("me")) == {"get": 2, "mget": 0}


def test_a_key_that_hints_at_someone_else_signs_in_only_its_own_person(cast):
    """The hint picks what is fetched, never who is signed in: the member's session under a
    key ending with the organiser's id is the member's, and the organiser's cached entry
    fetched beside it is dropped."""
    organiser = Client()
    organiser.force_login(cast.organiser)
    cache.delete(auth_cache.user_key(cast.organiser.pk))
    assert organiser.get(reverse("organiser-home")).status_code == 200
    assert isinstance(cache.get(auth_cache.user_key(cast.organiser.pk)), type(cast.organiser))

    client = Client()
    key = get_random_string(32, VALID_KEY_CHARS) + str(cast.organiser.pk)
    client.cookies["sessionid"] = session_for(cast.member, key)
    assert client.get(reverse("organiser-home")).status_code == 403
    response = client.get(reverse("me"))
    assert response.status_code == 200
    assert response.wsgi_request.user == cast.member


def test_a_hint_that_is_not_a_session_signs_nobody_in(cast):
    client = Client()
    client.cookies["sessionid"] = get_random_string(32, VALID_KEY_CHARS) + str(cast.member.pk)
    response = client.get(reverse("me"))
    assert response.status_code == 302 and reverse("signin") in response.url


def test_a_role_taken_away_counts_on_the_next_request_through_the_one_trip(cast):
    from members import services
    from members.models import Role

    client = Client()
    client.force_login(cast.organiser)
    cache.delete(auth_cache.user_key(cast.organiser.pk))
    assert client.get(reverse("organiser-home")).status_code == 200
    assert redis_reads(client, reverse("organiser-home"))["mget"] == 1  # the one trip
    services.role_revoke(user=cast.organiser, role=Role.ORGANISER, actor=cast.admin)
    assert client.get(reverse("organiser-home")).status_code == 403


def test_keys_for_ids_too_long_to_fit_carry_no_hint(db):
    store = sessions.SessionStore()
    store[SESSION_KEY] = "123456789"  # nine digits: 41 characters, more than the column holds
    assert len(store._get_new_session_key()) == sessions.RANDOM_LENGTH
    store[SESSION_KEY] = "12345678"
    assert sessions.user_hint(store._get_new_session_key()) == "12345678"
    assert sessions.user_hint("x" * 32 + "12a") is None
    assert sessions.user_hint("x" * 32) is None
    assert sessions.user_hint("x" * 32 + "\u00b2") is None  # a digit, but not 0-9
