"""What the money services post to the ledger, against localstripe."""

import pytest

from finance import services, stripe_client
from finance.errors import PaymentError
from finance.models import Refund, Transaction
from finance.selectors import account_balance
from tests.finance.helpers import paid_card, record_cash, start_card

pytestmark = pytest.mark.django_db


def balances(*codes):
    return {code: account_balance(code) for code in codes}


def lines(txn):
    return [(e.account.code, e.debit_pence, e.credit_pence) for e in txn.entries.all()]


def refund_card(payment, actor, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        started = services.refund_start(payment=payment, reason="Came", actor=actor, **kwargs)
    return Refund.objects.get(pk=started.pk)


def test_a_card_payment_posts_stripe_balance_against_fees_held(cast):
    payment = paid_card(cast, amount_pence=500)
    txn = Transaction.objects.get(payment=payment)
    assert lines(txn) == [("stripe", 500, 0), ("fees_held", 0, 500)]
    assert txn.reference == "test:1"
    assert balances("stripe", "fees_held") == {"stripe": 500, "fees_held": 500}


def test_a_pending_card_payment_posts_nothing(cast):
    start_card(cast)
    assert not Transaction.objects.exists()


def test_syncing_a_paid_payment_again_posts_it_once(cast):
    payment = paid_card(cast)
    services.payment_sync(payment=payment)
    assert Transaction.objects.filter(payment=payment).count() == 1


def test_cash_posts_cash_against_fees_held_once(cast):
    record_cash(cast, amount_pence=700)
    record_cash(cast, amount_pence=700)
    assert Transaction.objects.count() == 1
    assert balances("cash", "fees_held") == {"cash": 700, "fees_held": 700}


def test_a_card_refund_posts_fees_held_against_stripe(cast, django_capture_on_commit_callbacks):
    payment = paid_card(cast, amount_pence=500)
    refund = refund_card(payment, cast.finance, django_capture_on_commit_callbacks)
    assert refund.status == Refund.Status.SUCCEEDED
    txn = Transaction.objects.get(refund=refund)
    assert lines(txn) == [("fees_held", 500, 0), ("stripe", 0, 500)]
    assert balances("stripe", "fees_held") == {"stripe": 0, "fees_held": 0}


def test_cash_handed_back_posts_once_and_only_when_handed_back(cast):
    payment = record_cash(cast, amount_pence=700)
    waiting = services.refund_start(payment=payment, reason="Cancelled", actor=cast.finance)
    assert not Transaction.objects.filter(refund=waiting).exists()
    services.refund_cash_handed_back(refund=waiting, actor=cast.finance)
    services.refund_cash_handed_back(refund=waiting, actor=cast.finance)
    txn = Transaction.objects.get(refund=waiting)
    assert lines(txn) == [("fees_held", 700, 0), ("cash", 0, 700)]


def test_an_external_refund_is_posted_when_recorded(cast):
    payment = paid_card(cast, amount_pence=500)
    made = stripe_client.client().v1.refunds.create(
        params={"payment_intent": payment.stripe_payment_intent_id, "amount": 200}
    )
    services.refund_record_from_stripe(payment=payment, data=made.to_dict(for_json=True))
    refund = Refund.objects.get(external=True)
    assert lines(Transaction.objects.get(refund=refund)) == [
        ("fees_held", 200, 0),
        ("stripe", 0, 200),
    ]
    assert balances("stripe", "fees_held") == {"stripe": 300, "fees_held": 300}


def test_a_refund_that_fails_after_succeeding_is_reversed(cast, django_capture_on_commit_callbacks):
    payment = paid_card(cast, amount_pence=500)
    refund = refund_card(payment, cast.finance, django_capture_on_commit_callbacks)
    data = {"id": refund.stripe_refund_id, "status": "failed", "failure_reason": "lost_card"}
    services.refund_record_from_stripe(payment=payment, data=data)
    services.refund_record_from_stripe(payment=payment, data=data)
    assert Refund.objects.get(pk=refund.pk).status == Refund.Status.FAILED
    reversal = Transaction.objects.get(reverses__refund=refund)
    assert lines(reversal) == [("fees_held", 0, 500), ("stripe", 500, 0)]
    assert balances("stripe", "fees_held") == {"stripe": 500, "fees_held": 500}


def test_keeping_a_fee_moves_it_to_income_once(cast):
    payment = paid_card(cast, amount_pence=500)
    kept = services.fee_keep(payment=payment, actor=cast.organiser)
    assert services.fee_keep(payment=payment, actor=cast.organiser) is None
    assert lines(kept) == [("fees_held", 500, 0), ("fees_kept", 0, 500)]
    assert balances("fees_held", "fees_kept") == {"fees_held": 0, "fees_kept": 500}
    assert services.fee_kept_pence(payment) == 500


def test_unkeeping_moves_the_fee_back_and_can_be_kept_again(cast):
    payment = record_cash(cast, amount_pence=500)
    services.fee_keep(payment=payment, actor=cast.organiser)
    back = services.fee_unkeep(payment=payment, actor=cast.organiser)
    assert services.fee_unkeep(payment=payment, actor=cast.organiser) is None
    assert lines(back) == [("fees_kept", 500, 0), ("fees_held", 0, 500)]
    assert balances("fees_held", "fees_kept") == {"fees_held": 500, "fees_kept": 0}
    services.fee_keep(payment=payment, actor=cast.organiser)
    assert balances("fees_held", "fees_kept") == {"fees_held": 0, "fees_kept": 500}


def test_a_kept_fee_paid_back_comes_out_of_income(cast, django_capture_on_commit_callbacks):
    payment = paid_card(cast, amount_pence=500)
    services.fee_keep(payment=payment, actor=cast.organiser)
    refund = refund_card(payment, cast.finance, django_capture_on_commit_callbacks)
    assert lines(Transaction.objects.get(refund=refund)) == [
        ("fees_kept", 500, 0),
        ("stripe", 0, 500),
    ]
    assert balances("fees_held", "fees_kept", "stripe") == {
        "fees_held": 0,
        "fees_kept": 0,
        "stripe": 0,
    }


def test_keeping_what_is_left_after_a_partial_refund(cast, django_capture_on_commit_callbacks):
    payment = paid_card(cast, amount_pence=500)
    refund_card(payment, cast.finance, django_capture_on_commit_callbacks, amount_pence=200)
    kept = services.fee_keep(payment=payment, actor=cast.organiser)
    assert lines(kept) == [("fees_held", 300, 0), ("fees_kept", 0, 300)]


def test_a_fee_that_was_never_paid_cannot_be_kept(cast):
    payment = start_card(cast)
    with pytest.raises(PaymentError, match="Only a payment that went through can be kept"):
        services.fee_keep(payment=payment, actor=cast.organiser)
