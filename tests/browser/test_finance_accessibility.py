"""axe-core over the payment page (each state) and the finance officer's pages, error
state included; and card entry driven in the browser through pay.js against
localstripe's own copy of Stripe.js."""

import pytest
from django.test import override_settings
from django.urls import reverse

from finance import services, stripe_client
from finance.models import Payment
from tests.browser.conftest import axe_violations, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.browser.test_ledger_accessibility import current_page_problems
from tests.conftest import make_cast
from tests.finance.helpers import closed_port_url, grant_and_bowling, record_cash, start_card
from tests.finance.stripe_helpers import confirm_card_payment

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


def test_the_quarterly_report_pages_pass_axe_in_every_state(
    page, live_server, client, settings, tmp_path
):
    """The form (and its error state), a report being made, a finished one, a failed one,
    and the web-page report it makes: as the board member and as the finance officer."""
    from finance.models import ReportJob
    from finance.quarters import Quarter
    from finance.reports.jobs import report_job_create

    settings.MEDIA_ROOT = tmp_path
    cast = make_cast()
    last = Quarter.current().previous().label
    # The immediate backend makes these at once, on commit.
    ready = report_job_create(
        quarter_text=last, version="standard", file_format="html", actor=cast.board
    )
    ready_easy = report_job_create(
        quarter_text=last, version="easy-read", file_format="html", actor=cast.board
    )
    running = ReportJob.objects.create(
        quarter=last,
        version="easy-read",
        file_format="pdf",
        status=ReportJob.Status.RUNNING,
        stage="Drawing the charts",
        stages=["Starting", "Counting the money", "Drawing the charts"],
        requested_by=cast.finance,
    )
    failed = ReportJob.objects.create(
        quarter=last,
        version="standard",
        file_format="csv",
        status=ReportJob.Status.FAILED,
        stage="Failed",
        stages=["Starting", "Counting the money", "Failed"],
        error="Something went wrong at the stage “Counting the money”. Please try again.",
        finished_at=running.created_at,
        requested_by=cast.finance,
    )
    ready.refresh_from_db()
    assert ready.status == ReportJob.Status.READY

    failures = {}
    for who in (cast.board, cast.finance):
        sign_in(page, live_server, client, who)
        pages = {
            "form": reverse("finance-reports"),
            "running": reverse("finance-report-job", args=[running.pk]),
            "ready": reverse("finance-report-job", args=[ready.pk]),
            "failed": reverse("finance-report-job", args=[failed.pk]),
            "standard-web-report": reverse("finance-report-download", args=[ready.pk]),
            "easy-read-web-report": reverse("finance-report-download", args=[ready_easy.pk]),
        }
        for name, path in pages.items():
            if result := check_page(page, live_server.url + path):
                failures[f"{who.username}:{name}"] = result

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("finance-reports"))
    page.check("#id_quarter_6")
    page.fill("#id_other_quarter", "2026-Q9")
    submit(page, "Make the report")
    assert "Write it like 2026-Q3" in page.content()
    if result := current_page_problems(page):
        failures["form-error"] = result
    assert failures == {}


def _running_then_ready(cast, tmp_path):
    """A report job part way through, and a way to finish it from outside the page."""
    from finance.models import ReportJob
    from finance.quarters import Quarter
    from finance.reports.jobs import report_job_create

    last = Quarter.current().previous().label
    made = report_job_create(
        quarter_text=last, version="standard", file_format="csv", actor=cast.finance
    )
    made.refresh_from_db()
    running = ReportJob.objects.create(
        quarter=last,
        version="standard",
        file_format="csv",
        status=ReportJob.Status.RUNNING,
        stage="Counting the money",
        stages=["Starting", "Counting the money"],
        requested_by=cast.finance,
    )

    def finish() -> None:
        ReportJob.objects.filter(pk=running.pk).update(
            status=ReportJob.Status.READY,
            stage="Ready",
            stages=["Starting", "Counting the money", "Ready"],
            file=made.file.name,
            finished_at=made.finished_at,
        )

    return running, finish


def test_the_report_page_updates_its_status_in_place_with_javascript(
    page, live_server, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    cast = make_cast()
    running, finish = _running_then_ready(cast, tmp_path)
    sign_in(page, live_server, client, cast.board)
    page.goto(live_server.url + reverse("finance-report-job", args=[running.pk]))
    page.evaluate("window.stayedHere = true")
    assert page.locator("#report-progress >> text=Counting the money").count() >= 1
    finish()
    page.wait_for_selector("#report-progress h2:has-text('Ready')", timeout=15000)
    assert page.evaluate("window.stayedHere") is True  # no reload: the live region changed
    assert page.title().startswith("Quarterly report ") and "Ready" in page.title()
    assert page.locator("text=Check again").count() == 0


def test_the_report_page_reloads_itself_without_javascript(
    browser, live_server, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    cast = make_cast()
    running, finish = _running_then_ready(cast, tmp_path)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, client, cast.finance)
    page.goto(live_server.url + reverse("finance-report-job", args=[running.pk]))
    assert page.locator("a:has-text('Check again')").is_visible()
    finish()
    page.wait_for_selector("h2:has-text('Ready')", timeout=15000)
    assert page.locator("a:has-text('Download the report')").is_visible()
    context.close()


def test_the_easy_read_web_report_shows_its_pictures_and_bars_at_320_px(
    browser, live_server, client, settings, tmp_path
):
    """With no JavaScript: a picture beside each block, and each bar right under the
    sentence that says its figure, across the words' column, as long as its figure."""
    from django.utils import timezone

    from finance.quarters import Quarter
    from finance.reports.jobs import report_job_create

    settings.MEDIA_ROOT = tmp_path
    cast = make_cast()
    today = timezone.localdate()
    grant_and_bowling(cast, today)
    job = report_job_create(
        quarter_text=Quarter.current().label,
        version="easy-read",
        file_format="html",
        actor=cast.finance,
    )
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, client, cast.finance)
    page.goto(live_server.url + reverse("finance-report-download", args=[job.pk]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    pictures = page.locator(".picture-card > img.picture")
    assert pictures.count() == page.locator("main h1, main h2").count()
    for index in range(pictures.count()):
        assert pictures.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")
    money_in = page.locator("p.bar-words", has_text="Money in: £1,500.")
    money_out = page.locator("p.bar-words", has_text="Money out: £60.")
    bars = []
    for words in (money_in, money_out):
        line = words.bounding_box()
        bar = words.locator("xpath=following-sibling::*[1]")
        box = bar.bounding_box()
        assert bar.evaluate("el => el.tagName") == "svg"
        assert 0 <= box["y"] - (line["y"] + line["height"]) < 12  # right under its words
        assert box["width"] == pytest.approx(line["width"], abs=2)  # across the column
        assert box["height"] >= 20
        bars.append(bar.locator("rect").nth(1).bounding_box()["width"])
    assert bars[0] == pytest.approx(box["width"], abs=3) and 2 < bars[1] < bars[0] / 10
    context.close()
