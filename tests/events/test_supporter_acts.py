"""A supporter acts for each member they support from every place a member acts: the
activity page, the booking questions (worded for who answers), paying, cancelling, the
bookings list and Ideas."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from events import services
from events.models import Booking, Suggestion, SuggestionInterest
from members import services as member_services
from members.models import SupportLink
from tests.conftest import ROLES, make_cast
from tests.events.conftest import make_activity, make_members
from tests.events.test_booking_pages import walk_wizard

pytestmark = pytest.mark.django_db


def detail(client, activity) -> str:
    return client.get(reverse("activity-detail", kwargs={"pk": activity.pk})).content.decode()


def book_url(activity, member=None) -> str:
    url = reverse("book", kwargs={"pk": activity.pk})
    return f"{url}?member={member.pk}" if member else url


def test_the_activity_page_offers_the_supporter_a_place_for_may(client, cast, activity):
    client.force_login(cast.supporter)
    page = detail(client, activity)
    assert "Book a place for May</a>" in page
    assert f'href="{book_url(activity, cast.member_row)}"' in page
    assert f'href="{book_url(activity)}"' not in page  # the plain button answered 403
    assert client.get(book_url(activity, cast.member_row)).status_code == 200


def test_a_supporter_of_two_gets_one_button_each(client, cast, activity):
    (bob,) = make_members(cast, 1)
    member_services.support_link_create(
        supporter=cast.supporter,
        member=bob,
        relationship=SupportLink.Relationship.FAMILY,
        actor=bob.user,
    )
    client.force_login(cast.supporter)
    page = detail(client, activity)
    assert page.count("Book a place for ") == 2
    assert f'href="{book_url(activity, bob)}"' in page and "Book a place for May" in page
    # Sue neither pays nor comes: the money is said for the member (it said "You pay").
    from html import unescape

    money = unescape(page[page.index("<h2>Money</h2>") : page.index("<h2>Getting in</h2>")])
    assert "The member pays £5 to book. The member gets it back when the member comes." in money
    assert not re.search(r"\b(You|you|your)\b", money)


def test_the_member_still_books_for_herself(client, cast, activity):
    client.force_login(cast.member)
    page = detail(client, activity)
    assert f'href="{book_url(activity)}"' in page and "Book a place for" not in page


def test_the_booking_questions_are_worded_for_the_supporter(client, cast, activity):
    client.force_login(cast.supporter)
    page = client.get(book_url(activity, cast.member_row)).content.decode()
    assert "Is anyone coming with May?" in page
    assert "No, just May" in page and "Yes, someone is coming with May" in page
    assert "coming with you" not in page and "just me" not in page
    guests = walk_wizard(client, activity, [("bring", {"bring": "yes"})], member=cast.member_row)
    assert "Who is coming with May?" in guests.content.decode()
    steps = [
        ("bring", {"bring": "no"}),
        ("payment", {"payment": "cash"}),
    ]
    check = walk_wizard(client, activity, steps, member=cast.member_row).content.decode()
    assert "Is anyone coming with May?" in check and "No, just May" in check
    assert "Book May&#x27;s place" in check


def test_the_member_is_asked_about_herself(client, cast, activity):
    client.force_login(cast.member)
    page = client.get(book_url(activity)).content.decode()
    assert "Is anyone coming with you?" in page and "No, just me" in page
    steps = [("bring", {"bring": "no"}), ("payment", {"payment": "cash"})]
    check = walk_wizard(client, activity, steps).content.decode()
    assert "No, just me" in check and "Book my place" in check
    assert "coming with May" not in check and "May&#x27;s place" not in check


def test_supporter_books_pays_in_cash_reads_and_cancels_for_may(client, cast, activity):
    client.force_login(cast.supporter)
    steps = [("bring", {"bring": "no"}), ("payment", {"payment": "cash"}), ("check", {})]
    done = walk_wizard(client, activity, steps, member=cast.member_row)
    booking = Booking.objects.get(member=cast.member_row)
    assert booking.on_behalf and booking.fee_status == Booking.FeeStatus.AWAITING
    booked = client.get(done.url).content.decode()
    assert "May is booked" in booked and "People coming with May" in booked
    assert "You are booked" not in booked
    page = detail(client, activity)
    assert "May has a booking" in page and "See May's booking" in page
    assert "Book a place for May" not in page
    listed = client.get(reverse("my-bookings")).content.decode()
    assert "May's bookings" in listed and "Bowling" in listed
    cancel_url = reverse("booking-cancel", kwargs={"pk": booking.pk})
    cancel = client.get(cancel_url).content.decode()
    assert "Cancel May's booking for Bowling?" in cancel
    assert "Yes, cancel May's booking" in cancel
    client.post(cancel_url)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_the_fee_is_worded_for_the_supporter_where_she_reads_it(client, cast, activity):
    """Sue reads what May pays and gets back, wherever she books or reads for May; May's
    own pages still say "you"."""
    from html import unescape

    mays = "May pays £5 to book. May gets it back when May comes."
    client.force_login(cast.supporter)
    steps = [("bring", {"bring": "no"}), ("payment", {"payment": "cash"})]
    check = unescape(walk_wizard(client, activity, steps, member=cast.member_row).content.decode())
    assert mays in check and "If May cannot come, cancel by" in check
    assert unescape(detail(client, activity)).count(mays) == 1  # the activity's money
    walk_wizard(client, activity, [*steps, ("check", {})], member=cast.member_row)
    booking = Booking.objects.get(member=cast.member_row)
    for url in (
        reverse("booking-detail", kwargs={"pk": booking.pk}),
        reverse("my-bookings"),
        reverse("activity-detail", kwargs={"pk": activity.pk}),
    ):
        page = unescape(client.get(url).content.decode())
        assert "May gets it back when May comes." in page, url
        assert not re.search(r"\b(You pay|you come|You get|your place)\b", page), url
    client.force_login(cast.member)
    own = unescape(
        client.get(reverse("booking-detail", kwargs={"pk": booking.pk})).content.decode()
    )
    assert "You get it back when you come." in own and "May gets" not in own


def test_supporter_pays_by_card_for_may(client, cast, activity):
    client.force_login(cast.supporter)
    steps = [("bring", {"bring": "no"}), ("payment", {"payment": "card"}), ("check", {})]
    done = walk_wizard(client, activity, steps, member=cast.member_row)
    booking = Booking.objects.get(member=cast.member_row)
    assert done.url == reverse("pay", kwargs={"payment_id": booking.payment_id})
    assert client.get(done.url).status_code == 200


def test_may_sees_her_own_words_on_her_booking(client, cast, activity):
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.supporter, payment="cash"
    )
    client.force_login(cast.member)
    page = client.get(reverse("booking-detail", kwargs={"pk": booking.pk})).content.decode()
    assert "People coming with you" in page and "All my bookings" in page
    listed = client.get(reverse("my-bookings")).content.decode()
    assert "For May Okafor." not in listed  # her own booking, whoever made it


def test_the_supporter_has_ideas_for_may(client, cast):
    idea = services.suggestion_create(member=make_members(cast, 1)[0], actor=cast.admin, what="Zoo")
    client.force_login(cast.supporter)
    page = client.get(reverse("suggestions")).content.decode()
    assert "Suggest an activity for May" in page and "May would like to go" in page
    new = reverse("suggestion-new") + f"?member={cast.member_row.pk}"
    assert "Suggest an activity for May" in client.get(new).content.decode()
    form = client.get(new).context["form"]
    client.post(
        new, {"what": "Bowling", "token": form["token"].value(), "member": cast.member_row.pk}
    )
    made = Suggestion.objects.get(what="Bowling")
    assert made.member == cast.member_row and made.created_by == cast.supporter
    client.post(reverse("suggestion-interest", args=[idea.pk]), {"member": cast.member_row.pk})
    assert SuggestionInterest.objects.filter(suggestion=idea, member=cast.member_row).exists()
    page = client.get(reverse("suggestions") + f"?member={cast.member_row.pk}").content.decode()
    assert "You said May would like to go." in page


def test_a_supporter_speaks_only_for_a_member_they_support(client, cast):
    (stranger,) = make_members(cast, 1)
    client.force_login(cast.supporter)
    new = reverse("suggestion-new") + f"?member={stranger.pk}"
    assert client.get(new).status_code == 403
    assert client.post(new, {"what": "Zoo", "member": stranger.pk}).status_code == 403
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_item_opens_for_every_role(client, cast, role):
    client.force_login(cast.by_role(role))
    response = client.get(reverse("my-bookings"), follow=True)
    items = [*response.context["nav_items"], *response.context["nav_extra"]]
    assert items, role
    for item in items:
        assert client.get(item["url"]).status_code == 200, (role, item["label"])


def test_the_supporter_menu_has_ideas():
    """The item that answered 403 for a supporter is still given (and opens, above)."""
    cast = make_cast()
    client = Client()
    client.force_login(cast.supporter)
    response = client.get(reverse("my-bookings"))
    labels = [item["label"] for item in response.context["nav_extra"]]
    assert "Ideas" in labels


def test_a_one_question_page_ties_its_error_to_the_question(client, cast, activity):
    client.force_login(cast.member)
    page = walk_wizard(client, activity, [("bring", {})]).content.decode()
    assert '<fieldset class="fieldset" aria-describedby="id_bring-bring_error">' in page
    assert 'id="id_bring-bring_error"' in page and 'aria-invalid="true"' in page
    steps = [("bring", {"bring": "yes"}), ("guests", {"carers": "x"})]
    page = walk_wizard(client, activity, steps).content.decode()
    assert 'aria-describedby="id_guests-carers_error"' in page
    assert 'id="id_guests-carers_error"' in page


def test_the_supporter_takes_up_an_offered_place_for_may(
    client, cast, django_capture_on_commit_callbacks
):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    (first,) = make_members(cast, 1)
    taken = services.booking_create(
        activity=activity, member=first, actor=first.user, payment="cash_received"
    )
    offered = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.supporter, payment="cash"
    )
    client.force_login(cast.supporter)
    page = detail(client, activity)
    assert "It is full." in page and "May has a booking" in page
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=taken, actor=first.user)
    offered.refresh_from_db()
    assert offered.status == Booking.Status.OFFERED, offered.status
    url = reverse("booking-detail", kwargs={"pk": offered.pk})
    page = client.get(url).content.decode()
    assert "A place is free for May" in page and "Yes, May wants the place" in page
    response = client.post(
        reverse("offer-accept", kwargs={"pk": offered.pk}), {"payment": "cash"}, follow=True
    )
    assert "May has the place. See you there!" in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == Booking.Status.CONFIRMED


def test_a_full_activity_puts_may_on_the_waiting_list(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    (first,) = make_members(cast, 1)
    services.booking_create(activity=activity, member=first, actor=first.user, payment="cash")
    client.force_login(cast.supporter)
    page = detail(client, activity)
    assert "Put May on the waiting list" in page
    assert "can come with May." in page


def test_the_supporter_home_leads_to_what_may_can_do(client, cast):
    client.force_login(cast.supporter)
    page = client.get(reverse("supporter-home")).content.decode()
    assert f'href="{reverse("activity-list")}">What\'s on for May</a>' in page
    assert f'href="{reverse("my-bookings")}#bookings-{cast.member_row.pk}">May\'s bookings' in page
    ideas = f"{reverse('suggestions')}?member={cast.member_row.pk}"
    assert f'href="{ideas}">Ideas for May</a>' in page
