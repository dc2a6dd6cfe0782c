"""Every answer carries a Content-Security-Policy that refuses inline scripts and a
Permissions-Policy: every page without parameters, as anyone and as each role; the error
pages; and the pay page, which alone adds Stripe's addresses."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import ROLES
from tests.finance.helpers import start_card
from tests.site_paths import plain_paths

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def check(response) -> str | None:
    if "Permissions-Policy" not in response.headers:
        return "no Permissions-Policy"
    if "Content-Security-Policy" not in response.headers:
        return "no Content-Security-Policy"
    directives = policy(response)
    scripts = directives.get("script-src", directives.get("default-src"))
    if scripts != ["'self'"]:
        return f"script-src {scripts}"
    return None


def test_every_plain_page_has_both_headers_for_everyone(cast):
    paths = plain_paths()
    assert len(paths) > 60  # the walk found the site, not a handful of pages
    clients = {"anonymous": Client()}
    for role in ROLES:
        clients[role] = Client()
        clients[role].force_login(cast.by_role(role))
    failures = {}
    for who, client in clients.items():
        for path in paths:
            if problem := check(client.get(path)):
                failures[f"{who} {path}"] = problem
    assert failures == {}


def test_error_answers_have_both_headers(client, cast):
    assert client.get("/no-such-page/").status_code == 404
    assert check(client.get("/no-such-page/")) is None
    client.force_login(cast.member)
    forbidden = client.get(reverse("administrator-home"))
    assert forbidden.status_code in (403, 404)
    assert check(forbidden) is None


def test_the_policy_refuses_inline_script_styles_plugins_and_framing(client):
    directives = policy(client.get(reverse("signin")))
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    permissions = client.get(reverse("signin")).headers["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions


def test_only_the_pay_page_with_card_entry_allows_stripe_js(client, cast, settings):
    payment = start_card(cast)
    client.force_login(cast.member)
    directives = policy(client.get(reverse("pay", args=[payment.pk])))
    assert "https://js.stripe.com" in directives["script-src"]
    assert "'self'" in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "https://js.stripe.com" in directives["frame-src"]
    assert "https://js.stripe.com" not in policy(client.get(reverse("me")))["script-src"]
