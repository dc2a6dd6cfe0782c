"""A reconciliation note names a payment as finance reads it everywhere else (what it was
for, from the app that made it: "Booking fee for Bowling on Saturday 12 December 2026"),
not "payment 12"; Stripe's own id stays, for finding the money in Stripe. The words are
read once for all the payments a pass names."""

import urllib.request

import pytest
from django.conf import settings

from finance import hooks, services
from finance.models import ReconciliationIssue, StripeBalanceTransaction
from tests.finance.helpers import paid_card
from tests.finance.test_reconciliation import reconcile, today

pytestmark = pytest.mark.django_db

BOWLING = "Booking fee for Bowling on Saturday 12 December 2026"


@pytest.fixture
def described():
    """References starting "words:" are said as the bowling fee; each read is counted."""
    reads: list[list[str]] = []

    def describe(references: list[str]) -> dict[str, str]:
        reads.append(references)
        return {reference: BOWLING for reference in references}

    hooks.register("words:", describe=describe)
    yield reads
    hooks.unregister("words:")


def test_an_amount_that_differs_names_what_the_payment_was_for(cast, described):
    payment = paid_card(cast, reference="words:1", amount_pence=500)
    services.stripe_balance_fetch(start=today(), end=today(), actor=None)
    row = StripeBalanceTransaction.objects.get(source_id=payment.stripe_charge_id)
    services.stripe_balance_store(items=[{**row.data, "amount": 600, "net": 600}])

    result = services.reconciliation_match(start=today(), end=today(), actor=None)

    [issue] = result.unmatched
    assert issue.description == (
        f"{BOWLING}: Stripe took £6 (Stripe charge {payment.stripe_charge_id}). "
        "Our ledger has £5 for it."
    )
    assert f"payment {payment.pk}" not in issue.description.lower()


def test_payments_stripe_does_not_have_are_named_in_one_read(cast, described):
    payments = [paid_card(cast, reference=f"words:{i}", amount_pence=500) for i in (1, 2)]
    plain = paid_card(cast, reference="test:9", amount_pence=300)  # no app says: its own words
    wipe = urllib.request.Request(f"{settings.STRIPE_API_BASE}/_config/data", method="DELETE")
    urllib.request.urlopen(wipe, timeout=5).close()

    result = reconcile(cast.finance)

    said = {issue.payment_id: issue.description for issue in result.unmatched}
    assert {i.kind for i in result.unmatched} == {ReconciliationIssue.Kind.MISSING_AT_STRIPE}
    for payment in payments:
        assert said[payment.pk] == (
            f"{BOWLING}: £5 is paid in our records, not on Stripe "
            f"(Stripe charge {payment.stripe_charge_id})."
        )
    assert said[plain.pk].startswith("Booking fee for bowling: £3 is paid in our records")
    assert described == [["words:1", "words:2"]]
