"""The shared cache of sessions and signed-in users (members/auth_cache.py, issue 23): a
signed-in page reads neither from the database, and the database stays the one source of
truth: a role, a membership or a support link taken away counts on the very next request.

These run against the real Redis `make test` starts (REDIS_URL)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from members import auth_cache, services
from members.models import Role, SupportLink
from tests.conftest import PASSWORD

pytestmark = pytest.mark.skipif(
    not auth_cache.enabled(), reason="needs the shared cache: make test starts Redis"
)


def signed_in(user) -> Client:
    """A client signed in as `user`, as if the stale mark signing in leaves (it saves
    last_login) had run out: the next request fills the cache."""
    client = Client()
    client.force_login(user)
    cache.delete(auth_cache.user_key(user.pk))
    return client


def session_and_user_queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [
        q["sql"]
        for q in queries.captured_queries
        if '"django_session"' in q["sql"] or 'FROM "members_user"' in q["sql"]
    ]


def test_a_signed_in_page_reads_neither_session_nor_user_from_the_database(cast):
    client = signed_in(cast.organiser)
    client.get(reverse("organiser-home"))  # fills the cache
    assert session_and_user_queries(client, reverse("organiser-home")) == []
    with CaptureQueriesContext(connection) as queries:
        user = auth_cache.CachedModelBackend().get_user(str(cast.organiser.pk))
    assert len(queries) == 0
    # The roles come with the user: navigation and permissions ask no more.
    assert user._coop_roles == ["organiser"]


def test_a_role_taken_away_counts_on_the_next_request(cast):
    client = signed_in(cast.organiser)
    assert client.get(reverse("organiser-home")).status_code == 200
    assert client.get(reverse("organiser-home")).status_code == 200  # from the cache
    services.role_revoke(user=cast.organiser, role=Role.ORGANISER, actor=cast.admin)
    assert client.get(reverse("organiser-home")).status_code == 403


def test_a_role_given_counts_on_the_next_request(cast):
    client = signed_in(cast.member)
    client.get(reverse("me"))
    assert client.get(reverse("organiser-home")).status_code == 403
    services.role_grant(user=cast.member, role=Role.ORGANISER, actor=cast.admin)
    assert client.get(reverse("organiser-home")).status_code == 200


def test_a_lapsed_membership_ends_the_member_and_their_supporter_at_once(cast):
    member, supporter = signed_in(cast.member), signed_in(cast.supporter)
    assert member.get(reverse("me")).status_code == 200
    assert supporter.get(reverse("supporter-home")).status_code == 200
    services.member_lapse(member=cast.member_row, actor=cast.admin, reason="not paid")
    assert member.get(reverse("me")).status_code in (302, 403)
    assert supporter.get(reverse("supporter-home")).status_code in (302, 403)


def test_a_withdrawn_support_link_ends_the_supporters_access_at_once(cast):
    supporter = signed_in(cast.supporter)
    assert supporter.get(reverse("supporter-home")).status_code == 200
    link = SupportLink.objects.get(supporter=cast.supporter, member=cast.member_row)
    services.support_withdraw(link=link, actor=cast.member, reason="")
    assert supporter.get(reverse("supporter-home")).status_code in (302, 403)


def test_erasing_a_member_ends_their_supporters_access_though_links_end_in_bulk(cast):
    supporter = signed_in(cast.supporter)
    assert supporter.get(reverse("supporter-home")).status_code == 200
    services.member_erase(member=cast.member_row, actor=cast.admin, reason="asked")
    assert supporter.get(reverse("supporter-home")).status_code in (302, 403)


def test_a_session_signed_out_stays_signed_out_when_its_cookie_comes_back(cast):
    client = signed_in(cast.member)
    client.get(reverse("me"))
    cookie = client.cookies["sessionid"].value
    client.post(reverse("signout"))
    thief = Client()
    thief.cookies["sessionid"] = cookie
    response = thief.get(reverse("me"))
    assert response.status_code == 302 and reverse("signin") in response.url


def test_a_password_changed_elsewhere_signs_out_every_other_session(cast):
    client = signed_in(cast.member)
    assert client.get(reverse("me")).status_code == 200
    cast.member.set_password("a-new-long-password-1")
    cast.member.save()
    response = client.get(reverse("me"))
    assert response.status_code == 302 and reverse("signin") in response.url


def test_a_request_that_read_the_old_rows_cannot_cache_them_after_a_change(cast):
    backend = auth_cache.CachedModelBackend()
    key = auth_cache.user_key(cast.organiser.pk)
    before = backend.get_user(str(cast.organiser.pk))  # a request reads the user...
    cache.delete(key)
    services.role_revoke(user=cast.organiser, role=Role.ORGANISER, actor=cast.admin)
    # ...and only now tries to cache what it read: the stale mark refuses it.
    assert cache.add(key, before, 300) is False
    assert backend.get_user(str(cast.organiser.pk))._coop_roles == []
    assert cache.get(key) == auth_cache.STALE


def test_without_a_shared_cache_every_request_reads_the_database(cast, settings):
    settings.USER_CACHE_SECONDS = 0
    cache.delete(auth_cache.user_key(cast.member.pk))
    backend = auth_cache.CachedModelBackend()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert backend.get_user(str(cast.member.pk)) == cast.member
        assert len(queries) == 1
    assert cache.get(auth_cache.user_key(cast.member.pk)) is None


def test_with_redis_down_people_still_sign_in_and_use_their_pages(cast, settings, tmp_path):
    """IGNORE_EXCEPTIONS: a cache that cannot be reached answers nothing, and every page
    reads the database; nobody sees an error page."""
    dead = dict(settings.CACHES["default"], LOCATION=f"unix://{tmp_path}/no-redis.sock")
    settings.CACHES = {"default": dead}
    client = Client()
    response = client.post(reverse("signin"), {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("me")).status_code == 200
    assert client.post(reverse("signout")).status_code == 302
    assert client.get(reverse("me")).status_code == 302


def api_client(user) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    cache.delete(auth_cache.user_key(user.pk))  # as after the stale mark of the token's making
    cache.delete(auth_cache._token_key(token.key))
    return client


def test_an_api_token_signs_in_with_no_query_once_cached(cast):
    client = api_client(cast.organiser)
    assert client.get(reverse("members_api:me")).json()["roles"] == ["organiser"]
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("members_api:me"))
    sign_in = [q["sql"] for q in queries.captured_queries if "authtoken_token" in q["sql"]]
    assert sign_in == []
    assert session_and_user_queries(client, reverse("members_api:me")) == []


def test_an_api_token_deleted_is_refused_on_the_next_request(cast):
    client = api_client(cast.member)
    assert client.get(reverse("members_api:me")).status_code == 200
    assert client.get(reverse("members_api:me")).status_code == 200  # from the cache
    Token.objects.filter(user=cast.member).delete()
    # 403, not 401: the first of the API's sign-ins (the session) names no scheme (DRF).
    assert client.get(reverse("members_api:me")).status_code == 403


def test_an_api_token_of_a_person_made_inactive_is_refused_on_the_next_request(cast):
    client = api_client(cast.member)
    assert client.get(reverse("members_api:me")).status_code == 200
    assert client.get(reverse("members_api:me")).status_code == 200  # the person cached
    assert isinstance(cache.get(auth_cache.user_key(cast.member.pk)), type(cast.member))
    cast.member.is_active = False
    cast.member.save()
    assert client.get(reverse("members_api:me")).status_code == 403


def test_an_api_role_taken_away_counts_on_the_next_request(cast):
    client = api_client(cast.organiser)
    assert client.get(reverse("members_api:member-list")).status_code == 200
    services.role_revoke(user=cast.organiser, role=Role.ORGANISER, actor=cast.admin)
    assert client.get(reverse("members_api:member-list")).status_code == 403
