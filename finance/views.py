"""Pages for paying, the finance officer's lists, and Stripe's webhook."""

import logging
from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from coop.errors import CoopError
from coop.money import format_pence
from coop.paging import page_of
from finance import permissions, selectors, services, stripe_client
from finance.errors import WebhookRefused
from finance.forms import PaymentFilterForm
from finance.models import Method, Payment, Refund
from members.views.common import not_for_former_members, role_required

logger = logging.getLogger(__name__)
# Stripe.js must be loaded from Stripe itself (PCI). Tests point it at localstripe's copy.
STRIPE_JS_URL = "https://js.stripe.com/v3/"


def _payment_for_payer(request: HttpRequest, payment_id: int) -> Payment:
    payment = get_object_or_404(Payment.objects.select_related("member"), pk=payment_id)
    if not permissions.can_pay(request.user, payment):
        raise Http404  # someone else's payment: as if it did not exist
    return payment


def _next_url(payment: Payment) -> str:
    return payment.next_url if services.same_site_path(payment.next_url) else ""


@not_for_former_members
@require_GET
def pay(request: HttpRequest, payment_id: int) -> HttpResponse:
    payment = _payment_for_payer(request, payment_id)
    card_entry = (
        payment.method == Method.CARD
        and payment.status == Payment.Status.PENDING
        and bool(payment.client_secret)
        and bool(settings.STRIPE_PUBLISHABLE_KEY)
        and stripe_client.is_card_enabled()
    )
    stripe_js_url = getattr(settings, "STRIPE_JS_URL", STRIPE_JS_URL)
    response = render(
        request,
        "finance/pay.html",
        {
            "payment": payment,
            "card_entry": card_entry,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js_url": stripe_js_url,
            "return_url": reverse("pay-return", args=[payment.pk]),
            "next_url": _next_url(payment),
        },
    )
    return _allow_stripe_js(response, stripe_js_url) if card_entry else response


def _allow_stripe_js(response: HttpResponse, stripe_js_url: str) -> HttpResponse:
    """The Content-Security-Policy of the one page that loads Stripe.js: Stripe's script,
    its card frames and its calls, as Stripe's own guide lists them (and the origin of a
    test Stripe.js when STRIPE_JS_URL points elsewhere)."""
    parts = urlsplit(stripe_js_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    stripe_hosts = ["https://js.stripe.com", "https://*.js.stripe.com"]
    allowed = {
        "script-src": [origin, *stripe_hosts],
        "frame-src": [origin, *stripe_hosts, "https://hooks.stripe.com"],
        "connect-src": [origin, "https://api.stripe.com"],
    }
    return csp_update(allowed)(lambda: response)()


@not_for_former_members
@require_GET
def pay_return(request: HttpRequest, payment_id: int) -> HttpResponse:
    """Where the card form sends the payer: ask Stripe how it went, then go on."""
    payment = _payment_for_payer(request, payment_id)
    try:
        payment = services.payment_sync(payment=payment)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        amount = format_pence(payment.amount_pence)
        if payment.status == Payment.Status.SUCCEEDED:
            messages.success(request, f"Thank you. You have paid {amount}.")
        elif payment.status == Payment.Status.FAILED:
            messages.error(request, f"The card payment did not go through. {payment.error}")
        elif payment.status == Payment.Status.PENDING:
            messages.info(request, "We are still waiting to hear from the bank.")
    return redirect(_next_url(payment) or reverse("pay", args=[payment.pk]))


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe tells us what happened. Only a correctly signed event is kept; each event is
    kept once and applied once. 500 on a processing error, so Stripe sends it again."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        logger.error("STRIPE_WEBHOOK_SECRET is not set: a webhook was refused.")
        return HttpResponseBadRequest("Webhooks are not set up.")
    try:
        payload = services.stripe_event_verify(
            body=request.body, signature=request.headers.get("Stripe-Signature", ""), secret=secret
        )
    except WebhookRefused as error:
        return HttpResponseBadRequest(error.message)
    event, _ = services.stripe_event_store(payload=payload)
    if event.processed_at is not None:
        return HttpResponse("Already done.")
    try:
        services.stripe_event_process(event=event)
    except Exception:
        # The event and its error are kept; Stripe sends it again later.
        logger.exception("Stripe event %s could not be processed", event.stripe_event_id)
        return HttpResponse("Not processed.", status=500)
    return HttpResponse("Done.")


# Newest first, 50 a page: a large federation takes tens of thousands of payments a year.
PAYMENTS_PER_PAGE = 50


@role_required(permissions.is_finance)
@require_GET
def payments(request: HttpRequest) -> HttpResponse:
    form = PaymentFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page, query = page_of(request, selectors.payment_list(status=status), PAYMENTS_PER_PAGE)
    attention = list(selectors.refunds_needing_attention())
    selectors.with_what_for(refund.payment for refund in attention)
    return render(
        request,
        "finance/payments.html",
        {
            "form": form,
            "attention": attention,
            "payments": selectors.with_what_for(page.object_list),
            "page": page,
            "query": query,
        },
    )


@role_required(permissions.is_finance)
@require_POST
def refund_retry(request: HttpRequest, refund_id: int) -> HttpResponse:
    refund = get_object_or_404(Refund, pk=refund_id)
    try:
        refund = services.refund_retry(refund=refund, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        if refund.status == Refund.Status.SUCCEEDED:
            messages.success(request, f"{format_pence(refund.amount_pence)} has been paid back.")
        else:
            messages.error(request, f"It did not work this time. {refund.error}".strip())
    return redirect("finance-payments")


@role_required(permissions.is_finance)
@require_GET
def cash(request: HttpRequest) -> HttpResponse:
    refunds = list(selectors.cash_to_hand_back())
    selectors.with_what_for(refund.payment for refund in refunds)
    return render(request, "finance/cash.html", {"refunds": refunds})


@role_required(permissions.is_finance)
@require_POST
def cash_handed_back(request: HttpRequest, refund_id: int) -> HttpResponse:
    refund = get_object_or_404(Refund.objects.select_related("payment__member"), pk=refund_id)
    try:
        refund = services.refund_cash_handed_back(refund=refund, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"Done. {format_pence(refund.amount_pence)} was handed back to "
            f"{refund.payment.member.display_name}.",
        )
    return redirect("finance-cash")
