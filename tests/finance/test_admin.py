import pytest
from django.urls import reverse

from finance.models import Payment, Refund, StripeEvent
from tests.finance.helpers import paid_card

pytestmark = pytest.mark.django_db


def test_staff_can_read_money_records_in_the_admin_but_not_change_them(admin_client, cast):
    payment = paid_card(cast)
    for model in (Payment, Refund, StripeEvent):
        name = f"admin:finance_{model._meta.model_name}_changelist"
        assert admin_client.get(reverse(name)).status_code == 200
    page = admin_client.get(reverse("admin:finance_payment_change", args=[payment.pk]))
    assert page.status_code == 200
    assert payment.client_secret not in page.content.decode()
    assert admin_client.get(reverse("admin:finance_payment_add")).status_code == 403
    delete = reverse("admin:finance_payment_delete", args=[payment.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Payment.objects.filter(pk=payment.pk).exists()
