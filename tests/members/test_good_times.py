"""The times that suit a member to come to activities (issue 22): said by the member on
their own page or by their supporter for them, kept in the grid's order, counted for the
board without names, in the member's own data in words, and erased with the rest."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from coop.errors import CoopError
from coop.models import AuditEntry
from members import services
from members.good_times import GoodTime as T
from members.good_times import good_time_counts, good_time_of
from tests.events.conftest import make_members

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def test_each_start_falls_in_one_time_of_the_grid():
    monday = dt.date(2026, 12, 7)
    assert good_time_of(at(monday, 10)) == T.WEEKDAY_DAY
    assert good_time_of(at(monday, 16, 59)) == T.WEEKDAY_DAY
    assert good_time_of(at(monday, 17)) == T.WEEKDAY_EVENING
    assert good_time_of(at(monday + dt.timedelta(days=4), 19)) == T.WEEKDAY_EVENING  # Friday
    assert good_time_of(at(monday + dt.timedelta(days=5), 10)) == T.SATURDAY
    assert good_time_of(at(monday + dt.timedelta(days=5), 19)) == T.SATURDAY
    assert good_time_of(at(monday + dt.timedelta(days=6), 12)) == T.SUNDAY
    # Stored in UTC, read in London time: 17:30 UTC in summer is 18:30 in London.
    summer = dt.datetime(2026, 7, 6, 16, 30, tzinfo=dt.UTC)  # a Monday, 17:30 in London
    assert good_time_of(summer) == T.WEEKDAY_EVENING


def test_the_service_keeps_the_grid_order_and_records_once(cast):
    member = cast.member_row
    services.member_times_set(member=member, actor=cast.member, times=["sunday", "weekday_day"])
    member.refresh_from_db()
    assert member.good_times == ["weekday_day", "sunday"]
    assert member.good_time_labels() == ["Monday to Friday, in the day", "Sunday"]
    services.member_times_set(member=member, actor=cast.member, times=["weekday_day", "sunday"])
    entries = AuditEntry.objects.filter(action="member.times_set")
    assert entries.count() == 1  # the same again changes nothing
    assert entries.get().data == {"good_times": ["weekday_day", "sunday"]}
    services.member_times_set(member=member, actor=cast.member, times=[])
    member.refresh_from_db()
    assert member.good_times == [] and entries.count() == 2


def test_a_time_not_in_the_grid_is_refused_and_changes_nothing(cast):
    with pytest.raises(CoopError, match="only from the times on the list"):
        services.member_times_set(member=cast.member_row, actor=cast.member, times=["3am"])
    cast.member_row.refresh_from_db()
    assert cast.member_row.good_times == []


def test_counts_are_of_active_members_only(cast):
    may = cast.member_row
    m0, m1, gone = make_members(cast, 3)
    services.member_times_set(member=may, actor=cast.member, times=["saturday", "sunday"])
    services.member_times_set(member=m0, actor=cast.admin, times=["saturday"])
    services.member_times_set(member=gone, actor=cast.admin, times=["saturday", "weekday_day"])
    services.member_resign(member=gone, actor=cast.admin, reason="moved away")
    # May: Saturday, Sunday. m0: Saturday. m1: nothing said. gone: resigned, not counted.
    assert good_time_counts() == {
        "weekday_day": 0,
        "weekday_evening": 0,
        "saturday": 2,
        "sunday": 1,
        "said": 2,
    }


def test_member_sets_their_times_from_their_page(client, cast):
    client.force_login(cast.member)
    me = client.get(reverse("me")).content.decode()
    assert "Times that suit me" in me and "Not said yet" in me
    assert f'href="{reverse("my-times")}"' in me
    page = client.get(reverse("my-times")).content.decode()
    assert "<h1>When can you come to activities?</h1>" in page
    assert 'alt="The moon at night"' in page and "Monday to Friday, in the evening" in page
    response = client.post(reverse("my-times"), {"good_times": ["saturday", "weekday_evening"]})
    assert response.status_code == 302 and response.url == reverse("me")
    cast.member_row.refresh_from_db()
    assert cast.member_row.good_times == ["weekday_evening", "saturday"]
    me = client.get(reverse("me")).content.decode()
    assert "Monday to Friday, in the evening, Saturday" in me
    # The page shows what was chosen, ticked.
    page = client.get(reverse("my-times")).content.decode()
    assert 'value="saturday" id="id_good_times_2" checked' in page


def test_a_wrong_answer_is_explained_and_changes_nothing(client, cast):
    client.force_login(cast.member)
    page = client.post(reverse("my-times"), {"good_times": ["midnight"]}).content.decode()
    assert "<title>Error: " in page and "Please choose only from the times on the list." in page
    cast.member_row.refresh_from_db()
    assert cast.member_row.good_times == []


def test_supporter_sets_times_for_the_member_they_help(client, cast):
    client.force_login(cast.supporter)
    home = client.get(reverse("supporter-home")).content.decode()
    url = reverse("supporter-times", args=[cast.member_row.pk])
    assert f'href="{url}">Times that suit May</a>' in home
    page = client.get(url).content.decode()
    assert "When can May come to activities?" in page
    assert client.post(url, {"good_times": ["sunday"]}).url == reverse("supporter-home")
    cast.member_row.refresh_from_db()
    assert cast.member_row.good_times == ["sunday"]
    entry = AuditEntry.objects.get(action="member.times_set")
    assert entry.actor == cast.supporter and entry.on_behalf_of == cast.member


def test_nobody_else_sets_a_members_times(client, cast):
    (other,) = make_members(cast, 1)
    client.force_login(cast.supporter)  # Sue helps May, not this member
    assert client.get(reverse("supporter-times", args=[other.pk])).status_code == 404
    assert client.post(reverse("supporter-times", args=[other.pk]), {}).status_code == 404
    client.force_login(cast.member)  # a member is not a supporter
    assert client.get(reverse("supporter-times", args=[other.pk])).status_code == 403
    client.force_login(cast.organiser)
    assert client.get(reverse("my-times")).status_code == 403


def test_times_are_in_the_members_own_data_in_words(client, cast):
    services.member_times_set(member=cast.member_row, actor=cast.member, times=["saturday"])
    client.force_login(cast.member)
    data = json.loads(client.get(reverse("my-data-json")).content)["membership"]
    assert data["membership"]["good_times"] == ["saturday"]
    assert data["membership"]["good_times_label"] == ["Saturday"]
    recorded = [a for a in data["actions_recorded"] if a["action"] == "member.times_set"]
    assert recorded[0]["data_label"] == {"good_times": ["Saturday"]}
    page = client.get(reverse("my-data")).content.decode()
    assert "Saturday" in page and "saturday" not in page


def test_erasure_empties_the_times(cast):
    member = cast.member_row
    services.member_times_set(member=member, actor=cast.member, times=["saturday"])
    services.member_erase(member=member, actor=cast.admin, reason="Asked on 3 March")
    member.refresh_from_db()
    assert member.good_times == []
    assert not any(h.good_times for h in member.history.all())
    with pytest.raises(CoopError):
        services.member_times_set(member=member, actor=cast.admin, times=["sunday"])


def test_the_times_page_title_says_error_once(client, cast):
    client.force_login(cast.member)
    page = client.post(reverse("my-times"), {"good_times": ["never"]}).content.decode()
    assert "<title>Error: When can you come to activities?" in page
