"""Sharing photos with members (issue 22): the organiser's choice, audited, once; only a
photo with members named who all agree; shown only while everyone in it still agrees, is
a member and is not erased (checked each time it is shown)."""

import pytest

from coop import personal_data
from coop.errors import CoopError
from coop.models import AuditEntry
from events import photo_selectors, services
from events.models import Activity, PhotoShare
from members import services as member_services
from tests.events.after_helpers import past_activity
from tests.events.photo_helpers import add_photo, make_trip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def trip(cast):
    return make_trip(cast)


def _share(trip, cast, photo=None, shared=True):
    return services.photo_share_set(photo=photo or trip.photo, actor=cast.organiser, shared=shared)


def test_a_photo_is_not_shown_to_members_until_the_organiser_shares_it(trip, cast):
    assert photo_selectors.trip_photos(trip.bowling) == []
    _share(trip, cast)
    assert photo_selectors.trip_photos(trip.bowling) == [trip.photo]
    share = PhotoShare.objects.get(photo=trip.photo)
    assert share.shared_by == cast.organiser


def test_sharing_twice_shares_and_audits_once(trip, cast):
    _share(trip, cast)
    _share(trip, cast)
    assert PhotoShare.objects.count() == 1
    entries = AuditEntry.objects.filter(action="evaluation.photo_shared")
    assert entries.count() == 1
    assert entries.get().actor == cast.organiser


def test_stopping_sharing_hides_it_and_is_audited_once(trip, cast):
    _share(trip, cast)
    _share(trip, cast, shared=False)
    _share(trip, cast, shared=False)
    assert photo_selectors.trip_photos(trip.bowling) == []
    assert AuditEntry.objects.filter(action="evaluation.photo_unshared").count() == 1


def test_a_photo_with_nobody_named_cannot_be_shared(trip, cast):
    nobody = add_photo(trip, cast, [], colour="green", alt="The bowling lanes.")
    with pytest.raises(CoopError) as error:
        _share(trip, cast, photo=nobody)
    assert error.value.code == "nobody_named"
    assert "Nobody is named" in error.value.message
    assert not PhotoShare.objects.exists()


def test_a_photo_of_someone_who_since_said_no_cannot_be_shared_naming_them(trip, cast):
    member_services.member_update(member=trip.ali, actor=None, changes={"photo_consent": False})
    with pytest.raises(CoopError) as error:
        _share(trip, cast)
    assert error.value.code == "no_photo_consent"
    assert trip.ali.display_name in error.value.message
    assert not PhotoShare.objects.exists()


def test_a_deleted_photo_cannot_be_shared(trip, cast):
    services.evaluation_photo_remove(photo=trip.photo, actor=cast.organiser)
    with pytest.raises(CoopError) as error:
        _share(trip, cast)
    assert error.value.code == "photo_gone"


def test_withdrawing_photo_consent_hides_a_shared_photo_everywhere(trip, cast):
    _share(trip, cast)
    assert photo_selectors.last_time_photos(trip.next_bowling) == [trip.photo]
    member_services.member_update(
        member=trip.ali, actor=trip.ali.user, changes={"photo_consent": False}
    )
    assert photo_selectors.trip_photos(trip.bowling) == []
    assert photo_selectors.last_time_photos(trip.next_bowling) == []
    assert not photo_selectors.may_see_photo(cast.member, trip.photo)
    # Still shared: agreeing again shows it again, with no new choice by the organiser.
    member_services.member_update(member=trip.ali, actor=None, changes={"photo_consent": True})
    assert photo_selectors.trip_photos(trip.bowling) == [trip.photo]


@pytest.mark.parametrize("leave", ["member_resign", "member_lapse"])
def test_a_member_who_left_is_no_longer_shown(trip, cast, leave):
    _share(trip, cast)
    getattr(member_services, leave)(member=trip.ali, actor=cast.admin)
    assert photo_selectors.trip_photos(trip.bowling) == []


def test_an_erased_member_is_no_longer_shown_and_the_photo_is_gone(trip, cast):
    _share(trip, cast)
    member_services.member_erase(member=trip.ali, actor=cast.admin, reason="Asked to be erased.")
    assert photo_selectors.trip_photos(trip.bowling) == []
    assert not PhotoShare.objects.exists()


def test_the_next_activity_with_the_same_title_shows_the_photos(trip, cast):
    _share(trip, cast)
    other = add_photo(trip, cast, [trip.may], colour="yellow", alt="May wins.")
    _share(trip, cast, photo=other)
    assert photo_selectors.last_time_photos(trip.next_bowling) == [trip.photo, other]
    assert photo_selectors.is_advertised(trip.photo)


def test_an_activity_with_another_title_or_already_past_shows_none(trip, cast):
    _share(trip, cast)
    branch = cast.member_row.branch
    cinema = past_activity(cast.organiser, branch, days=5, title="Cinema")
    assert photo_selectors.last_time_photos(cinema) == []
    assert photo_selectors.last_time_photos(trip.bowling) == []  # itself, already held
    Activity.objects.filter(pk=trip.next_bowling.pk).update(status=Activity.Status.CANCELLED)
    trip.next_bowling.refresh_from_db()
    assert photo_selectors.last_time_photos(trip.next_bowling) == []
    assert not photo_selectors.is_advertised(trip.photo)


def test_who_may_see_a_shared_photo(trip, cast):
    _share(trip, cast)
    Activity.objects.filter(pk=trip.next_bowling.pk).update(status=Activity.Status.CANCELLED)
    assert photo_selectors.may_see_photo(trip.ali.user, trip.photo)  # came
    assert photo_selectors.may_see_photo(cast.member, trip.photo)  # May came
    assert photo_selectors.may_see_photo(cast.supporter, trip.photo)  # supports May
    assert photo_selectors.may_see_photo(cast.organiser, trip.photo)
    assert not photo_selectors.may_see_photo(trip.cy.user, trip.photo)  # did not come
    assert not photo_selectors.may_see_photo(cast.outsider, trip.photo)
    # On the next Bowling's page, anyone signed in who reads What's on sees it.
    Activity.objects.filter(pk=trip.next_bowling.pk).update(status=Activity.Status.PUBLISHED)
    assert photo_selectors.may_see_photo(trip.cy.user, trip.photo)


def test_a_members_own_data_says_whether_members_see_each_photo_of_her(trip, cast):
    def shown() -> list[bool]:
        mine = personal_data.export_for(cast.member)["activities"]["photos_you_are_in"]
        return [photo["shown_to_members"] for photo in mine]

    assert shown() == [False]
    _share(trip, cast)
    assert shown() == [True]
    member_services.member_update(
        member=trip.may, actor=cast.member, changes={"photo_consent": False}
    )
    assert shown() == [False]
