"""What's on's cards, written in Python (events.views.activities.activity_card): each says
where the reader stands, and every text people typed is escaped."""

import pytest
from django.urls import reverse

from events import services
from tests.events.conftest import make_activity, make_members

pytestmark = pytest.mark.django_db


def _card(html: str, title: str) -> str:
    start = html.index(title)
    return html[
        html.rindex('<div class="picture-card', 0, start) : html.index("</div>\n</div>", start)
    ]


def test_each_card_says_booked_waiting_places_left_or_full(client, cast):
    branch = cast.member_row.branch
    booked = make_activity(cast.organiser, branch, title="Booked trip", fee_pence=0)
    full = make_activity(cast.organiser, branch, title="Full trip", places=1, fee_pence=0)
    waiting = make_activity(cast.organiser, branch, title="Waiting trip", places=1, fee_pence=0)
    make_activity(cast.organiser, branch, title="Open trip", places=4, fee_pence=0)
    other = make_members(cast, 1)[0]
    services.booking_create(activity=booked, member=cast.member_row, actor=cast.member)
    for activity in (full, waiting):
        services.booking_create(activity=activity, member=other, actor=other.user)
    services.booking_create(activity=waiting, member=cast.member_row, actor=cast.member)
    client.force_login(cast.member)
    html = client.get(reverse("activity-list")).content.decode()
    assert "<strong>You are booked.</strong>" in _card(html, "Booked trip")
    assert "<strong>You are on the waiting list.</strong>" in _card(html, "Waiting trip")
    assert "It is full. You can join the waiting list." in _card(html, "Full trip")
    assert "<p>Places left: 4.</p>" in _card(html, "Open trip")


def test_a_card_escapes_what_people_typed(client, cast):
    make_activity(
        cast.organiser,
        cast.member_row.branch,
        title="Tea <b>\"&'",
        summary="<script>x</script>",
        picture_alt="A <cup>",
        meeting_point="Café & <bar>",
    )
    client.force_login(cast.member)
    card = _card(client.get(reverse("activity-list")).content.decode(), "Tea ")
    assert "Tea &lt;b&gt;&quot;&amp;&#x27;</a>" in card
    assert "<p>&lt;script&gt;x&lt;/script&gt;</p>" in card
    assert 'alt="A &lt;cup&gt;"' in card
    assert "Meet at Café &amp; &lt;bar&gt;." in card
    assert "<script>" not in card and "<b>" not in card
