"""What's on's cards, written in Python (events.views.activities.activity_card): each says
where the reader stands, and every text people typed is escaped."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse

from coop.dates import easy_date, easy_time
from coop.links import static_url
from events import fee_words, services
from events.models import places_left
from events.views.activities import activity_card
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


# The template loop the card replaced (templates/events/activity_list.html before it was
# written in Python), fed the values the view used to give it: the card must be the same.
TEMPLATE_CARDS = Template(
    """{% for card in cards %}
<div class="picture-card activity-card">
  <img class="picture" src="{{ card.picture }}" alt="{{ card.picture_alt }}" width="96" height="96">
  <div class="picture-words">
    <h2 class="card-title"><a href="{{ card.url }}">{{ card.title }}</a></h2>
    <p>{{ card.summary }}</p>
    <p><strong>{{ card.day }}</strong>, {{ card.starts }} to {{ card.ends }}.</p>
    <p>{{ card.branch }}. Meet at {{ card.meeting_point }}.</p>
    {% for line in card.money_lines %}<p>{{ line }}</p>{% endfor %}
    <p>{% if card.booked %}<strong>You are booked.</strong>{% elif card.waiting %}<strong>You are on the waiting list.</strong>{% elif card.left %}Places left: {{ card.left }}.{% else %}It is full. You can join the waiting list.{% endif %}</p>
  </div>
</div>
{% endfor %}"""  # noqa: E501 - the template's own lines
)


def _as_template_had_it(row: dict, booked: set, waiting: set) -> dict:
    return {
        "url": f"/activities/{row['id']}/",
        "title": row["title"],
        "summary": row["summary"],
        "picture": static_url(row["picture"]),
        "picture_alt": row["picture_alt"],
        "day": easy_date(row["starts_at"]),
        "starts": easy_time(row["starts_at"]),
        "ends": easy_time(row["ends_at"]),
        "branch": row["branch__name"],
        "meeting_point": row["meeting_point"],
        "money_lines": fee_words.money_lines(row["cost_pence"], row["fee_pence"]),
        "booked": row["id"] in booked,
        "waiting": row["id"] in waiting,
        "left": places_left(row["places"], row["taken"]),
    }


@pytest.mark.parametrize(
    ("taken", "fee", "cost"), [(0, 0, 0), (3, 250, 700), (6, 500, 500), (9, 0, 1200)]
)
def test_a_card_is_what_the_template_wrote(taken, fee, cost):
    starts = dt.datetime(2026, 12, 14, 15, tzinfo=dt.UTC)
    rows = [
        {
            "id": pk,
            "title": "Tea <b>\"&'",
            "summary": "Cake & <i>talk</i>",
            "picture": "events/pictures/bowling.svg",
            "picture_alt": 'A "cup" <of> tea',
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=2, minutes=30),
            "meeting_point": "Café & <bar>",
            "cost_pence": cost,
            "fee_pence": fee,
            "places": 6,
            "taken": taken,
            "branch__name": "North & <South>",
        }
        for pk in (1, 2, 3)
    ]
    booked, waiting = {1}, {2}
    written = "".join(
        activity_card(row, booked, waiting, lambda pk: f"/activities/{pk}/") for row in rows
    )
    cards = [_as_template_had_it(row, booked, waiting) for row in rows]
    assert written == TEMPLATE_CARDS.render(Context({"cards": cards}))
