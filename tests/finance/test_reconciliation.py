"""Reconciling with Stripe: balance history from localstripe, payouts from recorded JSON."""

import datetime as dt
import json
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coop.models import AuditEntry
from finance import services, stripe_client
from finance.errors import ReconciliationError
from finance.models import (
    ReconciliationIssue,
    ReconciliationRun,
    StripeBalanceTransaction,
    Transaction,
)
from finance.selectors import account_balance
from tests.finance.helpers import closed_port_url, paid_card

pytestmark = pytest.mark.django_db

PAYOUTS = json.loads((Path(__file__).parent / "fixtures/stripe_payouts_2026_08.json").read_text())
AUGUST = (dt.date(2026, 8, 1), dt.date(2026, 8, 31))
K = ReconciliationIssue.Kind


def today():
    return timezone.localdate()


def reconcile(actor=None, start=None, end=None):
    start, end = start or today(), end or today()
    services.stripe_balance_fetch(start=start, end=end, actor=actor)
    return services.reconciliation_match(start=start, end=end, actor=actor)


def refund_in_coop(payment, actor, capture, amount_pence=None):
    with capture(execute=True):
        services.refund_start(
            payment=payment, reason="Came", actor=actor, amount_pence=amount_pence
        )


def charge_outside_coop(amount=900):
    intent = stripe_client.client().v1.payment_intents.create(
        params={
            "amount": amount,
            "currency": "gbp",
            "payment_method_types": ["card"],
            "payment_method": "pm_card_visa",
            "confirm": True,
        }
    )
    fetched = stripe_client.payment_intent_retrieve(intent.id)
    return stripe_client.object_id(fetched["latest_charge"])


def test_a_clean_period_is_all_matched_with_counts_and_totals(
    cast, django_capture_on_commit_callbacks
):
    first = paid_card(cast, reference="test:1", amount_pence=500)
    paid_card(cast, reference="test:2", amount_pence=700)
    refund_in_coop(first, cast.finance, django_capture_on_commit_callbacks, amount_pence=200)

    result = reconcile(cast.finance)

    assert result.all_matched and result.unmatched == []
    assert result.matched == {"charges": 2, "refunds": 1, "fees": 0, "payouts": 0}
    assert result.totals == {"charges": 1200, "refunds": 200, "fees": 0, "payouts": 0}
    assert StripeBalanceTransaction.objects.count() == 3
    assert AuditEntry.objects.filter(action="reconciliation.matched").exists()


def test_a_charge_made_directly_at_stripe_is_reported_as_not_ours(cast):
    paid_card(cast)
    charge_id = charge_outside_coop(900)

    result = reconcile(cast.finance)

    assert result.matched["charges"] == 1
    [issue] = result.unmatched
    assert (issue.kind, issue.stripe_id, issue.stripe_pence) == (K.NOT_OURS, charge_id, 900)
    assert "£9 on Stripe" in issue.description and "not made through coop" in issue.description


def test_a_refund_made_outside_coop_is_found(cast):
    payment = paid_card(cast, amount_pence=500)
    made = stripe_client.client().v1.refunds.create(
        params={"payment_intent": payment.stripe_payment_intent_id, "amount": 200}
    )

    result = reconcile(cast.finance)

    [issue] = result.unmatched
    assert (issue.kind, issue.stripe_id, issue.stripe_pence) == (K.NOT_OURS, made.id, 200)
    assert "refund of £2" in issue.description

    # Once our records have it (the webhook, or by hand), the next run matches it.
    services.refund_record_from_stripe(payment=payment, data=made.to_dict(for_json=True))
    again = reconcile(cast.finance)
    assert again.all_matched and again.matched["refunds"] == 1
    issue.refresh_from_db()
    assert issue.resolved_at is not None and "Matched when reconciled again" in issue.note


def test_a_payment_that_stripe_does_not_have_is_reported(cast):
    payment = paid_card(cast, amount_pence=500)
    wipe = urllib.request.Request(f"{settings.STRIPE_API_BASE}/_config/data", method="DELETE")
    urllib.request.urlopen(wipe, timeout=5).close()

    result = reconcile(cast.finance)

    [issue] = result.unmatched
    assert (issue.kind, issue.payment, issue.ours_pence) == (K.MISSING_AT_STRIPE, payment, 500)
    assert "not on Stripe" in issue.description


def test_an_amount_that_differs_is_reported(cast):
    payment = paid_card(cast, amount_pence=500)
    services.stripe_balance_fetch(start=today(), end=today(), actor=None)
    row = StripeBalanceTransaction.objects.get(source_id=payment.stripe_charge_id)
    services.stripe_balance_store(items=[{**row.data, "amount": 600, "net": 600}])

    result = services.reconciliation_match(start=today(), end=today(), actor=None)

    [issue] = result.unmatched
    assert (issue.kind, issue.stripe_pence, issue.ours_pence) == (K.AMOUNT_DIFFERS, 600, 500)
    assert "Stripe took £6" in issue.description and "has £5" in issue.description


def test_a_stripe_fee_is_posted_once_and_counted(cast):
    payment = paid_card(cast, amount_pence=500)
    services.stripe_balance_fetch(start=today(), end=today(), actor=None)
    row = StripeBalanceTransaction.objects.get(source_id=payment.stripe_charge_id)
    services.stripe_balance_store(items=[{**row.data, "fee": 35, "net": 465}])

    first = services.reconciliation_match(start=today(), end=today(), actor=cast.finance)
    second = services.reconciliation_match(start=today(), end=today(), actor=cast.finance)

    assert first.matched["fees"] == second.matched["fees"] == 1
    assert first.totals["fees"] == 35 and first.all_matched
    assert Transaction.objects.filter(key__startswith="stripe-fee:").count() == 1
    assert account_balance("stripe_fees") == 35 and account_balance("stripe") == 465


def test_fetching_is_paginated_resumable_and_safe_to_repeat(cast):
    for number in range(3):
        paid_card(cast, reference=f"test:{number}", amount_pence=100 + number)

    run = services.stripe_balance_fetch(
        start=today(), end=today(), actor=None, page_size=1, max_pages=1
    )
    assert run.finished_at is None and run.cursor and StripeBalanceTransaction.objects.count() == 1

    resumed = services.stripe_balance_fetch(start=today(), end=today(), actor=None, page_size=1)
    assert resumed.pk == run.pk and resumed.finished_at is not None and resumed.pages >= 3
    assert StripeBalanceTransaction.objects.count() == 3

    services.stripe_balance_fetch(start=today(), end=today(), actor=None, page_size=2)
    assert StripeBalanceTransaction.objects.count() == 3
    assert ReconciliationRun.objects.filter(finished_at__isnull=True).count() == 0


def test_lines_outside_the_period_are_not_kept(cast):
    paid_card(cast)
    yesterday = today() - dt.timedelta(days=1)
    run = services.stripe_balance_fetch(start=yesterday, end=yesterday, actor=None)
    assert run.finished_at is not None
    assert StripeBalanceTransaction.objects.count() == 0


def test_stripe_out_of_reach_is_said_plainly_and_the_run_waits_to_resume(cast):
    with override_settings(STRIPE_API_BASE=closed_port_url()):
        with pytest.raises(ReconciliationError, match="could not reach Stripe"):
            services.stripe_balance_fetch(start=today(), end=today(), actor=None)
    assert ReconciliationRun.objects.get().finished_at is None


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ReconciliationError, match="start date must be on or before"):
        services.reconciliation_match(
            start=dt.date(2026, 8, 2), end=dt.date(2026, 8, 1), actor=None
        )


def test_recorded_payouts_are_posted_to_the_bank_and_matched(cast):
    services.stripe_payouts_store(payouts=PAYOUTS["payouts"], actor=cast.finance)
    services.stripe_payouts_store(payouts=PAYOUTS["payouts"], actor=cast.finance)
    services.stripe_balance_store(items=PAYOUTS["balance_transactions"])

    result = services.reconciliation_match(start=AUGUST[0], end=AUGUST[1], actor=cast.finance)

    assert result.matched["payouts"] == 1 and result.totals["payouts"] == 12000
    assert account_balance("bank") == 12000 and account_balance("stripe") == -12000
    assert Transaction.objects.filter(key__startswith="payout:").count() == 1
    problems = {issue.stripe_id: issue for issue in result.unmatched}
    assert set(problems) == {"po_2InEuros", "po_3Failed"}
    assert "in EUR, not pounds" in problems["po_2InEuros"].description
    assert "our ledger has nothing" in problems["po_3Failed"].description


def test_a_paid_payout_that_later_fails_is_reversed(cast):
    paid = PAYOUTS["payouts"][0]
    services.stripe_payouts_store(payouts=[paid], actor=cast.finance)
    services.stripe_payouts_store(payouts=[{**paid, "status": "failed"}], actor=cast.finance)
    services.stripe_payouts_store(payouts=[{**paid, "status": "failed"}], actor=cast.finance)
    assert account_balance("bank") == 0
    assert Transaction.objects.filter(reverses__key="payout:po_1PaidInPounds").count() == 1


def test_an_issue_is_resolved_with_a_note_once(cast):
    paid_card(cast)
    charge_outside_coop()
    [issue] = reconcile(cast.finance).unmatched

    with pytest.raises(ReconciliationError, match="Please write a note"):
        services.reconciliation_issue_resolve(issue=issue, note="  ", actor=cast.finance)
    done = services.reconciliation_issue_resolve(
        issue=issue, note="A test charge by the treasurer.", actor=cast.finance
    )
    again = services.reconciliation_issue_resolve(issue=issue, note="Other", actor=cast.finance)
    assert again.note == "A test charge by the treasurer." and done.resolved_by == cast.finance
    # Resolved issues stay resolved, and are not listed again.
    assert reconcile(cast.finance).all_matched
    assert ReconciliationIssue.objects.count() == 1


def test_the_report_reads_without_writing(cast):
    paid_card(cast)
    charge_outside_coop(900)
    services.stripe_balance_fetch(start=today(), end=today(), actor=None)

    report = services.reconciliation_report(start=today(), end=today())

    assert report.matched["charges"] == 1
    [issue] = report.unmatched
    assert issue.pk is None and issue.kind == K.NOT_OURS
    assert not ReconciliationIssue.objects.exists()


def test_the_report_lists_a_fee_not_yet_posted(cast):
    payment = paid_card(cast, amount_pence=500)
    services.stripe_balance_fetch(start=today(), end=today(), actor=None)
    row = StripeBalanceTransaction.objects.get(source_id=payment.stripe_charge_id)
    services.stripe_balance_store(items=[{**row.data, "fee": 35, "net": 465}])

    [issue] = services.reconciliation_report(start=today(), end=today()).unmatched
    assert "£0.35 is not in the ledger yet" in issue.description
    services.reconciliation_match(start=today(), end=today(), actor=None)
    assert services.reconciliation_report(start=today(), end=today()).all_matched


def _report_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        report = services.reconciliation_report(start=today(), end=today())
    assert report.all_matched
    return len(queries)


def test_the_report_reads_our_side_once_however_many_stripe_rows(
    cast, django_capture_on_commit_callbacks
):
    def pay_and_refund(n: int) -> None:
        for i in range(n):
            payment = paid_card(cast, reference=f"test:{n}:{i}", amount_pence=500 + i)
            refund_in_coop(payment, cast.finance, django_capture_on_commit_callbacks, 100)
        reconcile(cast.finance)

    pay_and_refund(2)
    few = _report_queries()
    pay_and_refund(5)
    assert StripeBalanceTransaction.objects.count() == 14
    assert _report_queries() == few


def test_an_entry_of_another_kind_is_named_in_words(cast):
    from finance.models import StripeBalanceTransaction

    StripeBalanceTransaction.objects.create(
        stripe_id="txn_adjust_1",
        type="payout_failure",
        amount_pence=-300,
        net_pence=-300,
        currency="gbp",
        created_at=timezone.now(),
        data={},
    )
    [issue] = services.reconciliation_report(start=today(), end=today()).unmatched
    assert issue.description == "A payout failure of -£3 on Stripe that we do not know about."
