"""The own-data page reads each app's words for all of a person's records at once: a
member with many recorded actions naming a supporter or a payment costs no more reads
than one with a single such action (it read once a record)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coop.audit import audit

pytestmark = pytest.mark.django_db


def _reads(client) -> int:
    with CaptureQueriesContext(connection) as reads:
        assert client.get(reverse("my-data")).status_code == 200
    return len(reads)


def _act(cast, n: int) -> None:
    for i in range(n):
        audit(
            actor=cast.member,
            action="test.did",
            data={"supporter": cast.supporter.pk, "reference": f"booking:{900 + i}"},
        )


def test_many_recorded_actions_cost_no_more_reads_than_one(client, cast):
    client.force_login(cast.member)
    _act(cast, 1)
    one = _reads(client)
    _act(cast, 9)
    page = client.get(reverse("my-data")).content.decode()
    assert page.count("Sue Okafor") >= 10 and "A payment" in page
    assert _reads(client) == one
