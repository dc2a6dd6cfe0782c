""" "What we know about you" is the page the law gives a member the right to read: it is
easy read too. Every field is named as a person would name it, dates are days, money is
pounds, and no code, raw date or field name shows through."""

import re

import pytest
from django.urls import reverse

from events import services
from tests.events.conftest import make_activity

pytestmark = pytest.mark.django_db

RAW = {
    "a raw date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "a code": re.compile(r"\b[a-z]+_[a-z_]+\b"),
    "pence": re.compile(r"\bpence\b", re.IGNORECASE),
    "a time zone": re.compile(r"\+00:00|UTC"),
}


def main_text(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_may_reads_her_data_in_plain_words(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=400)
    services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="cash"
    )
    client.force_login(cast.member)
    text = main_text(client.get(reverse("my-data")).content.decode())
    found = {name: pattern.findall(text) for name, pattern in RAW.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}
    assert "£4" in text
    day = activity.starts_at.astimezone().strftime("%A")
    assert day in text


def test_the_download_keeps_what_a_machine_reads(client, cast):
    client.force_login(cast.member)
    response = client.get(reverse("my-data-json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
