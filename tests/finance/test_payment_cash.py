import pytest

from coop.models import AuditEntry
from finance.errors import PaymentError
from finance.models import Payment
from tests.finance.helpers import record_cash, start_card

pytestmark = pytest.mark.django_db


def test_cash_is_paid_at_once_and_the_hook_fires_once(cast, calls):
    payment = record_cash(cast)
    assert (payment.method, payment.status) == ("cash", Payment.Status.SUCCEEDED)
    assert payment.succeeded_at is not None
    assert payment.created_by == cast.organiser
    assert calls.succeeded == [payment.pk]
    entry = AuditEntry.objects.get(action="payment.cash_recorded")
    assert entry.actor == cast.organiser and entry.on_behalf_of == cast.member


def test_recording_cash_twice_records_it_once(cast, calls):
    first = record_cash(cast)
    second = record_cash(cast)
    assert second.pk == first.pk
    assert Payment.objects.count() == 1
    assert calls.succeeded == [first.pk]


def test_cash_is_refused_while_a_card_payment_for_it_is_waiting(cast):
    start_card(cast, reference="test:cash")
    with pytest.raises(PaymentError, match="still waiting"):
        record_cash(cast)
    assert Payment.objects.filter(method="cash").count() == 0
