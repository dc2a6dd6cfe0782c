import json

import pytest
from django.urls import reverse

from tests.finance.helpers import paid_card, record_cash

pytestmark = pytest.mark.django_db


def test_a_members_own_data_includes_their_payments(client, cast):
    paid_card(cast)
    record_cash(cast)
    client.force_login(cast.member)
    data = json.loads(client.get(reverse("my-data-json")).content)["finance"]["payments"]
    assert [(p["for"], p["amount"], p["method"], p["status"]) for p in data] == [
        ("Booking fee for bowling", "£5", "Card", "Paid"),
        ("Booking fee for the seaside trip", "£5", "Cash", "Paid"),
    ]
    page = client.get(reverse("my-data")).content.decode()
    assert "Booking fee for bowling" in page


def test_nobody_elses_payments_are_in_anyones_data(client, cast):
    paid_card(cast)
    client.force_login(cast.outsider)
    data = json.loads(client.get(reverse("my-data-json")).content)["finance"]
    assert data == {"payments": []}
