"""Organisers choose when reminders go: 3 days and 1 day before unless they change it; bad
choices are explained in plain words, by the form and by the services."""

import pytest
from django.urls import reverse

from coop.errors import CoopError
from events import services
from events.forms import ActivityForm
from events.models import Activity
from tests.events.conftest import activity_form_data, make_activity


def _post(cast, **changes) -> dict:
    return activity_form_data(cast, **changes)


def test_a_new_activity_form_ticks_3_days_and_1_day(cast, client):
    client.force_login(cast.organiser)
    page = client.get(reverse("activity-new")).content.decode()
    assert "When should we remind people?" in page
    assert 'value="72" id="id_reminder_hours_1" checked' in page
    assert 'value="24" id="id_reminder_hours_3" checked' in page
    assert 'value="168" id="id_reminder_hours_0">' in page


def test_organiser_chooses_when_reminders_go(cast, client):
    client.force_login(cast.organiser)
    client.post(reverse("activity-new"), _post(cast, reminder_hours=["24", "168", "3"]))
    activity = Activity.objects.get(title="Seaside")
    assert activity.reminder_hours == [168, 24, 3]
    client.post(reverse("activity-edit", args=[activity.pk]), _post(cast, reminder_hours=["48"]))
    activity.refresh_from_db()
    assert activity.reminder_hours == [48]


@pytest.mark.parametrize(
    "hours, message",
    [
        ([], "Please tick at least 1 time to remind people."),
        (["5"], "Please tick only the times on the list."),
        (["soon"], "Please tick only the times on the list."),
    ],
)
def test_bad_reminder_times_are_explained(cast, client, hours, message):
    client.force_login(cast.organiser)
    html = client.post(reverse("activity-new"), _post(cast, reminder_hours=hours)).content.decode()
    assert "<title>Error: " in html
    assert message in html
    assert not Activity.objects.filter(title="Seaside").exists()


def test_times_set_another_way_stay_on_the_form(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, reminder_hours=[72, 12])
    form = ActivityForm(instance=activity)
    assert (12, "12 hours before") in form.fields["reminder_hours"].choices
    assert "checked" in str(form["reminder_hours"]).split('value="12"')[1].split(">")[0]


@pytest.mark.parametrize("hours", [[], [0], [24, 15 * 24], ["24"], [True], "72"])
def test_the_services_refuse_bad_reminder_times(cast, hours):
    with pytest.raises(CoopError, match="(?i)remind") as error:
        make_activity(cast.organiser, cast.member_row.branch, reminder_hours=hours)
    assert error.value.code == "bad_reminders"
    activity = make_activity(cast.organiser, cast.member_row.branch)
    with pytest.raises(CoopError) as error:
        services.activity_update(activity=activity, actor=cast.organiser, reminder_hours=hours)
    assert error.value.code == "bad_reminders"
    activity.refresh_from_db()
    assert activity.reminder_hours == [72, 24]
