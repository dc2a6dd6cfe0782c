"""API token sign-in when the token's owner is not cached (members/auth_cache.py
_token_owner): one plain query, with DRF's own answers and refusals, with the shared
cache and without it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from members import auth_cache


@pytest.fixture(params=["cached", "not cached"])
def sign_in(request, settings):
    if request.param == "not cached":
        settings.USER_CACHE_SECONDS = 0
    return auth_cache.CachedTokenAuthentication().authenticate_credentials


def refusal(authenticate, key: str) -> str:
    with pytest.raises(AuthenticationFailed) as refused:
        authenticate(key)
    return str(refused.value.detail)


def test_a_token_signs_in_its_owner_in_one_query(cast, sign_in):
    token = Token.objects.create(user=cast.member)
    cache.delete(auth_cache._token_key(token.key))
    with CaptureQueriesContext(connection) as queries:
        user, given = sign_in(token.key)
    assert len(queries) == 1
    assert (user, user.username, user.is_active) == (cast.member, "member", True)
    assert (given.key, given.user) == (token.key, cast.member)
    # As DRF answers.
    drf_user, drf_token = TokenAuthentication().authenticate_credentials(token.key)
    assert (drf_user, drf_token.key, drf_token.user) == (user, given.key, given.user)
    if auth_cache.enabled():
        assert cache.get(auth_cache._token_key(token.key)) == cast.member.pk


def test_an_unknown_token_is_refused_as_drf_refuses_it(cast, sign_in):
    Token.objects.create(user=cast.member)
    assert refusal(sign_in, "0" * 40) == "Invalid token."
    assert refusal(TokenAuthentication().authenticate_credentials, "0" * 40) == "Invalid token."


def test_the_token_of_an_inactive_person_is_refused_as_drf_refuses_it(cast, sign_in):
    token = Token.objects.create(user=cast.member)
    cast.member.is_active = False
    cast.member.save()
    cache.delete(auth_cache._token_key(token.key))
    assert refusal(sign_in, token.key) == "User inactive or deleted."
    drf = TokenAuthentication().authenticate_credentials
    assert refusal(drf, token.key) == "User inactive or deleted."
    assert cache.get(auth_cache._token_key(token.key)) is None  # nothing cached for them
