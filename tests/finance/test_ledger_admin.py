import pytest
from django.urls import reverse

from finance.models import Account, ReconciliationIssue, StripeBalanceTransaction, Transaction
from tests.finance.helpers import record_cash

pytestmark = pytest.mark.django_db


def test_staff_can_read_the_ledger_in_the_admin_but_not_change_it(admin_client, cast):
    record_cash(cast)
    txn = Transaction.objects.get()
    for model in (Account, Transaction, ReconciliationIssue, StripeBalanceTransaction):
        name = f"admin:finance_{model._meta.model_name}_changelist"
        assert admin_client.get(reverse(name)).status_code == 200
    page = admin_client.get(reverse("admin:finance_transaction_change", args=[txn.pk]))
    assert page.status_code == 200
    assert "Booking fees held (owed back)" in page.content.decode()
    assert admin_client.get(reverse("admin:finance_transaction_add")).status_code == 403
    delete = reverse("admin:finance_transaction_delete", args=[txn.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Transaction.objects.filter(pk=txn.pk).exists()
