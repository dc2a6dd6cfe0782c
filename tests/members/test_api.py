import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_token_then_me_returns_membership_and_roles(api, cast):
    response = api.post(
        reverse("members_api:token"), {"username": "member", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get(reverse("members_api:me")).json()
    assert me == {
        "id": cast.member.pk,
        "membership_number": cast.member_row.membership_number,
        "name": "May Okafor",
        "status": "active",
        "branch": "Northfield",
        "roles": ["member"],
    }


def test_wrong_password_gets_no_token(api, cast):
    response = api.post(
        reverse("members_api:token"), {"username": "member", "password": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_api_token_attempts_count_towards_the_lockout(api, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post(
            reverse("members_api:token"), {"username": "member", "password": "x"}, format="json"
        )
    response = api.post(
        reverse("members_api:token"), {"username": "member", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert b"token" not in response.content


def test_me_without_credentials_is_refused(api, cast):
    assert api.get(reverse("members_api:me")).status_code in (401, 403)


def test_session_auth_works_for_the_api(client, cast):
    client.force_login(cast.organiser)
    me = client.get(reverse("members_api:me")).json()
    assert me["roles"] == ["organiser"]
    assert me["membership_number"] is None


def test_outsider_sees_only_themself(api, cast):
    api.force_authenticate(cast.outsider)
    me = api.get(reverse("members_api:me")).json()
    assert me["id"] == cast.outsider.pk and me["roles"] == []


def test_openapi_schema_describes_me(client, cast):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/me/" in response.content.decode()


def test_api_docs_page_is_served_without_a_cdn(client, cast):
    html = client.get(reverse("api-docs")).content.decode()
    assert "cdn" not in html.lower()
