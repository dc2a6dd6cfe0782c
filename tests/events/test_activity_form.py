"""The add and change activity form: its fields in parts, each a fieldset with a legend,
tick boxes in plain words, and a bad sending that keeps what was typed and says what to
put right."""

import re

import pytest
from django.urls import reverse

from events.forms import ActivityForm
from events.models import Activity
from tests.events.conftest import activity_form_data, make_activity

pytestmark = pytest.mark.django_db

LEGENDS = ["What it is", "When and where", "Places and booking", "Money", "Access", "Reminders"]


def _page(client, url: str, data: dict | None = None) -> str:
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_every_field_is_in_exactly_one_part():
    names = [name for _, part in ActivityForm.SECTIONS for name in part]
    visible = [f.name for f in ActivityForm().visible_fields()]
    assert sorted(names) == sorted(visible) and len(names) == len(set(names))


def test_the_form_comes_in_parts_with_legends(client, cast):
    client.force_login(cast.organiser)
    page = _page(client, reverse("activity-new"))
    legends = re.findall(r'<fieldset class="form-part">\s*<legend>([^<]+)</legend>', page)
    assert legends == LEGENDS
    # Each part holds its own fields: the guests' boxes come after "Places and booking".
    places = page.index("<legend>Places and booking</legend>")
    money = page.index("<legend>Money</legend>")
    assert places < page.index('name="guests_take_place"') < money
    assert "Someone coming with a member takes a place" in page
    assert "Guests take place" not in page


def test_a_bad_sending_keeps_what_was_typed_and_says_what_to_put_right(client, cast):
    client.force_login(cast.organiser)
    data = activity_form_data(
        cast,
        title="",
        ends_at="2030-06-01T09:00",
        meeting_point="The bus stop on Long Lane",
        guests_allowed="on",
        guests_take_place="on",
    )
    page = _page(client, reverse("activity-new"), data)
    assert "<title>Error: " in page
    assert "Please give the activity a name." in page
    assert "The activity must end after it starts." in page
    assert 'value="The bus stop on Long Lane"' in page
    assert re.search(r'<input type="checkbox" name="guests_take_place"[^>]* checked', page)
    assert 'value="2030-06-01T09:00"' in page
    assert not Activity.objects.filter(meeting_point="The bus stop on Long Lane").exists()


def test_changing_an_activity_shows_the_same_parts_with_its_answers(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, guests_take_place=True)
    client.force_login(cast.organiser)
    page = _page(client, reverse("activity-edit", args=[activity.pk]))
    assert page.count('<fieldset class="form-part">') == len(LEGENDS)
    assert re.search(r'<input type="checkbox" name="guests_take_place"[^>]* checked', page)
