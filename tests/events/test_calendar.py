"""Calendar feeds: what's on for anyone (no personal data), a member's bookings behind a
private link, and the page that gives the links and makes a new one."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coop.audit import audit_trail
from events import services
from events.models import Activity, CalendarFeed
from members.services.erasure import member_erase
from members.services.lifecycle import member_resign
from tests.events.conftest import make_activity, make_members

pytestmark = pytest.mark.django_db
HOST = urlsplit(settings.SITE_URL).hostname


def events_in(response) -> dict[str, dict]:
    """The feed's events by title, each with its properties decoded."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    found = {}
    for event in calendar.walk("VEVENT"):
        found[str(event["summary"])] = {
            "uid": str(event["uid"]),
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "start_text": event["dtstart"].to_ical().decode(),
            "location": str(event["location"]),
            "description": str(event["description"]),
            "status": str(event["status"]),
            "url": str(event["url"]),
        }
    return found


def feed_url_for(client, user) -> str:
    """Open the calendar page as the user; the private feed's link is on it."""
    client.force_login(user)
    response = client.get(reverse("calendar"))
    assert response.status_code == 200
    feed = CalendarFeed.objects.get(member__user=user)
    path = reverse("calendar-bookings", kwargs={"token": feed.token})
    assert path in response.content.decode()
    client.logout()
    return path


# What's on: public


def test_whats_on_feed_has_published_activities_to_come_for_anyone(client, cast, activity):
    free = make_activity(
        cast.organiser,
        cast.member_row.branch,
        fee_pence=0,
        cost_pence=0,
        title="Park",
        meeting_point="The park gates",
    )
    make_activity(cast.organiser, cast.member_row.branch, publish=False, title="Draft")
    gone = make_activity(cast.organiser, cast.member_row.branch, title="Cancelled")
    services.activity_cancel(activity=gone, actor=cast.organiser, reason="Rain")
    found = events_in(client.get(reverse("calendar-activities")))
    assert set(found) == {"Bowling", "Park"}
    bowling = found["Bowling"]
    assert bowling["uid"] == f"activity-{activity.pk}@{HOST}"
    assert bowling["start"] == activity.starts_at.replace(microsecond=0)  # iCal has seconds
    assert bowling["end"] == activity.ends_at.replace(microsecond=0)
    assert bowling["start_text"].endswith("Z")  # in UTC
    assert bowling["location"] == "The bowling alley"
    assert bowling["description"] == (
        "We go bowling together.\nIt costs £7 on the day. You pay £5 to book. "
        "You get it back when you come."
    )
    assert bowling["status"] == "CONFIRMED"
    assert bowling["url"].endswith(reverse("activity-detail", kwargs={"pk": activity.pk}))
    assert found["Park"]["description"] == "We go bowling together.\nIt is free on the day."
    assert found["Park"]["uid"] == f"activity-{free.pk}@{HOST}"


def test_whats_on_feed_leaves_out_activities_that_have_happened(client, cast, activity):
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=2),
        booking_closes_at=timezone.now() - dt.timedelta(days=3),
        cancel_by=timezone.now() - dt.timedelta(days=4),
    )
    assert events_in(client.get(reverse("calendar-activities"))) == {}


def test_whats_on_feed_says_nothing_about_who_booked(client, cast, activity):
    services.booking_create(
        activity=activity,
        member=cast.member_row,
        actor=cast.member,
        payment="cash",
        guests=[{"kind": "carer"}],
    )
    text = client.get(reverse("calendar-activities")).content.decode()
    assert "Okafor" not in text and "May" not in text and "booked" not in text.lower()


def test_an_activitys_uid_stays_the_same_on_every_fetch_and_in_both_feeds(client, cast, activity):
    services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="cash"
    )
    first = events_in(client.get(reverse("calendar-activities")))["Bowling"]["uid"]
    second = events_in(client.get(reverse("calendar-activities")))["Bowling"]["uid"]
    private = events_in(client.get(feed_url_for(client, cast.member)))["Bowling"]["uid"]
    assert first == second == private


# A member's bookings: private


def test_private_feed_has_the_members_live_bookings_and_no_one_elses(client, cast, activity):
    others = make_members(cast, 2)
    full = make_activity(
        cast.organiser,
        cast.member_row.branch,
        places=1,
        title="Seaside",
        meeting_point="The library",
    )
    services.booking_create(activity=full, member=others[0], actor=others[0].user, payment="cash")
    services.booking_create(
        activity=activity,
        member=cast.member_row,
        actor=cast.member,
        payment="cash",
        guests=[{"kind": "carer"}],
    )
    services.booking_create(
        activity=full, member=cast.member_row, actor=cast.member, payment="cash"
    )  # waits
    park = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0, title="Park")
    cancelled = services.booking_create(
        activity=park, member=cast.member_row, actor=cast.member, payment="cash"
    )
    services.booking_cancel(booking=cancelled, actor=cast.member)
    other_only = make_activity(cast.organiser, cast.member_row.branch, title="Cinema")
    services.booking_create(
        activity=other_only, member=others[1], actor=others[1].user, payment="cash"
    )
    response = client.get(feed_url_for(client, cast.member))
    assert response["Cache-Control"] == "private, no-store"
    found = events_in(response)
    assert set(found) == {"Bowling", "Seaside (waiting list)"}
    bowling = found["Bowling"]
    assert bowling["status"] == "CONFIRMED"
    assert bowling["description"].startswith("You are booked.\nPeople coming with you: 1.\n")
    assert bowling["start"] == activity.starts_at.replace(microsecond=0)
    waiting = found["Seaside (waiting list)"]
    assert waiting["status"] == "TENTATIVE" and waiting["location"] == "The library"
    assert waiting["description"].startswith("You are on the waiting list.")
    assert "M0" not in response.content.decode()  # no membership numbers


def test_a_wrong_token_finds_nothing(client, cast):
    feed_url_for(client, cast.member)
    wrong = reverse("calendar-bookings", kwargs={"token": "not-a-real-token"})
    assert client.get(wrong).status_code == 404


def test_each_member_gets_their_own_long_random_token(client, cast):
    other = make_members(cast, 1)[0]
    mine = feed_url_for(client, cast.member)
    theirs = feed_url_for(client, other.user)
    assert mine != theirs
    tokens = list(CalendarFeed.objects.values_list("token", flat=True))
    assert len(tokens) == 2 and all(len(token) >= 40 for token in tokens)


def test_opening_the_page_again_keeps_the_same_link(client, cast):
    assert feed_url_for(client, cast.member) == feed_url_for(client, cast.member)
    assert CalendarFeed.objects.count() == 1


def test_a_new_private_link_stops_the_old_one(client, cast, activity):
    services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="cash"
    )
    old = feed_url_for(client, cast.member)
    client.force_login(cast.member)
    response = client.post(reverse("calendar"), follow=True)
    assert "Your new private link is ready." in response.content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    new = feed_url_for(client, cast.member)
    assert new != old
    assert set(events_in(client.get(new))) == {"Bowling"}
    assert audit_trail(cast.member_row).filter(action="calendar_feed.renewed").count() == 1


def test_an_erased_members_feed_stops(client, cast):
    url = feed_url_for(client, cast.member)
    member_erase(member=cast.member_row, actor=cast.admin, reason="Asked to be forgotten")
    assert client.get(url).status_code == 404


def test_a_resigned_members_feed_stops(client, cast):
    """Member access ends with membership (as for pages and the API): the private link too."""
    url = feed_url_for(client, cast.member)
    member_resign(member=cast.member_row, actor=cast.admin, reason="Moving away")
    assert client.get(url).status_code == 404


def test_feeds_only_answer_get(client, cast):
    url = feed_url_for(client, cast.member)
    assert client.post(url).status_code == 405
    assert client.post(reverse("calendar-activities")).status_code == 405


# The page


def test_calendar_page_needs_signing_in(client):
    response = client.get(reverse("calendar"))
    assert response.status_code == 302 and reverse("signin") in response["Location"]
    response = client.post(reverse("calendar"))
    assert response.status_code == 302
    assert not CalendarFeed.objects.exists()


def test_calendar_page_gives_a_member_both_links_in_easy_read(client, cast):
    client.force_login(cast.member)
    text = client.get(reverse("calendar")).content.decode()
    feed = CalendarFeed.objects.get(member=cast.member_row)
    assert "Add your bookings to your phone's calendar" in text
    assert "Add what's on to your phone's calendar" in text
    assert f"webcal://testserver/calendar/bookings/{feed.token}.ics" in text
    assert f"http://testserver/calendar/bookings/{feed.token}.ics" in text
    assert "webcal://testserver/calendar/activities.ics" in text
    assert "Make a new private link" in text
    assert "The old link will stop working." in text


@pytest.mark.parametrize("role", ["supporter", "organiser", "outsider"])
def test_someone_who_is_not_a_member_gets_only_the_whats_on_link(client, cast, role):
    client.force_login(cast.by_role(role))
    text = client.get(reverse("calendar")).content.decode()
    assert "calendar/activities.ics" in text
    assert "calendar/bookings/" not in text and "Make a new private link" not in text
    assert client.post(reverse("calendar")).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_a_card_hold_in_the_private_feed_says_until_when_then_that_the_time_ran_out(
    client, cast, activity
):
    """The calendar must not tell a member to pay to keep a place that is already let go."""
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="cash"
    )
    path = feed_url_for(client, cast.member)
    held = type(booking).objects.filter(pk=booking.pk)
    held.update(status="awaiting_payment", hold_expires_at=timezone.now() + dt.timedelta(hours=1))
    kept = events_in(client.get(path))["Bowling"]
    assert kept["status"] == "TENTATIVE"
    assert kept["description"].startswith("Your place is kept until ")
    assert "Pay the booking fee by card to finish booking." in kept["description"]
    held.update(hold_expires_at=timezone.now() - dt.timedelta(minutes=1))
    gone = events_in(client.get(path))["Bowling"]["description"]
    assert gone.startswith("The time to pay ran out. Your place is not kept now.")
    assert "keep your place" not in gone
