"""Member access ends with membership: a member who resigned (or lapsed, or is
suspended) keeps their sign-in but reads no member pages and no API, and is told why in
plain words; supporters lose access to them too."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events import services as event_services
from members import services
from tests.events.conftest import make_activity
from tests.site_paths import plain_paths

pytestmark = pytest.mark.django_db

ENDED = {
    "resigned": lambda cast: services.member_resign(member=cast.member_row, actor=cast.admin),
    "lapsed": lambda cast: services.member_lapse(member=cast.member_row, actor=cast.admin),
    "suspended": lambda cast: services.member_suspend(
        member=cast.member_row, actor=cast.admin, reason="Conduct"
    ),
}


def statuses(client: Client, paths: list[str]) -> dict[str, int]:
    return {path: client.get(path).status_code for path in paths}


@pytest.mark.parametrize("ending", ENDED)
def test_a_former_member_sees_no_more_than_someone_who_never_joined(cast, ending):
    activity = make_activity(cast.organiser, cast.member_row.branch)
    booking = event_services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member
    )
    paths = [
        *plain_paths(),
        reverse("activity-detail", args=[activity.pk]),
        reverse("booking-detail", args=[booking.pk]),
    ]
    member = Client()
    member.force_login(cast.member)
    assert member.get(reverse("minutes-list")).status_code == 200
    assert member.get(reverse("booking-detail", args=[booking.pk])).status_code == 200

    ENDED[ending](cast)

    outsider = Client()
    outsider.force_login(cast.outsider)
    better_off = {
        path: (code, outsider_code)
        for (path, code), outsider_code in zip(
            statuses(member, paths).items(), statuses(outsider, paths).values(), strict=True
        )
        if code == 200 and outsider_code != 200
    }
    assert better_off == {}


def test_a_resigned_member_is_told_plainly_on_every_member_page(cast):
    client = Client()
    client.force_login(cast.member)
    services.member_resign(member=cast.member_row, actor=cast.admin)
    for name in ("me", "activity-list", "minutes-list", "election-list", "my-bookings"):
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        html = response.content.decode()
        assert "<h1>Your membership has ended</h1>" in html, name
        assert "Please call us on 020 7946 0000" in html
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "You are not a member of the co-operative now." in home.content.decode()
    assert client.get(reverse("my-data")).status_code == 200


def test_a_resigned_members_token_reads_no_api(cast):
    api = APIClient()
    token = Token.objects.create(user=cast.member)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("events_api:activity-list")).status_code == 200
    services.member_resign(member=cast.member_row, actor=cast.admin)

    for name in (
        "events_api:activity-list",
        "events_api:my-bookings",
        "board_api:election-list",
        "board_api:meeting-list",
    ):
        assert api.get(reverse(name)).status_code == 403, name
    me = api.get(reverse("members_api:me")).json()
    assert (me["status"], me["roles"]) == ("resigned", [])
    # What is held about them they may still read: that right does not end with membership.
    assert api.get(reverse("members_api:my-data")).json()["membership"]["membership"]["status"] == (
        "resigned"
    )


def test_reinstated_the_member_reads_again(cast):
    client = Client()
    client.force_login(cast.member)
    services.member_resign(member=cast.member_row, actor=cast.admin)
    assert client.get(reverse("me")).status_code == 403
    services.member_reinstate(member=cast.member_row, actor=cast.admin)
    assert client.get(reverse("me")).status_code == 200


def test_a_supporter_cannot_act_for_a_member_who_resigned(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch)
    booking = event_services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member
    )
    client = Client()
    client.force_login(cast.supporter)
    assert client.get(reverse("booking-detail", args=[booking.pk])).status_code == 200
    services.member_resign(member=cast.member_row, actor=cast.admin)
    assert client.get(reverse("booking-detail", args=[booking.pk])).status_code in (403, 404)
    assert client.get(reverse("supporter-home")).status_code == 403
