"""Photos for members, the pages (issue 22): "Photos from Bowling" for those who came, a
few on the next Bowling's page, the photo file served only to who may see it (never from
a guessable address), and the organiser's share button."""

import pytest
from django.test import Client
from django.urls import reverse

from coop.errors import CoopError
from coop.models import AuditEntry
from events import services
from events.models import Activity, Booking, PhotoShare
from members import services as member_services
from tests.events.photo_helpers import add_photo, make_trip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def trip(cast):
    trip = make_trip(cast)
    services.photo_share_set(photo=trip.photo, actor=cast.organiser, shared=True)
    return trip


def _as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _photo_url(photo) -> str:
    return reverse("shared-photo", args=[photo.pk])


def test_a_member_who_came_sees_the_photos_from_their_trip(trip, cast):
    response = _as(cast.member).get(reverse("trip-photos", args=[trip.bowling.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Photos from Bowling</h1>" in page
    assert "Everyone in these photos said yes to photos." in page
    assert f'src="{_photo_url(trip.photo)}" alt="May and Ali bowling."' in page
    assert "<figcaption>May and Ali bowling.</figcaption>" in page


def test_the_booking_page_leads_to_the_photos(trip, cast):
    booking = Booking.objects.get(activity=trip.bowling, member=trip.may)
    page = _as(cast.member).get(reverse("booking-detail", args=[booking.pk])).content.decode()
    assert reverse("trip-photos", args=[trip.bowling.pk]) in page
    assert "See the photos from Bowling" in page


@pytest.mark.parametrize("who", ["cy", "outsider", "finance"])
def test_someone_who_did_not_come_cannot_see_the_trip_photos(trip, cast, who):
    user = trip.cy.user if who == "cy" else cast.by_role(who)
    response = _as(user).get(reverse("trip-photos", args=[trip.bowling.pk]))
    assert response.status_code == 404
    assert "May and Ali" not in response.content.decode()


def test_signed_out_the_photo_pages_ask_to_sign_in(trip):
    """Photos of members are for members: not on the open web, even as an advert."""
    for url in (reverse("trip-photos", args=[trip.bowling.pk]), _photo_url(trip.photo)):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("signin"))


def test_the_photo_file_is_served_privately_with_its_type(trip, cast):
    response = _as(cast.member).get(_photo_url(trip.photo))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_a_guessed_address_is_refused(trip, cast):
    unshared = add_photo(trip, cast, [trip.may], colour="green", alt="May alone.")
    member = _as(cast.member)
    assert member.get(_photo_url(unshared)).status_code == 404  # not shared
    assert member.get(_photo_url(trip.photo)).status_code == 200
    assert member.get(reverse("shared-photo", args=[unshared.pk + 1000])).status_code == 404
    # The file's own name under the media folder is never served (DEBUG is off).
    assert member.get(f"/media/{trip.photo.image.name}").status_code == 404
    assert member.get(f"/{trip.photo.image.name}").status_code == 404


def test_a_member_who_did_not_come_cannot_open_the_file_unless_it_is_advertised(trip, cast):
    cy = _as(trip.cy.user)
    assert cy.get(_photo_url(trip.photo)).status_code == 200  # on the next Bowling's page
    Activity.objects.filter(pk=trip.next_bowling.pk).update(status=Activity.Status.CANCELLED)
    assert cy.get(_photo_url(trip.photo)).status_code == 404


def test_after_consent_is_withdrawn_the_photo_is_shown_nowhere(trip, cast):
    member_services.member_update(
        member=trip.ali, actor=trip.ali.user, changes={"photo_consent": False}
    )
    may = _as(cast.member)
    trip_page = may.get(reverse("trip-photos", args=[trip.bowling.pk])).content.decode()
    assert "May and Ali" not in trip_page
    assert "There are no photos from Bowling to see." in trip_page
    next_page = may.get(reverse("activity-detail", args=[trip.next_bowling.pk])).content.decode()
    assert "Photos from last time" not in next_page
    assert may.get(_photo_url(trip.photo)).status_code == 404


def test_the_next_activity_page_shows_photos_from_last_time(trip, cast):
    page = (
        _as(trip.cy.user)
        .get(reverse("activity-detail", args=[trip.next_bowling.pk]))
        .content.decode()
    )
    assert "Photos from last time" in page
    assert 'alt="May and Ali bowling."' in page
    assert "From Bowling on " in page


def test_a_photo_of_a_member_who_did_not_agree_is_never_shown(trip, cast):
    # Bo came but did not agree: the evaluation refuses a photo of him, so none can be shared.
    with pytest.raises(CoopError):
        add_photo(trip, cast, [trip.bo], colour="black", alt="Bo bowling.")
    page = _as(cast.member).get(reverse("trip-photos", args=[trip.bowling.pk])).content.decode()
    assert "Bo bowling" not in page


def test_the_organiser_shares_and_stops_sharing_from_the_evaluation(trip, cast):
    other = add_photo(trip, cast, [trip.may], colour="green", alt="May alone.")
    organiser = _as(cast.organiser)
    evaluation = reverse("evaluation", args=[trip.bowling.pk])
    page = organiser.get(evaluation).content.decode()
    assert "Shared with members. They can see it now." in page
    assert "Share with members" in page
    response = organiser.post(reverse("photo-share", args=[other.pk]), {"shared": "yes"})
    assert response.status_code == 302 and response["Location"] == f"{evaluation}#photos"
    assert PhotoShare.objects.filter(photo=other).exists()
    organiser.post(reverse("photo-share", args=[other.pk]), {"shared": "no"})
    assert not PhotoShare.objects.filter(photo=other).exists()
    assert AuditEntry.objects.filter(action="evaluation.photo_unshared").count() == 1


def test_a_refused_share_says_why_in_plain_words(trip, cast):
    nobody = add_photo(trip, cast, [], colour="green", alt="The lanes.")
    organiser = _as(cast.organiser)
    response = organiser.post(
        reverse("photo-share", args=[nobody.pk]), {"shared": "yes"}, follow=True
    )
    assert "Only a photo with members named in it can be shared." in response.content.decode()
    assert not PhotoShare.objects.filter(photo=nobody).exists()


@pytest.mark.parametrize("who", ["member", "supporter", "board", "finance", "outsider"])
def test_only_organisers_share_photos(trip, cast, who):
    other = add_photo(trip, cast, [trip.may], colour="green", alt="May alone.")
    response = _as(cast.by_role(who)).post(
        reverse("photo-share", args=[other.pk]), {"shared": "yes"}
    )
    assert response.status_code == 403
    assert not PhotoShare.objects.filter(photo=other).exists()


def test_a_consent_change_shows_on_the_evaluation(trip, cast):
    member_services.member_update(member=trip.ali, actor=None, changes={"photo_consent": False})
    page = _as(cast.organiser).get(reverse("evaluation", args=[trip.bowling.pk])).content.decode()
    assert "Shared, but members cannot see it now." in page
