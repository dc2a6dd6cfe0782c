"""After an activity: the organiser's evaluation (page, service, API) and each member's
own say (one question a page, by the member or a supporter; and the API)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from coop.errors import CoopError
from coop.models import AuditEntry
from events import services
from events.models import Booking, Evaluation, Feedback
from events.summary import activity_summary
from members.models import Member
from tests.events.after_helpers import book, past_activity
from tests.events.conftest import make_activity, make_members

B = Booking.Status
NOT_ORGANISERS = ["member", "supporter", "board", "finance", "returning", "outsider"]


@pytest.fixture
def held(cast):
    """Bowling 3 days ago: May and 2 others came (one without photo consent), 1 did not."""
    activity = past_activity(cast.organiser, cast.member_row.branch, days=-3)
    a, b, c = make_members(cast, 3)
    Member.objects.filter(pk__in=[cast.member_row.pk, a.pk]).update(photo_consent=True)
    bookings = {
        "may": book(activity, cast.member_row, B.ATTENDED),
        "a": book(activity, a, B.ATTENDED),
        "b": book(activity, b, B.ATTENDED),
        "c": book(activity, c, B.NO_SHOW),
    }
    return activity, bookings


# The evaluation service ----------------------------------------------------------------


def test_evaluation_counts_from_attendance_and_saves_once(held, cast):
    activity, _ = held
    evaluation = services.evaluation_save(
        activity=activity,
        actor=cast.organiser,
        went_well="Everyone had fun.",
        went_badly="The bus was late.",
        incidents="Sam felt ill.",
        incident_for_board=True,
        actual_cost_pence=4250,
    )
    assert (evaluation.came, evaluation.no_shows) == (3, 1)
    assert evaluation.actual_cost_pence == 4250
    again = services.evaluation_save(
        activity=activity,
        actor=cast.organiser,
        went_well="Everyone had fun.",
        went_badly="The bus was late.",
        incidents="Sam felt ill.",
        incident_for_board=True,
        actual_cost_pence=4250,
    )
    assert again.pk == evaluation.pk
    assert Evaluation.objects.count() == 1
    assert AuditEntry.objects.filter(action="evaluation.written").count() == 1
    assert not AuditEntry.objects.filter(action="evaluation.changed").exists()
    services.evaluation_save(activity=activity, actor=cast.organiser, went_well="Good.")
    assert AuditEntry.objects.filter(action="evaluation.changed").count() == 1
    evaluation.refresh_from_db()
    assert (evaluation.went_well, evaluation.incidents) == ("Good.", "")


def test_incidents_reach_the_board_numbers(held, cast):
    activity, _ = held
    now = timezone.now()
    window = {"start": now - dt.timedelta(days=7), "end": now}
    assert activity_summary(**window)["incidents"] == 0
    services.evaluation_save(
        activity=activity, actor=cast.organiser, incidents="A fall.", incident_for_board=True
    )
    summary = activity_summary(**window)
    assert (summary["incidents"], summary["incidents_for_board"]) == (1, 1)


def test_evaluation_rules(held, cast):
    activity, _ = held
    with pytest.raises(CoopError, match="Please say what happened"):
        services.evaluation_save(activity=activity, actor=cast.organiser, incident_for_board=True)
    future = make_activity(cast.organiser, cast.member_row.branch, days=3)
    with pytest.raises(CoopError, match="has not happened yet"):
        services.evaluation_save(activity=future, actor=cast.organiser, went_well="?")
    draft = past_activity(cast.organiser, cast.member_row.branch, publish=False)
    with pytest.raises(CoopError, match="Only an activity that happened"):
        services.evaluation_save(activity=draft, actor=cast.organiser)
    assert not Evaluation.objects.exists()


# The evaluation page -------------------------------------------------------------------


def test_evaluation_page(held, cast, client):
    activity, bookings = held
    client.force_login(cast.organiser)
    url = reverse("evaluation", args=[activity.pk])
    page = client.get(url).content.decode()
    assert "3 people came. 1 did not come." in page
    assert "No photos of these people" in page
    no_consent = bookings["b"].member.display_name
    assert no_consent in page
    warning = page.split("No photos of these people")[1].split("</div>")[0]
    assert no_consent in warning
    assert cast.member_row.display_name not in warning
    page = client.post(
        url,
        {
            "went_well": "Everyone had fun.",
            "went_badly": "",
            "incidents": "",
            "actual_cost_pence": "£42.50",
        },
        follow=True,
    ).content.decode()
    assert "Thank you. The evaluation is saved for the board." in page
    evaluation = Evaluation.objects.get(activity=activity)
    assert (evaluation.actual_cost_pence, evaluation.written_by) == (4250, cast.organiser)
    assert "Everyone had fun." in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"actual_cost_pence": "lots"}, "Please type an amount in pounds, like 5 or 5.50."),
        (
            {"incident_for_board": "on", "incidents": ""},
            "Please say what happened, so the board knows about the incident.",
        ),
        ({"went_well": "x" * 3001}, "Please keep this under 3000 characters."),
    ],
)
def test_evaluation_page_bad_input(held, cast, client, data, message):
    activity, _ = held
    client.force_login(cast.organiser)
    page = client.post(reverse("evaluation", args=[activity.pk]), data).content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not Evaluation.objects.exists()


def test_evaluation_page_before_the_activity(cast, client):
    future = make_activity(cast.organiser, cast.member_row.branch, days=3)
    client.force_login(cast.organiser)
    url = reverse("evaluation", args=[future.pk])
    assert "This activity has not happened yet." in client.get(url).content.decode()
    client.post(url, {"went_well": "early"})
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("role", NOT_ORGANISERS)
def test_evaluation_page_refuses_other_roles(held, cast, client, role):
    activity, _ = held
    client.force_login(cast.by_role(role))
    url = reverse("evaluation", args=[activity.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"went_well": "x"}).status_code == 403
    assert not Evaluation.objects.exists()


def test_evaluation_page_needs_sign_in_and_a_real_activity(held, cast, client):
    activity, _ = held
    assert client.get(reverse("evaluation", args=[activity.pk])).status_code == 302
    client.force_login(cast.organiser)
    assert client.get(reverse("evaluation", args=[999999])).status_code == 404


# The member's say ----------------------------------------------------------------------


def walk(client, booking, steps):
    url = reverse("feedback", args=[booking.pk])
    client.get(url)
    response = None
    for step, data in steps:
        answers = {f"{step}-{k}": v for k, v in data.items()}
        response = client.post(
            url, {f"feedback_{booking.pk}-current_step": step, **answers}, follow=True
        )
    return response


ANSWERS = [
    ("face", {"face": "good"}),
    ("again", {"again": "yes"}),
    ("comment", {"comment": "The pins were loud."}),
]


def test_member_says_how_it_was_one_question_a_page(held, cast, client):
    _, bookings = held
    client.force_login(cast.member)
    detail = client.get(reverse("booking-detail", args=[bookings["may"].pk])).content.decode()
    assert "Say how it was" in detail
    first = client.get(reverse("feedback", args=[bookings["may"].pk])).content.decode()
    assert "How was Bowling?" in first
    check = walk(client, bookings["may"], ANSWERS).content.decode()
    assert "Check your answers" in check
    assert "The pins were loud." in check
    done = walk(client, bookings["may"], [*ANSWERS, ("check", {})]).content.decode()
    assert "Thank you for telling us how it went." in done
    assert "You said it was good." in done
    feedback = Feedback.objects.get(booking=bookings["may"])
    assert (feedback.face, feedback.again, feedback.on_behalf) == ("good", True, False)
    assert feedback.comment == "The pins were loud."
    again = client.get(reverse("feedback", args=[bookings["may"].pk]), follow=True)
    assert "You have already said how it went. Thank you." in again.content.decode()


def test_supporter_answers_on_behalf(held, cast, client):
    _, bookings = held
    client.force_login(cast.supporter)
    first = client.get(reverse("feedback", args=[bookings["may"].pk])).content.decode()
    assert "You are answering for May." in first
    walk(client, bookings["may"], [*ANSWERS, ("check", {})])
    feedback = Feedback.objects.get(booking=bookings["may"])
    assert feedback.on_behalf and feedback.written_by == cast.supporter
    entry = AuditEntry.objects.get(action="feedback.given")
    assert entry.on_behalf_of == cast.member


@pytest.mark.parametrize(
    "step, data, message",
    [
        ("face", {}, "Please choose a face."),
        ("face", {"face": "great"}, "Please choose one of the 3 faces."),
        ("again", {"again": "perhaps"}, "Please choose Yes or No."),
        ("again", {}, "Please choose Yes or No."),
        ("comment", {"comment": "x" * 1001}, "Please write less. At most 1000 letters."),
    ],
)
def test_feedback_bad_answers(held, cast, client, step, data, message):
    _, bookings = held
    client.force_login(cast.member)
    before = {"face": ANSWERS[:0], "again": ANSWERS[:1], "comment": ANSWERS[:2]}[step]
    page = walk(client, bookings["may"], [*before, (step, data)]).content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not Feedback.objects.exists()


def test_feedback_only_after_coming(cast, client):
    activity = past_activity(cast.organiser, cast.member_row.branch)
    booking = book(activity, cast.member_row, B.NO_SHOW)
    client.force_login(cast.member)
    page = client.get(reverse("feedback", args=[booking.pk]), follow=True).content.decode()
    assert "You can say how it went after you came to the activity." in page
    with pytest.raises(CoopError, match="after you came"):
        services.feedback_give(booking=booking, actor=cast.member, face="good", again=True)


def test_another_members_booking_is_not_found(held, cast, client):
    _, bookings = held
    client.force_login(cast.member)
    assert client.get(reverse("feedback", args=[bookings["a"].pk])).status_code == 404
    client.force_login(cast.outsider)
    assert client.get(reverse("feedback", args=[bookings["may"].pk])).status_code == 404


def test_organisers_do_not_answer_for_members(held, cast, client):
    _, bookings = held
    client.force_login(cast.organiser)
    assert client.get(reverse("feedback", args=[bookings["may"].pk])).status_code == 403


def test_feedback_needs_sign_in(held, client):
    _, bookings = held
    assert client.get(reverse("feedback", args=[bookings["may"].pk])).status_code == 302


def test_feedback_service_is_once_per_booking(held, cast):
    _, bookings = held
    first = services.feedback_give(
        booking=bookings["may"], actor=cast.member, face="ok", again=False, comment=" hm "
    )
    same = services.feedback_give(
        booking=bookings["may"], actor=cast.member, face="ok", again=False, comment="hm"
    )
    assert same.pk == first.pk
    with pytest.raises(CoopError, match="already said how it went"):
        services.feedback_give(booking=bookings["may"], actor=cast.member, face="good", again=True)
    with pytest.raises(CoopError, match="Please choose a face."):
        services.feedback_give(booking=bookings["a"], actor=cast.member, face="meh", again=True)


# The API -------------------------------------------------------------------------------


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_api_evaluation(held, cast):
    activity, _ = held
    api = api_as(cast.organiser)
    url = reverse("events_api:evaluation", args=[activity.pk])
    assert api.get(url).status_code == 404
    response = api.post(url, {"went_well": "Fun.", "actual_cost_pence": 1000}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert (data["came"], data["no_shows"], data["actual_cost_pence"]) == (3, 1, 1000)
    assert api.get(url).json()["went_well"] == "Fun."
    response = api.post(url, {"incident_for_board": True}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "incident_needed"
    response = api.post(url, {"actual_cost_pence": -1}, format="json")
    assert response.status_code == 400
    assert "actual_cost_pence" in response.json()["errors"]
    assert api.get(reverse("events_api:evaluation", args=[999999])).status_code == 404


@pytest.mark.parametrize("role", NOT_ORGANISERS)
def test_api_evaluation_refuses_other_roles(held, cast, role):
    activity, _ = held
    api = api_as(cast.by_role(role))
    url = reverse("events_api:evaluation", args=[activity.pk])
    assert api.get(url).status_code == 403
    response = api.post(url, {"went_well": "x"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only organisers can write evaluations."
    assert not Evaluation.objects.exists()


def test_api_feedback(held, cast):
    _, bookings = held
    api = api_as(cast.member)
    url = reverse("events_api:feedback", args=[bookings["may"].pk])
    response = api.post(url, {"face": "not_good", "again": False}, format="json")
    assert response.status_code == 201
    assert response.json()["face"] == "not_good" and response.json()["on_behalf"] is False
    response = api.post(url, {"face": "good", "again": True}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "You have already said how it went. Thank you."


def test_api_feedback_by_supporter_and_bad_input(held, cast):
    _, bookings = held
    api = api_as(cast.supporter)
    url = reverse("events_api:feedback", args=[bookings["may"].pk])
    response = api.post(url, {"face": "great", "again": True}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Please choose good, ok or not_good."
    response = api.post(url, {"face": "ok"}, format="json")
    assert response.status_code == 400
    assert "again" in response.json()["errors"]
    response = api.post(url, {"face": "ok", "again": True}, format="json")
    assert response.status_code == 201 and response.json()["on_behalf"] is True


def test_api_feedback_permissions(held, cast):
    _, bookings = held
    url = reverse("events_api:feedback", args=[bookings["a"].pk])
    assert (
        api_as(cast.member).post(url, {"face": "ok", "again": True}, format="json").status_code
        == 404
    )
    assert (
        api_as(cast.outsider).post(url, {"face": "ok", "again": True}, format="json").status_code
        == 404
    )
    response = api_as(cast.organiser).post(url, {"face": "ok", "again": True}, format="json")
    assert response.status_code == 403
    assert APIClient().post(url, {"face": "ok", "again": True}, format="json").status_code in (
        401,
        403,
    )
    assert not Feedback.objects.exists()
