"""Someone who books for nobody (an organiser, a visitor with no member) reads the booking
fee said about members, as a supporter of several reads it about "the member". It said
"You pay £5 to book", as if they paid and came."""

import re
from html import unescape

import pytest
from django.urls import reverse

from coop.easyread import sentence_checks
from events.fee_words import MEMBERS, activity_fee_lines
from tests.events.test_fee_words import NOW
from tests.events.test_fee_words import activity as curry_night

pytestmark = pytest.mark.django_db


def test_the_fee_said_about_members_reads_as_plain_sentences():
    lines = activity_fee_lines(curry_night(), now=NOW, who=MEMBERS)
    assert lines == [
        "It costs £10 on the day.",
        "Members pay £2 to book. They get it back when they come.",
        "If members cannot come, cancel by Thursday 3 December at 6pm. Then they get it back.",
    ]
    waived = activity_fee_lines(curry_night(), now=NOW, who=MEMBERS, payment="waived")
    assert waived[-1] == "Members do not need to pay a booking fee for this activity."
    for line in lines + waived:
        assert [c for c in sentence_checks(line) if c.problems] == [], line


@pytest.mark.parametrize("who", ["organiser", "outsider"])
def test_someone_who_books_for_nobody_reads_what_members_pay(client, cast, activity, who):
    client.force_login(getattr(cast, who))
    page = client.get(reverse("activity-detail", kwargs={"pk": activity.pk})).content.decode()
    money = unescape(page[page.index("<h2>Money</h2>") : page.index("<h2>Getting in</h2>")])
    assert "Members pay £5 to book. They get it back when they come." in money
    assert not re.search(r"\b(You|you|your)\b", money)


def test_the_member_still_reads_what_she_pays(client, cast, activity):
    client.force_login(cast.member)
    page = unescape(
        client.get(reverse("activity-detail", kwargs={"pk": activity.pk})).content.decode()
    )
    assert "You pay £5 to book. You get it back when you come." in page
