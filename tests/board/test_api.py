"""The elections API: same permissions and services as the pages."""

import pytest
from django.urls import reverse

from board.elections import services
from board.models import SealedBallot, Voter
from tests.board.conftest import add_member, call, close, open_box

pytestmark = pytest.mark.django_db


def ballots_url(election) -> str:
    return reverse("board_api:election-ballots", args=[election.pk])


def test_members_list_elections_but_not_drafts(api, cast, setup):
    draft_time = setup.election.voting_close_at
    draft = call(
        cast,
        title="Next year",
        nominations_open_at=draft_time,
        nominations_close_at=draft_time.replace(year=draft_time.year + 1),
        voting_open_at=draft_time.replace(year=draft_time.year + 1),
        voting_close_at=draft_time.replace(year=draft_time.year + 2),
    )
    api.force_authenticate(cast.member)
    body = api.get(reverse("board_api:election-list")).json()
    assert [e["id"] for e in body["results"]] == [setup.election.pk]
    assert body["results"][0]["status"] == "voting"
    api.force_authenticate(cast.board)
    ids = {e["id"] for e in api.get(reverse("board_api:election-list")).json()["results"]}
    assert ids == {setup.election.pk, draft.pk}
    api.force_authenticate(cast.member)
    assert api.get(reverse("board_api:election-detail", args=[draft.pk])).status_code == 404


def test_one_election_comes_with_its_candidates_and_your_state(api, cast, setup):
    api.force_authenticate(cast.member)
    body = api.get(reverse("board_api:election-detail", args=[setup.election.pk])).json()
    assert [c["id"] for c in body["candidates"]] == [c.pk for c in setup.candidates]
    assert body["candidates"][0]["statement"].startswith("I want to help.")
    assert body["candidates"][0]["picture_url"].endswith("board/pictures/star.svg")
    assert body["you"] == {"on_electorate": True, "has_voted": False}


def test_posting_a_ranking_returns_a_receipt_and_a_second_try_409(api, cast, setup):
    api.force_authenticate(cast.member)
    ranking = [setup.candidates[1].pk, setup.candidates[0].pk]
    first = api.post(ballots_url(setup.election), {"ranking": ranking}, format="json")
    assert first.status_code == 201
    receipt = first.json()["receipt"]
    assert SealedBallot.objects.get().receipt == receipt
    second = api.post(ballots_url(setup.election), {"ranking": ranking[:1]}, format="json")
    assert second.status_code == 409
    assert second.json() == {
        "detail": "You have already voted. Your first vote counts.",
        "code": "already_voted",
    }
    assert SealedBallot.objects.count() == 1
    open_box(close(setup.election, cast.returning), cast.returning)
    assert api.get(ballots_url(setup.election)).json() == [{"ranking": ranking}]


def test_a_member_outside_the_electorate_gets_403(api, cast, setup):
    newcomer = add_member(cast.admin, "newcomer", "Nia", "New")
    api.force_authenticate(newcomer.user)
    response = api.post(
        ballots_url(setup.election), {"ranking": [setup.candidates[0].pk]}, format="json"
    )
    assert response.status_code == 403
    assert "not on the list of voters" in response.json()["detail"]
    assert not Voter.objects.exists()


@pytest.mark.parametrize(
    "body,message",
    [
        ({}, "This field is required."),
        ({"ranking": []}, "Please choose at least 1 person."),
        ({"ranking": "1"}, "Send the ranking as a list"),
        ({"ranking": ["x"]}, "Each choice is a candidate id"),
        ({"ranking": [987654]}, "not standing"),
    ],
)
def test_a_bad_ranking_is_a_400_in_words(api, cast, setup, body, message):
    api.force_authenticate(cast.member)
    response = api.post(ballots_url(setup.election), body, format="json")
    assert response.status_code == 400
    assert message in str(response.json())
    assert not Voter.objects.exists()


def test_voting_after_the_close_is_a_409(api, cast, setup):
    close(setup.election, cast.returning)
    api.force_authenticate(cast.member)
    response = api.post(
        ballots_url(setup.election), {"ranking": [setup.candidates[0].pk]}, format="json"
    )
    assert response.status_code == 409 and "Voting is closed" in response.json()["detail"]


def test_people_who_are_not_members_cannot_vote(api, cast, setup):
    for user in (cast.supporter, cast.returning):
        api.force_authenticate(user)
        response = api.post(
            ballots_url(setup.election), {"ranking": [setup.candidates[0].pk]}, format="json"
        )
        assert response.status_code == 403
    assert not Voter.objects.exists()


def test_an_election_nobody_can_find_is_not_found_before_a_refusal(api, cast, setup):
    api.force_authenticate(cast.supporter)
    missing = reverse("board_api:election-ballots", args=[setup.election.pk + 1000])
    assert api.post(missing, {"ranking": [1]}, format="json").status_code == 404


def test_outsiders_and_anonymous_callers_see_nothing(api, cast, setup):
    urls = [
        reverse("board_api:election-list"),
        reverse("board_api:election-detail", args=[setup.election.pk]),
        reverse("board_api:election-result", args=[setup.election.pk]),
        ballots_url(setup.election),
    ]
    for url in urls:
        assert api.get(url).status_code in (401, 403)
    api.force_authenticate(cast.outsider)
    for url in urls:
        assert api.get(url).status_code == 403
    response = api.post(ballots_url(setup.election), {"ranking": [1]}, format="json")
    assert response.status_code == 403


def test_result_and_published_ballots_after_the_count(api, cast, setup):
    api.force_authenticate(cast.member)
    result_url = reverse("board_api:election-result", args=[setup.election.pk])
    assert api.get(result_url).status_code == 404
    assert api.get(ballots_url(setup.election)).status_code == 404
    receipt = api.post(
        ballots_url(setup.election), {"ranking": [setup.candidates[2].pk]}, format="json"
    ).json()["receipt"]
    receipts_url = reverse("board_api:election-receipts", args=[setup.election.pk])
    close(setup.election, cast.returning)
    # Closed but the box not opened: nothing is published yet.
    assert api.get(ballots_url(setup.election)).status_code == 404
    assert api.get(receipts_url).status_code == 404
    open_box(setup.election, cast.returning)
    # The ballots and the receipt codes are published apart, nothing linking the two.
    assert api.get(ballots_url(setup.election)).json() == [{"ranking": [setup.candidates[2].pk]}]
    assert api.get(receipts_url).json() == {"receipts": [receipt]}
    services.election_count(election=setup.election, actor=cast.returning)
    body = api.get(result_url).json()
    assert body["elected"][0] == {"id": setup.candidates[2].pk, "name": "Cand2 Standing2"}
    assert body["seed"] == setup.election.seed and body["ballots"] == 1
    assert body["method"] == "scottish-stv" and body["stages"]
    assert body["blt_url"].endswith(reverse("election-blt", args=[setup.election.pk]))


def test_the_openapi_schema_describes_the_election_endpoints(client, cast):
    client.force_login(cast.member)
    schema = client.get(
        reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    ).content.decode()
    paths = ["/api/v1/elections/", "/api/v1/elections/{id}/ballots/", "/receipts/", "/result/"]
    for path in paths:
        assert path in schema
