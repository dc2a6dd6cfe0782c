"""axe-core over the payment page (each state) and the finance officer's pages, error
state included; and card entry driven in the browser through pay.js against
localstripe's own copy of Stripe.js."""

import pytest
from django.test import override_settings
from django.urls import reverse

from finance import services, stripe_client
from finance.models import Payment
from finance.testing import confirm_card_payment
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast
from tests.finance.helpers import closed_port_url, record_cash, start_card

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def without_stripe_js(page) -> None:
    """No internet here: refuse js.stripe.com at once instead of waiting on it. The page
    must work, and pass, without it."""
    page.route("https://js.stripe.com/**", lambda route: route.abort())


def test_the_payment_page_passes_axe_in_every_state(page, live_server, client):
    cast = make_cast()
    waiting = start_card(cast, reference="test:waiting")
    paid = confirm_card_payment(start_card(cast, reference="test:paid"))
    failed = confirm_card_payment(
        start_card(cast, reference="test:failed"), "pm_card_chargeCustomerFail"
    )
    sign_in(page, live_server, client, cast.member)
    without_stripe_js(page)
    failures = {}
    for name, payment in [("waiting", waiting), ("paid", paid), ("failed", failed)]:
        result = check_page(page, live_server.url + reverse("pay", args=[payment.pk]))
        if result:
            failures[name] = result
    assert failures == {}


def test_the_finance_pages_pass_axe_with_rows_and_errors(page, live_server, client):
    cast = make_cast()
    stuck = confirm_card_payment(start_card(cast, reference="test:stuck"))
    with override_settings(STRIPE_API_BASE=closed_port_url()):
        services.refund_start(payment=stuck, reason="Came along", actor=None)
    services.refund_start(payment=record_cash(cast), reason="Activity cancelled", actor=None)
    start_card(cast, reference="test:waiting")

    sign_in(page, live_server, client, cast.finance)
    failures = {}
    for name in ["finance-payments", "finance-cash", "finance-home"]:
        result = check_page(page, live_server.url + reverse(name))
        if result:
            failures[name] = result
    bad_filter = live_server.url + reverse("finance-payments") + "?status=stolen"
    if result := check_page(page, bad_filter, expect_error_title=True):
        failures["filter-error"] = result
    assert failures == {}

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("finance-payments"))
    assert page.locator("text=Try again now").count() == 1
    assert page.locator("text=3 payments").count() == 1


def test_card_entry_pays_through_pay_js_and_goes_on(page, live_server, client, settings):
    """localstripe's Stripe.js can only finish a card that asks for 3-D Secure, so the
    card is set on the intent server-side; the page's own script does the rest."""
    settings.STRIPE_JS_URL = f"{settings.STRIPE_API_BASE}/js.stripe.com/v3/"
    cast = make_cast()
    payment = start_card(cast, reference="test:js")
    client_v1 = stripe_client.client().v1
    card = client_v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": "4000002500003155", "exp_month": 12, "exp_year": 2030, "cvc": "123"},
        }
    )
    client_v1.payment_intents.update(
        payment.stripe_payment_intent_id, params={"payment_method": card.id}
    )
    client_v1.payment_intents.confirm(payment.stripe_payment_intent_id)

    sign_in(page, live_server, client, cast.supporter)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("pay", args=[payment.pk]))
    assert page.locator("#card-payment").is_visible()
    assert not page.locator("#needs-javascript").is_visible()
    assert axe_violations(page) == []

    page.click("#card-button")
    page.click("text=Complete authentication")
    page.wait_for_url(live_server.url + "/me/")

    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert "Thank you. You have paid £5." in page.content()


def test_the_pay_page_works_without_javascript(browser, live_server, client):
    cast = make_cast()
    payment = start_card(cast, reference="test:nojs")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, client, cast.member)
    page.goto(live_server.url + reverse("pay", args=[payment.pk]))
    assert page.locator("#needs-javascript").is_visible()
    assert not page.locator("#card-payment").is_visible()
    with page.expect_navigation():
        page.click("a:has-text('Pay in cash on the day instead')")
    assert page.url == live_server.url + "/me/"
    context.close()
