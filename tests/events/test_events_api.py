"""The events REST API: what's on, making and cancelling activities, booking, a booking's
page, cancelling, attendance and my bookings — with the pages' permissions, the services'
error codes, and the shapes other parts of coop rely on."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from coop.audit import audit_trail
from events import services
from events.models import Activity, Booking
from finance.models import Payment
from members import services as member_services
from members.demo import GUIDELINES_POINTS
from tests.events.conftest import make_activity, make_members
from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db

BookingStatus = Booking.Status
FeeStatus = Booking.FeeStatus
LIST_FIELDS = {
    "id",
    "title",
    "summary",
    "starts_at",
    "ends_at",
    "branch",
    "places",
    "places_left",
    "cost_pence",
    "fee_pence",
    "cancel_by",
    "waiting",
}
BOOKING_FIELDS = {
    "id",
    "activity",
    "member",
    "status",
    "guests",
    "fee_pence",
    "fee_status",
    "refunded_pence",
}
CREATED_FIELDS = {"id", "status", "fee_pence", "fee_status", "payment"}
NOT_ORGANISERS = ["member", "supporter", "board", "finance", "returning", "outsider"]


def as_user(api: APIClient, user) -> APIClient:
    api.force_authenticate(user)
    return api


def list_url() -> str:
    return reverse("events_api:activity-list")


def activity_url(activity: Activity) -> str:
    return reverse("events_api:activity-detail", kwargs={"pk": activity.pk})


def cancel_activity_url(activity: Activity) -> str:
    return reverse("events_api:activity-cancel", kwargs={"pk": activity.pk})


def book_url(activity: Activity) -> str:
    return reverse("events_api:booking-create", kwargs={"pk": activity.pk})


def booking_url(booking: Booking) -> str:
    return reverse("events_api:booking-detail", kwargs={"pk": booking.pk})


def cancel_url(booking: Booking) -> str:
    return reverse("events_api:booking-cancel", kwargs={"pk": booking.pk})


def attendance_url(booking: Booking) -> str:
    return reverse("events_api:attendance", kwargs={"pk": booking.pk})


def activity_body(cast, **changes) -> dict:
    starts = timezone.now() + dt.timedelta(days=10)
    body = {
        "title": "Seaside",
        "summary": "We go to the seaside.",
        "picture": "events/pictures/seaside.svg",
        "picture_alt": "The sea, the sun and a beach",
        "branch": cast.member_row.branch.slug,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + dt.timedelta(hours=6)).isoformat(),
        "meeting_point": "The library car park",
        "places": 12,
        "cost_pence": 500,
        "fee_pence": 300,
        "booking_opens_at": timezone.now().isoformat(),
        "booking_closes_at": (starts - dt.timedelta(days=1)).isoformat(),
        "cancel_by": (starts - dt.timedelta(days=2)).isoformat(),
    }
    body.update(changes)
    return body


def book(activity, member, actor, payment="cash", **kwargs) -> Booking:
    return services.booking_create(
        activity=activity, member=member, actor=actor, payment=payment, **kwargs
    )


def snapshot(booking: Booking) -> dict:
    booking.refresh_from_db()
    return {f.attname: getattr(booking, f.attname) for f in Booking._meta.concrete_fields}


def error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    data = response.json()
    assert data["code"] == code, data
    assert isinstance(data["detail"], str) and data["detail"]
    return data


# Who may call what


def test_anonymous_callers_are_refused_and_change_nothing(api, cast, activity):
    booking = book(activity, cast.member_row, cast.member)
    before = snapshot(booking)
    calls = [
        ("get", list_url(), {}),
        ("post", list_url(), activity_body(cast)),
        ("get", activity_url(activity), {}),
        ("post", cancel_activity_url(activity), {"reason": "Rain"}),
        ("post", book_url(activity), {"payment": "cash"}),
        ("get", booking_url(booking), {}),
        ("post", cancel_url(booking), {}),
        ("post", attendance_url(booking), {"attended": True}),
        ("get", reverse("events_api:my-bookings"), {}),
    ]
    for method, url, body in calls:
        response = getattr(api, method)(url, body, format="json")
        assert response.status_code in (401, 403), url
        assert "Bowling" not in response.content.decode()
    assert snapshot(booking) == before
    assert Activity.objects.count() == 1
    assert Activity.objects.get().status == Activity.Status.PUBLISHED


@pytest.mark.parametrize("role", NOT_ORGANISERS)
def test_people_who_do_not_organise_cannot_make_cancel_or_mark_and_change_nothing(
    api, cast, activity, role
):
    booking = book(activity, cast.member_row, cast.member)
    before = snapshot(booking)
    as_user(api, cast.by_role(role))
    response = api.post(list_url(), activity_body(cast), format="json")
    error(response, 403, "not_allowed")
    response = api.post(cancel_activity_url(activity), {"reason": "Rain"}, format="json")
    error(response, 403, "not_allowed")
    response = api.post(attendance_url(booking), {"attended": True, "early": True}, format="json")
    error(response, 403, "not_allowed")
    assert Activity.objects.count() == 1
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED
    assert snapshot(booking) == before


def test_outsider_sees_whats_on_but_not_anyones_booking(api, cast, activity):
    booking = book(activity, cast.member_row, cast.member)
    as_user(api, cast.outsider)
    assert api.get(list_url()).status_code == 200
    before = snapshot(booking)
    for response in [api.get(booking_url(booking)), api.post(cancel_url(booking))]:
        assert response.status_code == 404
        assert "Okafor" not in response.content.decode()
    assert snapshot(booking) == before
    assert api.get(reverse("events_api:my-bookings")).json()["results"] == []


def test_outsider_cannot_book_for_a_member_or_for_themselves(api, cast, activity):
    as_user(api, cast.outsider)
    response = api.post(
        book_url(activity), {"member": cast.member_row.pk, "payment": "cash"}, format="json"
    )
    assert response.status_code == 404
    assert "Okafor" not in response.content.decode()
    response = api.post(book_url(activity), {"payment": "cash"}, format="json")
    error(response, 403, "not_a_member")
    assert not Booking.objects.exists()


def test_another_members_booking_is_not_found_and_stays_as_it_was(api, cast, activity):
    booking = book(activity, cast.member_row, cast.member)
    before = snapshot(booking)
    other = make_members(cast, 1)[0]
    as_user(api, other.user)
    assert api.get(booking_url(booking)).status_code == 404
    assert api.post(cancel_url(booking)).status_code == 404
    assert snapshot(booking) == before
    assert api.get(reverse("events_api:my-bookings")).json()["results"] == []


def test_a_member_cannot_book_for_another_member(api, cast, activity):
    other = make_members(cast, 1)[0]
    response = as_user(api, other.user).post(
        book_url(activity), {"member": cast.member_row.pk, "payment": "cash"}, format="json"
    )
    assert response.status_code == 404
    assert not Booking.objects.exists()


def test_booking_for_a_member_who_does_not_exist_is_not_found(api, cast, activity):
    response = as_user(api, cast.organiser).post(
        book_url(activity), {"member": 999999, "payment": "cash"}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["member", "organiser", "admin"])
def test_a_draft_activity_cannot_be_booked_by_anyone(api, cast, role):
    draft = make_activity(cast.organiser, cast.member_row.branch, publish=False)
    response = as_user(api, cast.by_role(role)).post(
        book_url(draft), {"member": cast.member_row.pk, "payment": "cash"}, format="json"
    )
    assert response.status_code == 404
    assert not Booking.objects.exists()


@pytest.mark.parametrize("pk", [0, 10**6, 2**63 - 1, 2**63, 10**30])
def test_booking_an_activity_that_is_not_there_is_not_found(api, cast, pk):
    # Read in plain SQL (events.services.booking_lock.activity_unless_draft): a number too
    # big for the database is "not found" too, as the ORM would answer (SQLite's driver
    # would refuse it without the check; PostgreSQL finds no such row either way).
    url = reverse("events_api:booking-create", kwargs={"pk": pk})
    response = as_user(api, cast.member).post(url, {"payment": "cash"}, format="json")
    assert response.status_code == 404
    assert not Booking.objects.exists()


def test_a_draft_is_seen_only_by_those_who_manage_activities(api, cast):
    draft = make_activity(cast.organiser, cast.member_row.branch, publish=False)
    assert as_user(api, cast.member).get(activity_url(draft)).status_code == 404
    response = as_user(api, cast.organiser).get(activity_url(draft))
    assert response.status_code == 200 and response.json()["status"] == "draft"


def test_unknown_activity_and_booking_are_not_found(api, cast):
    as_user(api, cast.organiser)
    assert api.get(reverse("events_api:activity-detail", kwargs={"pk": 999999})).status_code == 404
    missing = reverse("events_api:activity-cancel", kwargs={"pk": 999999})
    assert api.post(missing, {"reason": "x"}, format="json").status_code == 404
    missing = reverse("events_api:booking-create", kwargs={"pk": 999999})
    assert api.post(missing, {"payment": "cash"}, format="json").status_code == 404
    assert api.get(reverse("events_api:booking-detail", kwargs={"pk": 999999})).status_code == 404
    for name in ["events_api:booking-cancel", "events_api:attendance"]:
        url = reverse(name, kwargs={"pk": 999999})
        assert api.post(url, {"attended": True}, format="json").status_code == 404


# What's on


def test_list_has_exactly_the_promised_fields_with_places_counted(api, cast, activity):
    members = make_members(cast, 2)
    book(activity, cast.member_row, cast.member, guests=[{"kind": "carer"}])
    book(activity, members[0], members[0].user)
    full = make_activity(cast.organiser, cast.member_row.branch, places=1, title="Park")
    book(full, members[0], members[0].user)
    book(full, members[1], members[1].user)  # waits
    response = as_user(api, cast.member).get(list_url())
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    rows = {row["title"]: row for row in data["results"]}
    assert all(set(row) == LIST_FIELDS for row in rows.values())
    bowling = rows["Bowling"]
    assert bowling["id"] == activity.pk
    assert bowling["branch"] == activity.branch_id
    assert bowling["places"] == 5 and bowling["places_left"] == 3 and bowling["waiting"] == 0
    assert bowling["cost_pence"] == 700 and bowling["fee_pence"] == 500
    assert dt.datetime.fromisoformat(bowling["starts_at"]) == activity.starts_at
    assert dt.datetime.fromisoformat(bowling["cancel_by"]) == activity.cancel_by
    assert rows["Park"]["places_left"] == 0 and rows["Park"]["waiting"] == 1


def test_list_gives_what_the_activity_serializer_gives_in_summer_and_winter(api, cast, activity):
    """The list is made from values (activity_list_items), not through ActivitySerializer;
    its JSON must be the serializer's, dates with "Z" in winter and "+01:00" in summer."""
    from django.db.models import F
    from rest_framework.renderers import JSONRenderer

    from coop.dates import end_of_day
    from events.api.serializers import ActivitySerializer
    from events.selectors import activity_list

    year = timezone.now().year + 1
    for title, month in (("Winter", 1), ("Summer", 7)):
        made = make_activity(cast.organiser, cast.member_row.branch, title=title)
        shift = dt.datetime(year, month, 15, 10, tzinfo=dt.UTC) - made.starts_at
        Activity.objects.filter(pk=made.pk).update(
            **{name: F(name) + shift for name in Activity.TIME_FIELDS}
        )
    book(activity, cast.member_row, cast.member)
    last = dt.date(year, 8, 1)
    response = as_user(api, cast.member).get(list_url(), {"to": last.isoformat()})
    assert response.status_code == 200, response.content
    expected = ActivitySerializer(activity_list(end=end_of_day(last)), many=True)
    assert len(expected.data) == 3
    assert response.content.endswith(JSONRenderer().render(expected.data)[1:-1] + b"]}")
    assert any(row["starts_at"].endswith("+01:00") for row in response.json()["results"])


def test_list_shows_only_published_activities_to_come(api, cast, activity):
    make_activity(cast.organiser, cast.member_row.branch, publish=False, title="Draft")
    cancelled = make_activity(cast.organiser, cast.member_row.branch, title="Cancelled")
    services.activity_cancel(activity=cancelled, actor=cast.organiser, reason="Rain")
    past = make_activity(cast.organiser, cast.member_row.branch, title="Past")
    Activity.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=2),
        booking_closes_at=timezone.now() - dt.timedelta(days=4),
        cancel_by=timezone.now() - dt.timedelta(days=5),
    )
    titles = [row["title"] for row in as_user(api, cast.member).get(list_url()).json()["results"]]
    assert titles == ["Bowling"]


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_list_filters_by_branch_id_or_slug_and_by_days(api, cast):
    north = cast.member_row.branch
    south = BranchFactory(name="Southside", slug="southside")
    make_activity(cast.organiser, north, title="North soon", days=3)
    make_activity(cast.organiser, south, title="South soon", days=3)
    make_activity(cast.organiser, north, title="North later", days=20)
    as_user(api, cast.member)
    assert titles(api.get(list_url(), {"branch": "southside"})) == ["South soon"]
    assert titles(api.get(list_url(), {"branch": north.pk})) == ["North soon", "North later"]
    soon = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    later = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    assert titles(api.get(list_url(), {"from": later})) == ["North later"]
    assert titles(api.get(list_url(), {"to": soon})) == ["North soon", "South soon"]
    assert titles(api.get(list_url(), {"from": soon, "to": soon, "branch": "northfield"})) == [
        "North soon"
    ]


@pytest.mark.parametrize(
    "query,field",
    [
        ({"branch": "atlantis"}, "branch"),
        ({"from": "next tuesday"}, "from"),
        ({"from": "2030-02-01", "to": "2030-01-01"}, "to"),
    ],
)
def test_bad_filters_are_refused_in_plain_words(api, cast, query, field):
    response = as_user(api, cast.member).get(list_url(), query)
    data = error(response, 400, "invalid")
    assert field in data["errors"]


def test_the_list_takes_the_same_queries_for_10_and_200_activities(api, cast):
    members = make_members(cast, 2)
    counts = []
    for total in (10, 200):
        while Activity.objects.count() < total:
            activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
            if total == 10:  # the first ten (the soonest) each have a booking and a wait
                book(activity, members[0], members[0].user)
                book(activity, members[1], members[1].user)
        # A fresh user object, as each real request has (it caches its roles).
        as_user(api, type(cast.member).objects.get(pk=cast.member.pk))
        with CaptureQueriesContext(connection) as queries:
            response = api.get(list_url())
        assert response.status_code == 200
        rows = response.json()["results"]
        assert len(rows) == min(total, 50)
        assert sum(row["waiting"] for row in rows) == 10
        assert sum(row["places_left"] for row in rows) == len(rows) - 10
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # Who is asking (their roles: a former member reads nothing), the page, and the count
    # for the paging.
    assert counts[0] <= 3


# Making and cancelling activities


def test_organiser_makes_a_draft_activity(api, cast):
    response = as_user(api, cast.organiser).post(list_url(), activity_body(cast), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert LIST_FIELDS <= set(data)
    assert data["status"] == "draft" and data["title"] == "Seaside"
    assert data["branch"] == cast.member_row.branch.pk
    assert data["places_left"] == 12 and data["waiting"] == 0
    activity = Activity.objects.get(pk=data["id"])
    assert activity.created_by == cast.organiser and activity.fee_pence == 300
    assert activity.meeting_point == "The library car park"
    assert audit_trail(activity).filter(action="activity.created").count() == 1
    members_see = as_user(api, cast.member).get(list_url()).json()["results"]
    assert members_see == []


@pytest.mark.parametrize("role", ["organiser", "admin"])
def test_publish_true_makes_it_bookable_at_once(api, cast, role):
    body = activity_body(cast, publish=True, branch=cast.member_row.branch.pk)
    response = as_user(api, cast.by_role(role)).post(list_url(), body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "published"
    assert titles(as_user(api, cast.member).get(list_url())) == ["Seaside"]


def test_bad_times_are_refused_with_the_services_code(api, cast):
    starts = timezone.now() + dt.timedelta(days=10)
    body = activity_body(cast, ends_at=(starts - dt.timedelta(hours=1)).isoformat())
    body["starts_at"] = starts.isoformat()
    response = as_user(api, cast.organiser).post(list_url(), body, format="json")
    data = error(response, 400, "bad_times")
    assert data["detail"] == "The activity must end after it starts."
    assert not Activity.objects.exists()


def test_missing_and_wrong_fields_are_refused_in_plain_words(api, cast):
    body = activity_body(cast, picture="http://example.org/x.png", places=0)
    del body["title"]
    response = as_user(api, cast.organiser).post(list_url(), body, format="json")
    data = error(response, 400, "invalid")
    assert data["errors"]["title"] == ["Please give the activity a name."]
    assert data["errors"]["picture"] == ["Please choose one of our pictures."]
    assert data["errors"]["places"] == ["There must be at least 1 place."]
    assert data["detail"] == "Please give the activity a name."
    assert not Activity.objects.exists()


def test_organiser_cancels_an_activity_and_every_booking_with_it(api, cast, activity):
    booking = book(activity, cast.member_row, cast.member)
    as_user(api, cast.organiser)
    response = api.post(
        cancel_activity_url(activity), {"reason": "The alley is shut"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancelled_reason"] == "The alley is shut"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    again = api.post(cancel_activity_url(activity), {"reason": "Again"}, format="json")
    assert again.status_code == 200
    assert again.json()["cancelled_reason"] == "The alley is shut"
    assert audit_trail(activity).filter(action="activity.cancelled").count() == 1


def test_cancelling_an_activity_needs_a_reason(api, cast, activity):
    response = as_user(api, cast.organiser).post(
        cancel_activity_url(activity), {"reason": " "}, format="json"
    )
    data = error(response, 400, "invalid")
    assert data["detail"] == "Please say why the activity is cancelled. Members will be told."
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED


# Booking


def test_member_books_with_cash_and_has_a_place(api, cast, activity):
    response = as_user(api, cast.member).post(
        book_url(activity), {"guests": 0, "payment": "cash"}, format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == CREATED_FIELDS
    booking = Booking.objects.get(pk=data["id"])
    assert data == {
        "id": booking.pk,
        "status": "confirmed",
        "fee_pence": 500,
        "fee_status": "awaiting",
        "payment": None,
    }
    assert booking.member == cast.member_row and booking.payment_method == "cash"
    assert not booking.on_behalf and booking.payment_id is None


def test_organisers_cash_is_cash_in_hand(api, cast, activity):
    response = as_user(api, cast.organiser).post(
        book_url(activity), {"member": cast.member_row.pk, "payment": "cash"}, format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "confirmed" and data["fee_status"] == "held"
    assert data["payment"] is None
    booking = Booking.objects.get(pk=data["id"])
    assert booking.on_behalf and booking.booked_by == cast.organiser
    payment = Payment.objects.get(pk=booking.payment_id)
    assert payment.method == "cash" and payment.status == "succeeded"
    assert payment.amount_pence == 500


def test_supporter_books_for_the_member_they_support(api, cast, activity):
    response = as_user(api, cast.supporter).post(
        book_url(activity), {"member": cast.member_row.pk, "payment": "cash"}, format="json"
    )
    assert response.status_code == 201, response.content
    booking = Booking.objects.get(pk=response.json()["id"])
    assert booking.member == cast.member_row and booking.booked_by == cast.supporter
    assert booking.fee_status == FeeStatus.AWAITING  # a supporter's cash is paid to an organiser


def test_member_cannot_waive_their_own_fee(api, cast, activity):
    response = as_user(api, cast.member).post(
        book_url(activity), {"payment": "waived", "reason": "Skint"}, format="json"
    )
    error(response, 403, "not_allowed")
    assert not Booking.objects.exists()


def test_organiser_waives_a_fee_with_a_reason_and_not_without(api, cast, activity):
    as_user(api, cast.organiser)
    body = {"member": cast.member_row.pk, "payment": "waived"}
    error(api.post(book_url(activity), body, format="json"), 400, "waiver_reason_needed")
    assert not Booking.objects.exists()
    response = api.post(book_url(activity), {**body, "reason": "Hardship"}, format="json")
    assert response.status_code == 201
    assert response.json()["fee_status"] == "waived"
    assert Booking.objects.get().fee_note == "Hardship"


def test_guests_as_a_number_are_carers_who_each_pay_the_fee(api, cast, activity):
    response = as_user(api, cast.member).post(
        book_url(activity), {"guests": 2, "payment": "cash"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["fee_pence"] == 1500
    assert Booking.objects.get().guests == [{"kind": "carer"}, {"kind": "carer"}]


def test_guests_as_a_list_keep_their_kinds_and_support_workers_pay_nothing(api, cast, activity):
    guests = [{"kind": "family"}, {"kind": "support_worker"}]
    response = as_user(api, cast.member).post(
        book_url(activity), {"guests": guests, "payment": "cash"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["fee_pence"] == 1000
    booking = Booking.objects.get()
    assert booking.guests == guests
    detail = api.get(booking_url(booking)).json()
    assert detail["guests"] == guests


@pytest.mark.parametrize(
    "guests,code",
    [
        ([{"kind": "pet"}], "bad_guests"),
        (-1, "invalid"),
        (6, "invalid"),
        (True, "invalid"),
        ("two", "invalid"),
        (["carer"], "invalid"),
        ([{"kind": "carer"}] * 6, "invalid"),
    ],
)
def test_bad_guests_are_refused(api, cast, activity, guests, code):
    response = as_user(api, cast.member).post(
        book_url(activity), {"guests": guests, "payment": "cash"}, format="json"
    )
    error(response, 400, code)
    assert not Booking.objects.exists()


def test_guests_are_refused_where_guests_cannot_come(api, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, guests_allowed=False)
    response = as_user(api, cast.member).post(
        book_url(activity), {"guests": 1, "payment": "cash"}, format="json"
    )
    error(response, 400, "guests_not_allowed")


def test_a_full_activity_puts_the_member_on_the_waiting_list(api, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    other = make_members(cast, 1)[0]
    book(activity, other, other.user)
    response = as_user(api, cast.member).post(
        book_url(activity), {"payment": "cash"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "waiting"
    assert response.json()["payment"] is None


def test_booking_twice_books_once(api, cast, activity):
    as_user(api, cast.member)
    first = api.post(book_url(activity), {"payment": "cash"}, format="json")
    assert first.status_code == 201
    second = api.post(book_url(activity), {"payment": "cash"}, format="json")
    error(second, 400, "already_booked")
    assert Booking.objects.count() == 1


def test_member_who_has_not_agreed_new_guidelines_cannot_book(api, cast, activity):
    member_services.guidelines_publish(
        title="How we treat each other, 2", points=GUIDELINES_POINTS, actor=cast.admin
    )
    response = as_user(api, cast.member).post(
        book_url(activity), {"payment": "cash"}, format="json"
    )
    data = error(response, 400, "guidelines_not_agreed")
    assert "guidelines" in data["detail"]
    assert not Booking.objects.exists()


def test_a_member_who_is_not_active_cannot_book(api, cast, activity):
    member_services.member_lapse(member=cast.member_row, actor=cast.admin, reason="Unpaid")
    response = as_user(api, cast.member).post(
        book_url(activity), {"payment": "cash"}, format="json"
    )
    # Member access ends with membership: refused before the booking rules are asked.
    assert response.status_code == 403
    assert response.json()["detail"] == "Your membership has ended. Please call us."
    assert not Booking.objects.filter(member=cast.member_row).exists()


def test_booking_closed_and_not_yet_open_are_refused(api, cast):
    soon = make_activity(
        cast.organiser,
        cast.member_row.branch,
        booking_opens_at=timezone.now() + dt.timedelta(days=1),
    )
    closed = make_activity(cast.organiser, cast.member_row.branch, title="Park")
    services.activity_cancel(activity=closed, actor=cast.organiser, reason="Rain")
    as_user(api, cast.member)
    error(api.post(book_url(soon), {"payment": "cash"}, format="json"), 400, "booking_not_open")
    error(api.post(book_url(closed), {"payment": "cash"}, format="json"), 400, "booking_closed")
    assert not Booking.objects.exists()


@override_settings(STRIPE_SECRET_KEY="")
def test_card_is_refused_when_stripe_is_not_set_up(api, cast, activity):
    response = as_user(api, cast.member).post(
        book_url(activity), {"payment": "card"}, format="json"
    )
    error(response, 400, "card_unavailable")


def test_an_unknown_payment_word_is_refused(api, cast, activity):
    response = as_user(api, cast.member).post(
        book_url(activity), {"payment": "cash_received"}, format="json"
    )
    data = error(response, 400, "invalid")
    assert data["detail"] == 'Choose "card", "cash" or "waived".'


def test_a_free_activity_needs_no_payment(api, cast, free_activity):
    response = as_user(api, cast.member).post(book_url(free_activity), {}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["fee_status"] == "none"
    assert response.json()["status"] == "confirmed"


def test_a_form_post_is_refused(api, cast, activity):
    response = as_user(api, cast.member).post(book_url(activity), {"payment": "cash"})
    assert response.status_code == 415
    assert not Booking.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_card_booking_gives_the_payment_intent_to_complete(api, cast, activity):
    response = as_user(api, cast.member).post(
        book_url(activity), {"payment": "card"}, format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == CREATED_FIELDS
    assert data["status"] == "awaiting_payment" and data["fee_status"] == "awaiting"
    assert data["payment"]["payment_intent"].startswith("pi_")
    payment = Payment.objects.get()
    assert data["payment"] == {
        "payment_intent": payment.stripe_payment_intent_id,
        "client_secret": payment.client_secret,
    }
    assert payment.client_secret
    again = api.post(book_url(activity), {"payment": "card"}, format="json")
    error(again, 400, "already_booked")
    assert Payment.objects.count() == 1 and Booking.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_card_payment_stripe_will_not_start_is_refused_with_its_code(api, cast, activity):
    # Nothing listens on port 9: Stripe cannot be reached.
    with override_settings(STRIPE_API_BASE="http://127.0.0.1:9"):
        response = as_user(api, cast.member).post(
            book_url(activity), {"payment": "card"}, format="json"
        )
    data = error(response, 400, "payment_failed")
    assert "pay in cash" in data["detail"]
    assert "pi_" not in response.content.decode()
    # The held place was let go, so the member can book again and pay another way.
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    retry = api.post(book_url(activity), {"payment": "cash"}, format="json")
    assert retry.status_code == 201 and retry.json()["status"] == "confirmed"


# One booking


def test_booking_detail_has_the_promised_fields(api, cast, activity):
    booking = book(activity, cast.member_row, cast.member, guests=[{"kind": "carer"}])
    for user in (cast.member, cast.supporter, cast.organiser, cast.admin):
        response = as_user(api, user).get(booking_url(booking))
        assert response.status_code == 200
        assert response.json() == {
            "id": booking.pk,
            "activity": activity.pk,
            "member": cast.member_row.pk,
            "status": "confirmed",
            "guests": [{"kind": "carer"}],
            "fee_pence": 1000,
            "fee_status": "awaiting",
            "refunded_pence": 0,
        }


def test_member_cancels_their_booking_and_cancelling_again_is_safe(api, cast, activity):
    booking = book(activity, cast.member_row, cast.member)
    as_user(api, cast.member)
    response = api.post(cancel_url(booking))
    assert response.status_code == 200, response.content
    assert set(response.json()) == BOOKING_FIELDS
    assert response.json()["status"] == "cancelled"
    assert response.json()["fee_status"] == "none"
    again = api.post(cancel_url(booking))
    assert again.status_code == 200 and again.json() == response.json()
    assert audit_trail(booking).filter(action="booking.cancelled").count() == 1


def test_supporter_cancels_for_the_member(api, cast, activity):
    booking = book(activity, cast.member_row, cast.member)
    response = as_user(api, cast.supporter).post(cancel_url(booking))
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"


def test_a_booking_that_has_happened_cannot_be_cancelled(api, cast, activity):
    booking = book(activity, cast.member_row, cast.member)
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=False, early=True)
    response = as_user(api, cast.member).post(cancel_url(booking))
    error(response, 400, "already_happened")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW


# Attendance


@pytest.mark.django_db(transaction=True)
def test_organiser_marks_someone_here_and_their_fee_starts_coming_back(api, cast, activity):
    booking = book(activity, cast.member_row, cast.organiser, payment="cash_received")
    booking.refresh_from_db()
    assert booking.fee_status == FeeStatus.HELD
    as_user(api, cast.organiser)
    response = api.post(attendance_url(booking), {"attended": True, "early": True}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert set(data) == BOOKING_FIELDS | {"fee_news"}
    # Cash: the refund waits for an organiser to hand the money back.
    assert data["status"] == "attended" and data["fee_status"] == "refund_pending"
    again = api.post(attendance_url(booking), {"attended": True, "early": True}, format="json")
    assert again.status_code == 200 and again.json() == data
    payment = Payment.objects.get(pk=booking.payment_id)
    assert payment.refunds.count() == 1
    # The money is on its way back: the mark cannot be turned into a no-show now.
    error(
        api.post(attendance_url(booking), {"attended": False, "early": True}, format="json"),
        400,
        "money_moved",
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED and payment.refunds.count() == 1


def test_organiser_marks_a_no_show_and_the_fee_is_kept(api, cast, activity):
    booking = book(activity, cast.member_row, cast.organiser, payment="cash_received")
    response = as_user(api, cast.organiser).post(
        attendance_url(booking), {"attended": False, "early": True}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "no_show" and response.json()["fee_status"] == "kept"
    assert response.json()["fee_news"] == "May Okafor is marked not here. We keep their fee of £5."


@pytest.mark.parametrize("body", [{}, {"attended": "perhaps"}])
def test_attendance_needs_true_or_false(api, cast, activity, body):
    booking = book(activity, cast.member_row, cast.member)
    before = snapshot(booking)
    response = as_user(api, cast.organiser).post(attendance_url(booking), body, format="json")
    data = error(response, 400, "invalid")
    assert data["detail"] == "Please say if they came: true or false."
    assert snapshot(booking) == before


def test_someone_on_the_waiting_list_cannot_be_marked(api, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    other = make_members(cast, 1)[0]
    book(activity, other, other.user)
    waiting = book(activity, cast.member_row, cast.member)
    response = as_user(api, cast.organiser).post(
        attendance_url(waiting), {"attended": True}, format="json"
    )
    error(response, 400, "not_booked")


# My bookings


def test_my_bookings_has_mine_and_those_of_members_i_support(api, cast, activity, free_activity):
    mine = book(activity, cast.member_row, cast.member)
    other = make_members(cast, 1)[0]
    theirs = book(free_activity, other, other.user)
    response = as_user(api, cast.member).get(reverse("events_api:my-bookings"))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [mine.pk]
    assert set(rows[0]) == BOOKING_FIELDS
    rows = as_user(api, cast.supporter).get(reverse("events_api:my-bookings")).json()["results"]
    assert [row["id"] for row in rows] == [mine.pk]
    rows = as_user(api, other.user).get(reverse("events_api:my-bookings")).json()["results"]
    assert [row["id"] for row in rows] == [theirs.pk]


def test_schema_describes_the_events_api(client, cast):
    client.force_login(cast.member)
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/activities/",
        "/api/v1/activities/{id}/bookings/",
        "/api/v1/activities/{id}/cancel/",
        "/api/v1/bookings/{id}/",
        "/api/v1/bookings/{id}/cancel/",
        "/api/v1/bookings/{id}/attendance/",
        "/api/v1/me/bookings/",
    ]:
        assert path in paths, path
    assert "post" in paths["/api/v1/activities/"] and "get" in paths["/api/v1/activities/"]


def test_the_schema_lists_every_field_of_the_attendance_answer(api, cast, activity):
    """A client reads the answer from the published schema: `fee_news` is in it."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    (path,) = [p for p in schema["paths"] if p.endswith("/attendance/")]
    answer = schema["paths"][path]["post"]["responses"]["200"]["content"]["application/json"]
    component = schema["components"]["schemas"][answer["schema"]["$ref"].split("/")[-1]]
    assert component["properties"]["fee_news"]["type"] == "string"
    booking = book(activity, cast.member_row, cast.organiser, payment="cash_received")
    response = as_user(api, cast.organiser).post(
        attendance_url(booking), {"attended": True, "early": True}, format="json"
    )
    assert set(response.json()) == set(component["properties"]) == set(component["required"])
