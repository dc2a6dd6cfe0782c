"""Photos for members in a real browser (issue 22): a member who came reads "Photos from
Bowling" from her booking, each photo with its words; a photo of someone who no longer
agrees is never shown; the next Bowling shows photos from last time; the organiser's
share button. Walked at 1280 and 320 pixels, with JavaScript on and off."""

import pytest
from django.urls import reverse

from events import services
from events.models import Booking
from members import services as member_services
from tests.browser.conftest import Looks, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast
from tests.events.photo_helpers import add_photo, make_trip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOADED = "img => img.complete && img.naturalWidth > 0"


@pytest.fixture
def trip(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cast = make_cast()
    trip = make_trip(cast)
    may = add_photo(trip, cast, [trip.may], colour="green", alt="May throws the ball.")
    for photo in (trip.photo, may):
        services.photo_share_set(photo=photo, actor=cast.organiser, shared=True)
    # Ali said no to photos after the photo of him and May was shared.
    member_services.member_update(
        member=trip.ali, actor=trip.ali.user, changes={"photo_consent": False}
    )
    return cast, trip


def test_a_member_who_came_sees_the_shared_photo_with_its_words(
    any_page, live_server, client, trip
):
    cast, trip = trip
    page, looks = any_page, Looks(any_page)
    sign_in(page, live_server, client, cast.member)
    booking = Booking.objects.get(activity=trip.bowling, member=trip.may)
    page.goto(live_server.url + reverse("booking-detail", args=[booking.pk]))
    looks("booking")
    submit(page, "See the photos from Bowling")
    looks("trip-photos")
    assert page.title().startswith("Photos from Bowling")
    assert "Everyone in these photos said yes to photos." in page.inner_text("main")
    images = page.locator("main img")
    assert images.count() == 1  # not the photo with Ali, who said no
    image = images.first
    assert image.get_attribute("alt") == "May throws the ball."
    assert image.evaluate(LOADED)
    assert page.locator("main figcaption").inner_text() == "May throws the ball."
    assert "May and Ali bowling." not in page.content()
    page.goto(live_server.url + reverse("activity-detail", args=[trip.next_bowling.pk]))
    looks("next-bowling")
    assert "Photos from last time" in page.inner_text("main")
    assert page.locator("main img[alt='May throws the ball.']").evaluate(LOADED)
    assert "May and Ali bowling." not in page.content()
    assert looks.failures == {}


def test_the_organisers_share_buttons_pass_axe(page, live_server, client, trip):
    cast, trip = trip
    other = add_photo(trip, cast, [trip.may], colour="yellow", alt="May laughs.")
    sign_in(page, live_server, client, cast.organiser)
    url = live_server.url + reverse("evaluation", args=[trip.bowling.pk])
    failures = {"evaluation": check_page(page, url)}
    assert "Shared, but members cannot see it now." in page.content()
    page.goto(url)
    with page.expect_navigation():
        page.click(f"form[action='{reverse('photo-share', args=[other.pk])}'] button")
    assert "The photo is shared with members." in page.content()
    failures["shared"] = check_page(page, page.url)
    assert {k: v for k, v in failures.items() if v} == {}
