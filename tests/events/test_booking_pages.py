import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import services
from events.models import Activity, Booking
from events.views.organiser import ACTIVITIES_PER_PAGE
from members.models import Member
from tests.events.conftest import activity_form_data, make_activity, make_members

pytestmark = pytest.mark.django_db


def walk_wizard(client, activity, steps, member=None):
    """Answer the booking pages in turn, as the signed-in user (for `member` if given)."""
    url = reverse("book", kwargs={"pk": activity.pk})
    if member is not None:
        url += f"?member={member.pk}"
    else:
        member = Member.objects.get(user_id=client.session["_auth_user_id"])
    client.get(url)
    prefix = f"book_{activity.pk}_{member.pk}"
    response = None
    for step, data in steps:
        answers = {f"{step}-{k}": v for k, v in data.items()}
        response = client.post(url, {f"{prefix}-current_step": step, **answers})
    return response


def test_member_books_a_free_activity_one_question_a_page(client, cast, free_activity):
    client.force_login(cast.member)
    check = walk_wizard(client, free_activity, [("bring", {"bring": "no"})])
    assert "Check your answers" in check.content.decode()
    done = walk_wizard(client, free_activity, [("bring", {"bring": "no"}), ("check", {})])
    booking = Booking.objects.get(member=cast.member_row)
    assert done.url == reverse("booking-detail", kwargs={"pk": booking.pk}) + "?new=1"
    assert booking.status == Booking.Status.CONFIRMED
    page = client.get(done.url).content.decode()
    assert "You are booked" in page


def test_member_books_with_guests_and_cash_and_sees_the_fee_words(client, cast, activity):
    client.force_login(cast.member)
    steps = [
        ("bring", {"bring": "yes"}),
        ("guests", {"carers": 1, "family": 0, "support_workers": 1}),
        ("payment", {"payment": "cash"}),
    ]
    check = walk_wizard(client, activity, steps).content.decode()
    assert "You pay £10 to book. You get it back when you come." in check
    # Cash: whom to pay and when, and the way chosen in words, not its code.
    assert "Give it to the organiser at The bowling alley on" in check
    assert "Pay £10 in cash to an organiser" in check
    walk_wizard(client, activity, [*steps, ("check", {})])
    booking = Booking.objects.get(member=cast.member_row)
    assert booking.fee_pence == 1000 and booking.guest_count == 2
    assert booking.fee_status == Booking.FeeStatus.AWAITING


def test_guests_step_without_anyone_is_explained(client, cast, activity):
    client.force_login(cast.member)
    html = walk_wizard(
        client,
        activity,
        [("bring", {"bring": "yes"}), ("guests", {"carers": 0, "family": 0, "support_workers": 0})],
    ).content.decode()
    assert "Please say who is coming, or go back and choose No." in html
    assert "<title>Error: " in html
    assert not Booking.objects.exists()


def test_member_must_agree_the_guidelines_before_booking(client, cast, activity):
    from members import services as member_services
    from members.demo import GUIDELINES_POINTS

    member_services.guidelines_publish(title="v2", points=GUIDELINES_POINTS, actor=cast.admin)
    client.force_login(cast.member)
    response = client.get(reverse("book", kwargs={"pk": activity.pk}))
    assert response.url == reverse("guidelines")


def test_supporter_books_for_the_member_they_support(client, cast, free_activity):
    client.force_login(cast.supporter)
    walk_wizard(
        client,
        free_activity,
        [("bring", {"bring": "no"}), ("check", {})],
        member=cast.member_row,
    )
    booking = Booking.objects.get(member=cast.member_row)
    assert booking.on_behalf and booking.booked_by == cast.supporter


def test_outsider_cannot_book_for_someone_else(client, cast, free_activity):
    client.force_login(cast.outsider)
    url = reverse("book", kwargs={"pk": free_activity.pk}) + f"?member={cast.member_row.pk}"
    assert client.get(url).status_code == 403


def test_another_members_booking_is_404(client, cast, free_activity):
    booking = services.booking_create(
        activity=free_activity, member=cast.member_row, actor=cast.member
    )
    client.force_login(cast.outsider)
    for name in ["booking-detail", "booking-cancel"]:
        assert client.get(reverse(name, kwargs={"pk": booking.pk})).status_code == 404
    assert client.post(reverse("booking-cancel", kwargs={"pk": booking.pk})).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_member_cancels_from_the_page(client, cast, free_activity):
    booking = services.booking_create(
        activity=free_activity, member=cast.member_row, actor=cast.member
    )
    client.force_login(cast.member)
    url = reverse("booking-cancel", kwargs={"pk": booking.pk})
    assert "Cancel your booking" in client.get(url).content.decode()
    client.post(url)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_draft_activities_are_not_shown_to_members(client, cast):
    draft = make_activity(cast.organiser, cast.member_row.branch, publish=False, title="Secret")
    client.force_login(cast.member)
    assert "Secret" not in client.get(reverse("activity-list")).content.decode()
    assert client.get(reverse("activity-detail", kwargs={"pk": draft.pk})).status_code == 404


def test_activity_list_shows_places_and_fee_in_words(client, cast, activity):
    client.force_login(cast.member)
    html = client.get(reverse("activity-list")).content.decode()
    assert "Bowling" in html and "Places left: 5." in html
    assert "You pay £5 to book. You get it back when you come." in html
    assert "It costs £7 on the day." in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_activity_list_and_my_bookings_use_the_same_queries_at_10_and_200(client, cast, settings):
    # Without the shared cache of signed-in users: with it, whether the user is read from
    # the database depends on how long ago signing in marked them stale (10 s), which
    # depends on how fast this machine makes 190 bookings.
    settings.USER_CACHE_SECONDS = 0
    client.force_login(cast.member)
    for _ in range(10):
        a = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
        services.booking_create(activity=a, member=cast.member_row, actor=cast.member)
    small = (_queries(client, reverse("activity-list")), _queries(client, reverse("my-bookings")))
    for _ in range(190):
        a = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
        services.booking_create(activity=a, member=cast.member_row, actor=cast.member)
    assert Activity.objects.count() == 200
    large = (_queries(client, reverse("activity-list")), _queries(client, reverse("my-bookings")))
    assert small == large
    # My bookings: the user and their roles (what every signed-in page reads here), then
    # one query for the members (own and supported) and one for their bookings.
    assert large[1] == 4


def test_my_bookings_reads_its_members_and_bookings_in_two_queries(client, cast, free_activity):
    """Own and supported members in one query, their bookings in one more: nothing read
    again for the page's parts (a supporter's page and a member's page alike)."""
    services.booking_create(activity=free_activity, member=cast.member_row, actor=cast.member)
    for user in (cast.member, cast.supporter):
        client.force_login(user)
        client.get(reverse("my-bookings"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("my-bookings")).status_code == 200
        assert len(queries) == 4, [q["sql"][:80] for q in queries.captured_queries]


def test_organiser_creates_publishes_and_marks_attendance(client, cast):
    client.force_login(cast.organiser)
    data = activity_form_data(cast, fee_pence="2.50", step_free="on", guests_allowed="on")
    response = client.post(reverse("activity-new"), data)
    activity = Activity.objects.get(title="Seaside")
    assert response.url == reverse("organiser-activity", kwargs={"pk": activity.pk})
    assert activity.fee_pence == 250 and activity.cost_pence == 500
    assert activity.reminder_hours == [72, 24]
    client.post(reverse("activity-publish", kwargs={"pk": activity.pk}))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED


def test_activity_with_impossible_times_is_explained_and_not_saved(client, cast):
    client.force_login(cast.organiser)
    html = client.post(
        reverse("activity-new"),
        {
            "title": "Oops",
            "summary": "x",
            "picture": "events/pictures/park.svg",
            "picture_alt": "A tree",
            "branch": cast.member_row.branch.pk,
            "starts_at": "2030-06-01T10:00",
            "ends_at": "2030-06-01T09:00",
            "meeting_point": "Here",
            "places": 8,
            "booking_opens_at": "2030-05-01T09:00",
            "booking_closes_at": "2030-05-30T17:00",
            "cancel_by": "2030-05-29T17:00",
        },
    ).content.decode()
    assert "The activity must end after it starts." in html
    assert not Activity.objects.filter(title="Oops").exists()


def test_attendance_page_marks_here(client, cast, free_activity):
    booking = services.booking_create(
        activity=free_activity, member=cast.member_row, actor=cast.member
    )
    client.force_login(cast.organiser)
    page = client.get(reverse("attendance", kwargs={"pk": free_activity.pk})).content.decode()
    assert "May Okafor" in page and "Wheelchair user" in page
    client.post(
        reverse("attendance-mark", kwargs={"pk": booking.pk}), {"mark": "here", "early": "yes"}
    )
    booking.refresh_from_db()
    assert booking.status == Booking.Status.ATTENDED


@pytest.mark.parametrize("role", ["member", "supporter", "board", "finance", "outsider"])
def test_organiser_pages_refuse_everyone_else(client, cast, free_activity, role):
    booking = services.booking_create(
        activity=free_activity, member=cast.member_row, actor=cast.member
    )
    client.force_login(cast.by_role(role))
    for url in [
        reverse("organiser-activities"),
        reverse("activity-new"),
        reverse("organiser-activity", kwargs={"pk": free_activity.pk}),
        reverse("attendance", kwargs={"pk": free_activity.pk}),
        reverse("activity-cancel", kwargs={"pk": free_activity.pk}),
    ]:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            reverse("attendance-mark", kwargs={"pk": booking.pk}), {"mark": "here"}
        ).status_code
        == 403
    )
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_organiser_ticks_cash_handed_back_on_the_attendance_page(
    client, cast, activity, django_capture_on_commit_callbacks
):
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.organiser, payment="cash_received"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    client.force_login(cast.organiser)
    page = client.get(reverse("attendance", kwargs={"pk": activity.pk})).content.decode()
    assert "I gave £5 back" in page
    client.post(reverse("cash-given-back", kwargs={"pk": booking.pk}))
    booking.refresh_from_db()
    assert booking.fee_status == Booking.FeeStatus.REFUNDED and booking.refunded_pence == 500
    again = client.post(reverse("cash-given-back", kwargs={"pk": booking.pk}), follow=True)
    assert "There is no cash to give back" in again.content.decode()


def test_the_organiser_lists_activities_newest_first_a_page_at_a_time(client, cast):
    branch = cast.member_row.branch
    for i in range(ACTIVITIES_PER_PAGE + 1):
        make_activity(cast.organiser, branch, title=f"Trip {i:02}", days=10 + i, publish=False)
    client.force_login(cast.organiser)
    first = client.get(reverse("organiser-activities")).content.decode()
    assert "newest first: page 1 of 2" in first and "Older activities" in first
    assert f"Trip {ACTIVITIES_PER_PAGE}" in first and "Trip 00" not in first
    second = client.get(reverse("organiser-activities"), {"page": 2}).content.decode()
    assert "Trip 00" in second and "Newer activities" in second


def test_my_bookings_lists_what_is_coming_soonest_first_then_what_has_been(client, cast):
    import datetime as dt

    from django.utils import timezone

    branch = cast.member_row.branch
    titles = {"Cinema": 20, "Park": 3, "Museum": 1}
    for title, days in titles.items():
        activity = make_activity(cast.organiser, branch, fee_pence=0, title=title, days=days)
        services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    # The museum trip was last week (booked while it was still to come).
    week_ago = timezone.now() - dt.timedelta(days=7)
    Activity.objects.filter(title="Museum").update(
        starts_at=week_ago,
        ends_at=week_ago + dt.timedelta(hours=2),
        booking_opens_at=week_ago - dt.timedelta(days=2),
        booking_closes_at=week_ago - dt.timedelta(hours=2),
        cancel_by=week_ago - dt.timedelta(days=1),
    )
    client.force_login(cast.member)
    page = client.get(reverse("my-bookings")).content.decode()
    order = [page.index(word) for word in ("Coming up", "Park", "Cinema", "Before", "Museum")]
    assert order == sorted(order)


def test_whats_on_offers_months_by_name_and_filters_by_one(client, cast):
    from django.utils import timezone

    make_activity(cast.organiser, cast.member_row.branch, title="Cinema", days=70)
    client.force_login(cast.member)
    page = client.get(reverse("activity-list")).content.decode()
    this_month = timezone.localdate()
    assert f">{this_month:%B %Y}</option>" in page and ">Any month</option>" in page
    assert 'type="month"' not in page
    cinema = Activity.objects.get(title="Cinema")
    month = timezone.localtime(cinema.starts_at)
    shown = client.get(reverse("activity-list"), {"month": f"{month:%Y-%m}"}).content.decode()
    assert "Cinema" in shown
    other = client.get(reverse("activity-list"), {"month": f"{this_month:%Y-%m}"})
    assert "Cinema" not in other.content.decode()


def test_whats_on_says_which_activities_may_is_booked_on(client, cast):
    branch = cast.member_row.branch
    park = make_activity(cast.organiser, branch, fee_pence=0, title="Park", days=3)
    make_activity(cast.organiser, branch, title="Cinema", days=5)
    services.booking_create(activity=park, member=cast.member_row, actor=cast.member)
    client.force_login(cast.member)
    page = " ".join(client.get(reverse("activity-list")).content.decode().split())
    park_card = page[page.index(">Park<") : page.index(">Cinema<")]
    cinema_card = page[page.index(">Cinema<") :]
    assert "You are booked." in park_card and "Places left" not in park_card
    assert "You are booked." not in cinema_card and "Places left: 5." in cinema_card


def test_cancelling_an_activity_is_set_apart_from_the_everyday_actions(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch)
    client.force_login(cast.organiser)
    page = client.get(reverse("organiser-activity", args=[activity.pk])).content.decode()
    actions = page[
        page.index('<div class="actions">') : page.index(
            "</div>", page.index('<div class="actions">')
        )
    ]
    assert reverse("activity-cancel", args=[activity.pk]) not in actions
    apart = page.index('id="cancel-heading"')
    assert apart > page.index("Cancelled (")
    assert reverse("activity-cancel", args=[activity.pk]) in page[apart:]
    assert "You will be asked first." in page


def test_the_organiser_is_told_when_a_fee_is_waived_or_cash_taken(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=400)
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="cash"
    )
    name = cast.member_row.display_name
    client.force_login(cast.organiser)
    told = client.post(
        reverse("waive-fee", args=[booking.pk]), {"reason": "Hardship"}, follow=True
    ).content.decode()
    assert f"{name} does not need to pay the fee now." in told
    booking.refresh_from_db()
    assert booking.fee_status == Booking.FeeStatus.WAIVED
    again = client.post(reverse("record-cash", args=[booking.pk]), follow=True).content.decode()
    assert f"Cash taken from {name}." not in again


def test_the_attendance_page_uses_the_same_queries_for_2_and_8_people(client, cast):
    activity = make_activity(
        cast.organiser, cast.member_row.branch, fee_pence=0, places=20, title="Park"
    )
    people = make_members(cast, 8)
    for member in people[:2]:
        services.booking_create(activity=activity, member=member, actor=cast.organiser)
    client.force_login(cast.organiser)
    url = reverse("attendance", kwargs={"pk": activity.pk})
    small = _queries(client, url)
    for member in people[2:]:
        services.booking_create(activity=activity, member=member, actor=cast.organiser)
    large = _queries(client, url)
    page = client.get(url).content.decode()
    assert page.count('class="attendance-person"') == 8 and "M7 Test" in page
    assert small == large


def test_members_i_book_for_are_mine_and_those_whose_link_is_accepted_and_not_withdrawn(cast):
    from django.utils import timezone

    from events.selectors import members_i_book_for
    from members.models import SupportLink
    from members.selectors import supported_members

    links = SupportLink.objects.filter(supporter=cast.supporter)
    links.update(accepted_at=timezone.now())
    assert [(m.pk, m.supported) for m in members_i_book_for(cast.supporter)] == [
        (cast.member_row.pk, True)
    ]
    assert [(m.pk, m.supported) for m in members_i_book_for(cast.member)] == [
        (cast.member_row.pk, False)
    ]
    for change in ({"accepted_at": None}, {"withdrawn_at": timezone.now()}):
        links.update(accepted_at=timezone.now(), withdrawn_at=None)
        links.update(**change)
        assert members_i_book_for(cast.supporter) == []
        assert list(supported_members(cast.supporter)) == []
    assert members_i_book_for(cast.outsider) == []


def test_the_register_names_each_person_as_their_member_record_does(cast):
    from events.register import register_rows

    activity = make_activity(
        cast.organiser, cast.member_row.branch, fee_pence=0, places=20, title="Walk"
    )
    people = make_members(cast, 2)
    Member.objects.filter(pk=people[0].pk).update(known_as="Em")
    for member in people:
        services.booking_create(activity=activity, member=member, actor=cast.organiser)
    rows = register_rows(activity.pk, "/register/")
    expected = [b.member.display_name for b in activity.bookings.order_by("created_at", "id")]
    assert [r["name"] for r in rows] == expected == ["Em Test", "M1 Test"]
    assert [r["initial"] for r in rows] == ["E", "M"]
