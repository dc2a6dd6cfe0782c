"""The test harness is real: tests run on PostgreSQL, the real Stripe library talks to a fake
Stripe server on this machine, and the browser is Debian's Chromium (not a download)."""

import json
import os
import shutil
import subprocess
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import pytest
import stripe
from django.conf import settings
from django.db import connection

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _setting(name: str) -> str:
    value = getattr(settings, name, None) or os.environ.get(name, "")
    assert value, f"{name} is not set: run the tests with `make test`"
    return value


@pytest.mark.django_db
def test_tests_run_on_postgresql():
    assert connection.vendor == "postgresql"
    assert connection.pg_version // 10000 == 15
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        # pytest-django's own test database, never the `coop` one.
        assert cursor.fetchone()[0].startswith("test_")


def test_stripe_library_talks_to_local_fake_server():
    api_base = _setting("STRIPE_API_BASE")
    secret_key = _setting("STRIPE_SECRET_KEY")
    assert urlparse(api_base).hostname == "127.0.0.1"
    assert secret_key.startswith("sk_test_")
    client = stripe.StripeClient(secret_key, base_addresses={"api": api_base})

    customer = client.v1.customers.create(params={"email": "harness@example.org"})
    intent = client.v1.payment_intents.create(
        params={
            "amount": 500,
            "currency": "gbp",
            "customer": customer.id,
            "payment_method": "pm_card_visa",
            "confirm": True,
        }
    )
    assert intent.status == "succeeded"
    assert intent.amount == 500  # localstripe has no amount_received

    refund = client.v1.refunds.create(params={"payment_intent": intent.id})
    assert refund.status == "succeeded"
    assert refund.amount == 500

    # The objects live on the local server: ask it directly, without the library.
    request = urllib.request.Request(
        f"{api_base}/v1/customers/{customer.id}",
        headers={"Authorization": f"Bearer {secret_key}"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.load(response)["email"] == "harness@example.org"


def _load_a_page_in_chromium() -> tuple[str, str, str]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto("data:text/html,<title>x</title><p>Hello</p>")
            return page.title(), page.inner_text("p"), browser.version
        finally:
            browser.close()


@pytest.mark.browser
def test_chromium_is_debian_package_not_a_download():
    assert os.path.exists("/usr/bin/chromium")
    assert CHROMIUM == "/usr/bin/chromium"
    if shutil.which("dpkg-query"):
        owner = subprocess.run(
            ["dpkg-query", "-S", "/usr/bin/chromium"], capture_output=True, text=True, check=True
        )
        assert owner.stdout.startswith("chromium:"), owner.stdout

    # On a thread of its own: the browser tests' session-wide Playwright keeps an asyncio loop
    # running on the main thread, and Playwright's sync API refuses to start inside one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        title, text, version = pool.submit(_load_a_page_in_chromium).result(timeout=120)
    assert (title, text) == ("x", "Hello")
    assert version
