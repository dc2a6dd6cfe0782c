import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from finance import services
from finance.errors import RefundError
from finance.models import Payment, Refund
from tests.finance.helpers import paid_card, record_cash, start_card, stripe_refunds
from tests.finance.recording_proxy import RecordingProxy

pytestmark = pytest.mark.django_db


def refund(payment, **kwargs):
    return services.refund_start(payment=payment, reason="Came to bowling", actor=None, **kwargs)


def test_full_card_refund_goes_through_stripe_and_the_hook_fires_once(
    cast, calls, settings, django_capture_on_commit_callbacks
):
    payment = paid_card(cast)
    with RecordingProxy(settings.STRIPE_API_BASE) as proxy:
        with override_settings(STRIPE_API_BASE=proxy.url):
            with django_capture_on_commit_callbacks(execute=True):
                started = services.refund_start(
                    payment=payment, reason="Came to bowling", actor=cast.finance
                )
    assert started.status == Refund.Status.PENDING  # sent after commit, by the task

    done = Refund.objects.get(pk=started.pk)
    assert done.status == Refund.Status.SUCCEEDED
    assert done.amount_pence == 500 and done.attempts == 1 and done.error == ""
    assert proxy.keys_for("POST", "/v1/refunds") == [f"refund:{done.pk}"]
    at_stripe = stripe_refunds(payment)
    assert [r["id"] for r in at_stripe] == [done.stripe_refund_id]
    assert at_stripe[0]["amount"] == 500
    assert at_stripe[0]["metadata"]["coop_refund_id"] == str(done.pk)
    assert calls.refunded == [done.pk]


def test_a_second_refund_start_returns_the_same_refund(
    cast, calls, django_capture_on_commit_callbacks
):
    payment = paid_card(cast)
    with django_capture_on_commit_callbacks(execute=True):
        first = refund(payment)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = refund(payment)
    assert second.pk == first.pk
    assert callbacks == []  # nothing sent again
    assert Refund.objects.count() == 1
    assert len(stripe_refunds(payment)) == 1
    assert calls.refunded == [first.pk]


def test_after_a_part_has_gone_back_the_rest_goes_back_as_its_own_refund(
    cast, django_capture_on_commit_callbacks
):
    payment = paid_card(cast)
    with django_capture_on_commit_callbacks(execute=True):
        part = refund(payment, amount_pence=200)
    assert Refund.objects.get(pk=part.pk).status == Refund.Status.SUCCEEDED
    with django_capture_on_commit_callbacks(execute=True):
        rest = refund(payment)
    assert rest.pk != part.pk and rest.amount_pence == 300
    assert Refund.objects.get(pk=rest.pk).status == Refund.Status.SUCCEEDED
    assert sorted(r["amount"] for r in stripe_refunds(payment)) == [200, 300]
    # Asked again for all of it: it has all gone back, so the last refund, nothing new.
    assert refund(payment).pk == rest.pk
    with pytest.raises(RefundError) as raised:
        refund(payment, amount_pence=1)
    assert raised.value.message == "Nothing is left to pay back. This payment has been paid back."
    assert Refund.objects.count() == 2


def test_a_refund_above_what_was_paid_is_refused_in_plain_words(cast):
    payment = paid_card(cast)
    with pytest.raises(RefundError) as raised:
        refund(payment, amount_pence=501)
    assert raised.value.message == "You can pay back at most £5."
    assert Refund.objects.count() == 0


def test_database_refuses_a_refund_above_the_payment_even_past_python(cast):
    payment = paid_card(cast)
    fields = {
        "payment": payment,
        "status": Refund.Status.PENDING,
        "method": "card",
        "reason": "Bypassing the service",
    }
    with pytest.raises(IntegrityError, match="finance_refund_not_above_payment"):
        with transaction.atomic():
            Refund.objects.create(amount_pence=501, payment_amount_pence=500, **fields)
    # A false copy of the payment's amount does not get round it either.
    with pytest.raises(IntegrityError, match="finance_refund_payment_amount_matches"):
        with transaction.atomic():
            Refund.objects.create(amount_pence=900, payment_amount_pence=1000, **fields)
    assert Refund.objects.count() == 0


def test_database_refuses_a_second_open_coop_refund_for_one_payment(cast):
    payment = paid_card(cast)
    refund(payment, amount_pence=200)
    with pytest.raises(IntegrityError, match="finance_refund_one_open_per_payment"):
        with transaction.atomic():
            Refund.objects.create(
                payment=payment,
                amount_pence=100,
                payment_amount_pence=500,
                status=Refund.Status.PENDING,
                method="card",
                reason="Twice",
            )


def test_a_payments_amount_cannot_change_once_refunded(cast):
    payment = paid_card(cast)
    refund(payment)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(amount_pence=400)


def test_cash_refund_waits_until_handed_back_and_fires_the_hook_once(cast, calls):
    payment = record_cash(cast)
    waiting = services.refund_start(
        payment=payment, reason="Activity cancelled", actor=cast.finance
    )
    assert (waiting.status, waiting.method) == (Refund.Status.TO_HAND_BACK, "cash")
    assert calls.refunded == []

    done = services.refund_cash_handed_back(refund=waiting, actor=cast.finance)
    again = services.refund_cash_handed_back(refund=waiting, actor=cast.finance)

    assert done.status == again.status == Refund.Status.SUCCEEDED
    assert done.succeeded_at is not None
    assert calls.refunded == [done.pk]


def test_only_cash_to_hand_back_can_be_marked_handed_back(cast):
    card = refund(paid_card(cast))
    with pytest.raises(RefundError, match="Only cash waiting"):
        services.refund_cash_handed_back(refund=card, actor=cast.finance)


def test_nothing_to_refund_is_refused_in_plain_words(cast, django_capture_on_commit_callbacks):
    pending = start_card(cast, reference="test:pending")
    with pytest.raises(RefundError, match="Only a payment that went through"):
        refund(pending)
    payment = paid_card(cast)
    with django_capture_on_commit_callbacks(execute=True):
        first = refund(payment)
    # The coop refund failed at Stripe later, but the money went back another way.
    Refund.objects.filter(pk=first.pk).update(status=Refund.Status.FAILED, succeeded_at=None)
    Refund.objects.create(
        payment=payment,
        amount_pence=500,
        payment_amount_pence=500,
        status=Refund.Status.SUCCEEDED,
        succeeded_at=timezone.now(),
        method="card",
        reason="In Stripe",
        external=True,
        stripe_refund_id="re_external",
    )
    with pytest.raises(RefundError, match="Nothing is left to pay back"):
        refund(payment)


def test_a_refund_needs_a_reason(cast):
    with pytest.raises(RefundError, match="say why"):
        services.refund_start(payment=paid_card(cast), reason="  ", actor=None)
    assert Refund.objects.count() == 0
