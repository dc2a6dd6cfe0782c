"""Members suggest activities, others say they would like to go, organisers and the board
say what happens with a reason the member sees. Pages and API."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from coop.errors import CoopError
from coop.models import AuditEntry
from events import services
from events.models import Suggestion, SuggestionInterest
from tests.events.conftest import make_members

DECIDERS = ["organiser", "board"]
NOT_DECIDERS = ["member", "supporter", "finance", "returning", "admin", "outsider"]
NOT_MEMBERS = ["supporter", "organiser", "board", "finance", "returning", "admin", "outsider"]


@pytest.fixture
def idea(cast):
    return services.suggestion_create(
        member=cast.member_row,
        actor=cast.member,
        what="Go to the zoo",
        where="City Zoo",
        when="In the summer",
        cost_guess_pence=1500,
    )


@pytest.fixture
def other(cast):
    (member,) = make_members(cast, 1)
    return member


# Services ------------------------------------------------------------------------------


def test_a_double_press_makes_one_idea(cast, idea):
    again = services.suggestion_create(
        member=cast.member_row, actor=cast.member, what="go to the ZOO "
    )
    assert again.pk == idea.pk
    assert Suggestion.objects.count() == 1
    with pytest.raises(CoopError, match="Please say what you would like to do."):
        services.suggestion_create(member=cast.member_row, actor=cast.member, what="  ")


def test_interest_counts_once(cast, idea, other):
    first = services.suggestion_interest_add(suggestion=idea, member=other, actor=other.user)
    second = services.suggestion_interest_add(suggestion=idea, member=other, actor=other.user)
    assert first.pk == second.pk
    assert SuggestionInterest.objects.count() == 1
    assert AuditEntry.objects.filter(action="suggestion.interest").count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        SuggestionInterest.objects.create(suggestion=idea, member=other)


def test_no_interest_in_your_own_or_a_closed_idea(cast, idea, other):
    with pytest.raises(CoopError, match="This is your own idea."):
        services.suggestion_interest_add(suggestion=idea, member=cast.member_row, actor=cast.member)
    services.suggestion_decide(
        suggestion=idea, actor=cast.board, status="not_now", reason="It costs too much."
    )
    with pytest.raises(CoopError, match="This idea is closed."):
        services.suggestion_interest_add(suggestion=idea, member=other, actor=other.user)


def test_decide_needs_a_reason_and_is_repeat_safe(cast, idea):
    with pytest.raises(CoopError, match="Please tell the member why"):
        services.suggestion_decide(suggestion=idea, actor=cast.board, status="planned", reason=" ")
    with pytest.raises(CoopError, match="Please choose planned, done or not now."):
        services.suggestion_decide(suggestion=idea, actor=cast.board, status="open", reason="x")
    for _ in range(2):
        services.suggestion_decide(
            suggestion=idea, actor=cast.organiser, status="planned", reason="We go in July."
        )
    idea.refresh_from_db()
    assert (idea.status, idea.reason, idea.decided_by) == (
        "planned",
        "We go in July.",
        cast.organiser,
    )
    assert AuditEntry.objects.filter(action="suggestion.decided").count() == 1


# Pages ---------------------------------------------------------------------------------


def test_member_suggests_an_activity(cast, client):
    client.force_login(cast.member)
    page = client.get(reverse("suggestions")).content.decode()
    assert "There are no ideas yet." in page
    page = client.post(
        reverse("suggestion-new"),
        {"what": "Go bowling", "where": "Town", "when": "Saturday", "cost_guess_pence": "£8"},
        follow=True,
    ).content.decode()
    assert "Thank you for your idea. Other members can see it now." in page
    assert "Go bowling" in page and "About £8" in page
    suggestion = Suggestion.objects.get()
    assert (suggestion.member, suggestion.cost_guess_pence) == (cast.member_row, 800)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"what": ""}, "Please say what you would like to do."),
        ({"what": "x" * 201}, "Please write less. At most 200 letters."),
        ({"what": "Zoo", "cost_guess_pence": "a lot"}, "Please type an amount in pounds"),
    ],
)
def test_suggest_bad_input(cast, client, data, message):
    client.force_login(cast.member)
    page = client.post(reverse("suggestion-new"), data).content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not Suggestion.objects.exists()


def test_others_say_they_would_like_to_go(cast, client, idea, other):
    client.force_login(other.user)
    page = client.post(reverse("suggestion-interest", args=[idea.pk]), follow=True)
    page = page.content.decode()
    assert "Thank you. We know you would like to go: Go to the zoo." in page
    assert "You said you would like to go." in page
    assert "1 other" in page
    client.post(reverse("suggestion-interest", args=[idea.pk]))
    assert SuggestionInterest.objects.count() == 1
    client.force_login(cast.member)
    page = client.get(reverse("suggestions")).content.decode()
    assert "I would like to go" not in page  # not on your own idea
    page = client.post(reverse("suggestion-interest", args=[idea.pk]), follow=True)
    assert "This is your own idea. We know you want to go." in page.content.decode()


@pytest.mark.parametrize("role", DECIDERS)
def test_organisers_and_board_decide_and_the_member_sees_why(cast, client, idea, role):
    client.force_login(cast.by_role(role))
    url = reverse("suggestion-decide", args=[idea.pk])
    assert "Go to the zoo" in client.get(url).content.decode()
    page = client.post(
        url, {"status": "not_now", "reason": "It costs too much this year."}, follow=True
    ).content.decode()
    assert "Saved. The member can see what happens and why." in page
    client.force_login(cast.member)
    page = client.get(reverse("suggestions")).content.decode()
    assert "Not now. It costs too much this year." in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"reason": "Soon."}, "Please choose what happens to this idea."),
        ({"status": "planned", "reason": ""}, "Please tell the member why, in easy words."),
        ({"status": "open", "reason": "x"}, "Please choose what happens to this idea."),
    ],
)
def test_decide_bad_input(cast, client, idea, data, message):
    client.force_login(cast.board)
    page = client.post(reverse("suggestion-decide", args=[idea.pk]), data).content.decode()
    assert "There is a problem" in page
    assert message in page
    idea.refresh_from_db()
    assert idea.status == "open"


@pytest.mark.parametrize("role", NOT_DECIDERS)
def test_decide_refuses_other_roles(cast, client, idea, role):
    client.force_login(cast.by_role(role))
    url = reverse("suggestion-decide", args=[idea.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"status": "done", "reason": "x"}).status_code == 403
    idea.refresh_from_db()
    assert idea.status == "open"


@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_only_members_suggest_and_say_they_would_go(cast, client, idea, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse("suggestion-new")).status_code == 403
    assert client.post(reverse("suggestion-new"), {"what": "Zoo"}).status_code == 403
    assert client.post(reverse("suggestion-interest", args=[idea.pk])).status_code == 403
    assert Suggestion.objects.count() == 1
    assert not SuggestionInterest.objects.exists()


def test_outsiders_do_not_see_ideas(cast, client, idea):
    client.force_login(cast.outsider)
    assert client.get(reverse("suggestions")).status_code == 403
    client.logout()
    assert client.get(reverse("suggestions")).status_code == 302


# API -----------------------------------------------------------------------------------


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_api_suggestions(cast, other):
    api = api_as(cast.member)
    response = api.post(
        reverse("events_api:suggestion-list"),
        {"what": "Picnic", "cost_guess_pence": 0},
        format="json",
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["what"], data["mine"], data["interested"], data["status"]) == (
        "Picnic",
        True,
        0,
        "open",
    )
    url = reverse("events_api:suggestion-interest", args=[data["id"]])
    response = api_as(other.user).post(url)
    assert response.status_code == 200
    assert (response.json()["interested"], response.json()["i_said"]) == (1, True)
    assert api_as(other.user).post(url).json()["interested"] == 1
    response = api.post(url)
    assert response.status_code == 400
    assert response.json()["code"] == "own_idea"
    listing = api_as(cast.board).get(reverse("events_api:suggestion-list")).json()
    assert [s["what"] for s in listing["results"]] == ["Picnic"]


def test_api_suggestion_bad_input(cast):
    api = api_as(cast.member)
    response = api.post(reverse("events_api:suggestion-list"), {"what": ""}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "This field may not be blank."
    response = api.post(
        reverse("events_api:suggestion-list"),
        {"what": "Zoo", "cost_guess_pence": -5},
        format="json",
    )
    assert response.status_code == 400
    assert "cost_guess_pence" in response.json()["errors"]


@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_api_suggestion_writes_are_for_members(cast, idea, role):
    api = api_as(cast.by_role(role))
    response = api.post(reverse("events_api:suggestion-list"), {"what": "Zoo"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only members can suggest activities."
    assert api.post(reverse("events_api:suggestion-interest", args=[idea.pk])).status_code == 403


def test_api_suggestions_outsider_and_missing(cast, idea):
    response = api_as(cast.outsider).get(reverse("events_api:suggestion-list"))
    assert response.status_code == 403
    assert APIClient().get(reverse("events_api:suggestion-list")).status_code in (401, 403)
    api = api_as(cast.member)
    assert api.post(reverse("events_api:suggestion-interest", args=[999999])).status_code == 404
