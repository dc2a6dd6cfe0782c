import datetime as dt
import re
import runpy
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import coop.settings as settings_module
from members import services
from members.models import SignInLink
from members.outbox.models import Message
from members.outbox.sending import send_due
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_password_signin_takes_member_to_my_page(client, cast):
    response = client.post(reverse("signin"), {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response.url, follow=True).request["PATH_INFO"] == reverse("me")


def test_wrong_password_says_so_and_signs_nobody_in(client, cast):
    response = client.post(reverse("signin"), {"username": "member", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The username or password is not right." in html
    assert "<title>Error: Sign in – Our Co-operative</title>" in html
    assert "_auth_user_id" not in client.session


def test_empty_signin_form_names_each_missing_field(client, cast):
    html = client.post(reverse("signin"), {}).content.decode()
    assert 'href="#id_username">Please type your username.' in html
    assert 'href="#id_password">Please type your password.' in html


def test_five_wrong_passwords_lock_out_even_the_right_one(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("signin"), {"username": "member", "password": "wrong"})
    response = client.post(reverse("signin"), {"username": "member", "password": PASSWORD})
    assert response.status_code == 429
    assert "Please wait before you try again" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_so_others_still_sign_in(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("signin"), {"username": "member", "password": "wrong"})
    response = client.post(reverse("signin"), {"username": "board", "password": PASSWORD})
    assert response.status_code == 302


def test_signin_link_signs_in_once(client, cast):
    _, token = services.signin_link_create(user=cast.member, actor=None, channel="email")
    url = reverse("signin-link", kwargs={"token": token})
    assert client.get(url).status_code == 200  # looking at it does not spend it
    response = client.post(url)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == cast.member.pk

    client.logout()
    again = client.post(url)
    assert again.status_code == 410
    assert "used already" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_expired_signin_link_is_refused(client, cast):
    link, token = services.signin_link_create(user=cast.member, actor=None, channel="email")
    SignInLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    response = client.post(reverse("signin-link", kwargs={"token": token}))
    assert response.status_code == 410
    assert "too old" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_made_up_signin_link_is_refused(client, cast):
    response = client.post(reverse("signin-link", kwargs={"token": "not-a-real-token"}))
    assert response.status_code == 410
    assert "does not work" in response.content.decode()


def test_signin_link_is_stored_only_as_a_hash(cast):
    link, token = services.signin_link_create(user=cast.member, actor=None, channel="letter")
    assert token not in link.token_hash
    assert not SignInLink.objects.filter(token_hash=token).exists()


def test_asking_for_a_link_emails_one_that_works(client, cast):
    response = client.post(reverse("signin-link-request"), {"email": "member@example.org"})
    assert response.status_code == 302
    # The request writes the message; the outbox's worker sends it, making the link then.
    assert Message.objects.filter(kind="signin_link", user=cast.member).count() == 1
    assert mail.outbox == [] and not SignInLink.objects.exists()
    assert send_due()["sent"] == 1
    assert len(mail.outbox) == 1
    url = re.search(r"http\S+/signin/link/\S+/", mail.outbox[0].body).group(0)
    assert client.post(urlparse(url).path).status_code == 302


def test_asking_for_a_link_for_an_unknown_address_looks_the_same(client, cast):
    response = client.post(reverse("signin-link-request"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("signin-link-sent")
    assert not Message.objects.exists()
    send_due()
    assert mail.outbox == [] and not SignInLink.objects.exists()


def test_bad_email_in_link_form_is_explained(client, cast):
    response = client.post(reverse("signin-link-request"), {"email": "not an email"})
    html = response.content.decode()
    assert "Please type an email address like name@example.com." in html
    assert "<title>Error: " in html
    assert not SignInLink.objects.exists()


def test_link_requests_are_limited_per_hour(client, cast, settings):
    for _ in range(settings.SIGNIN_LINK_REQUESTS_PER_HOUR + 3):
        response = client.post(reverse("signin-link-request"), {"email": "member@example.org"})
        assert response.url == reverse("signin-link-sent")  # the same answer every time
    send_due()
    assert len(mail.outbox) == settings.SIGNIN_LINK_REQUESTS_PER_HOUR


def test_signing_out_needs_a_post_and_ends_the_session(client, cast):
    client.force_login(cast.member)
    client.post(reverse("signout"))
    assert "_auth_user_id" not in client.session


def settings_behind_proxies(monkeypatch, count: int) -> dict:
    """The axes settings coop.settings makes from TRUSTED_PROXY_COUNT."""
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", str(count))
    made = runpy.run_path(str(Path(settings_module.__file__)))
    return {name: made[name] for name in made if name.startswith(("AXES_IPWARE_", "IPWARE_"))}


def sign_in_from(client, address_chain: str, password: str):
    # The proxy connects from 127.0.0.1 for every client; only X-Forwarded-For differs.
    return client.post(
        reverse("signin"),
        {"username": "member", "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=address_chain,
    )


@pytest.mark.parametrize("proxies", [1, 2])
def test_behind_trusted_proxies_a_lockout_holds_one_client_address_only(
    client, cast, settings, monkeypatch, proxies
):
    for name, value in settings_behind_proxies(monkeypatch, proxies).items():
        setattr(settings, name, value)
    # What each client's chain looks like when it reaches coop: the addresses the trusted
    # proxies added are the last `proxies` entries; the first proxy added the client's.
    inner = ", 10.0.0.2" * (proxies - 1)
    attacker = "81.2.69.142" + inner
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The attacker also makes up addresses of its own: they are ignored.
        sign_in_from(client, f"9.9.9.{number}, {attacker}", "wrong")
    locked = sign_in_from(client, attacker, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session

    member = sign_in_from(client, "81.2.69.160" + inner, PASSWORD)
    assert member.status_code == 302
    assert int(client.session["_auth_user_id"]) == cast.member.pk

    # A request that did not come through the proxies (no header) is answered, not a 500.
    client.logout()
    bare = client.post(reverse("signin"), {"username": "board", "password": "wrong"})
    assert bare.status_code == 200


def test_without_a_trusted_proxy_a_forwarded_address_is_not_believed(
    client, cast, settings, monkeypatch
):
    for name, value in settings_behind_proxies(monkeypatch, 0).items():
        setattr(settings, name, value)
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in_from(client, f"81.2.69.{number}", "wrong")
    assert sign_in_from(client, "81.2.69.160", PASSWORD).status_code == 429


def test_only_the_newest_signin_letter_works(client, cast):
    _, first = services.signin_link_create(user=cast.member, actor=cast.organiser, channel="letter")
    _, second = services.signin_link_create(
        user=cast.member, actor=cast.organiser, channel="letter"
    )
    # An organiser prints the letter again (the member lost it): a third link.
    client.force_login(cast.organiser)
    assert (
        client.get(reverse("signin-letter", kwargs={"pk": cast.member_row.pk})).status_code == 200
    )
    client.logout()
    for token in (first, second):
        refused = client.post(reverse("signin-link", kwargs={"token": token}))
        assert refused.status_code == 410
        assert "_auth_user_id" not in client.session
    _, newest = services.signin_link_create(
        user=cast.member, actor=cast.organiser, channel="letter"
    )
    assert client.post(reverse("signin-link", kwargs={"token": newest})).status_code == 302
    assert int(client.session["_auth_user_id"]) == cast.member.pk


def test_a_new_letter_leaves_an_emailed_link_and_other_members_letters_working(client, cast):
    _, emailed = services.signin_link_create(user=cast.member, actor=None, channel="email")
    _, other = services.signin_link_create(user=cast.board, actor=cast.organiser, channel="letter")
    services.signin_link_create(user=cast.member, actor=cast.organiser, channel="letter")
    assert client.post(reverse("signin-link", kwargs={"token": emailed})).status_code == 302
    client.logout()
    assert client.post(reverse("signin-link", kwargs={"token": other})).status_code == 302
