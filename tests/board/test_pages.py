"""Election pages: who may see what, the booth one question a screen, and the run page."""

import pytest
from django.urls import reverse

from board import services
from board.models import Ballot, Election, Voter
from coop import personal_data
from tests.board.conftest import add_member, call, close

pytestmark = pytest.mark.django_db


def booth_post(client, url, step, **data):
    body = {f"booth_{url.split('/')[-3]}-current_step": step}
    body.update({f"{step}-{key}": value for key, value in data.items()})
    return client.post(url, body)


def test_a_member_votes_one_question_a_screen_then_sees_a_receipt(client, cast, setup):
    client.force_login(cast.member)
    url = reverse("election-vote", args=[setup.election.pk])
    a, b, c = (str(candidate.pk) for candidate in setup.candidates)
    first = client.get(url).content.decode()
    assert "Who is your first choice?" in first
    assert "No more choices" not in first  # the first choice has to be someone
    assert "Read what Cand0 says" in first and "I want to help." in first
    empty = booth_post(client, url, "rank1").content.decode()
    assert "<title>Error: " in empty and "Please choose a person." in empty
    second = booth_post(client, url, "rank1", choice=c).content.decode()
    assert "Who is your second choice?" in second and "No more choices" in second
    assert f'value="{c}"' not in second  # chosen already
    chosen_again = booth_post(client, url, "rank2", choice=c).content.decode()
    assert "You chose this person already. Please choose someone else." in chosen_again
    booth_post(client, url, "rank2", choice=a)
    check = booth_post(client, url, "rank3", choice="none").content.decode()
    assert "Check your vote" in check
    assert "Your first choice" in check and "Cand2 Standing2" in check
    assert "Your second choice" in check and "Cand0 Standing0" in check
    assert "Your third choice" not in check
    done = booth_post(client, url, "check")
    html = done.content.decode()
    receipt = Ballot.objects.get().receipt
    assert "Thank you. Your vote is in." in html and receipt in html
    assert done["Cache-Control"] == "no-store"
    assert Ballot.objects.get().ranking == [int(c), int(a)]
    # The receipt is nowhere in the session that belongs to the voter.
    assert receipt not in str(dict(client.session))
    again = client.get(url).content.decode()
    assert "You have already voted. Your first vote counts." in again


def test_changing_an_earlier_choice_from_check_your_vote(client, cast, setup):
    client.force_login(cast.member)
    url = reverse("election-vote", args=[setup.election.pk])
    a, b, c = (str(candidate.pk) for candidate in setup.candidates)
    client.get(url)
    booth_post(client, url, "rank1", choice=a)
    booth_post(client, url, "rank2", choice="none")
    prefix = f"booth_{setup.election.pk}"
    client.post(url, {f"{prefix}-current_step": "check", "wizard_goto_step": "rank1"})
    booth_post(client, url, "rank1", choice=b)
    booth_post(client, url, "rank2", choice="none")
    booth_post(client, url, "check")
    assert Ballot.objects.get().ranking == [int(b)]


def test_plurality_asks_to_choose_up_to_the_seats(client, cast):
    from tests.board.conftest import voting_election

    setup = voting_election(cast, method=Election.Method.PLURALITY, seats=2)
    client.force_login(cast.member)
    url = reverse("election-vote", args=[setup.election.pk])
    assert "Choose up to 2 people." in client.get(url).content.decode()
    ids = [str(candidate.pk) for candidate in setup.candidates]
    too_many = booth_post(client, url, "choices", choices=ids).content.decode()
    assert "You chose 3 people. Please choose 2 or fewer." in too_many
    booth_post(client, url, "choices", choices=ids[:2])
    booth_post(client, url, "check")
    assert sorted(Ballot.objects.get().ranking) == sorted(int(pk) for pk in ids[:2])


def test_the_booth_explains_why_someone_cannot_vote(client, cast, setup):
    newcomer = add_member(cast.admin, "newcomer", "Nia", "New")
    client.force_login(newcomer.user)
    url = reverse("election-vote", args=[setup.election.pk])
    html = client.get(url).content.decode()
    assert "You are not on the list of voters for this election." in html
    assert booth_post(client, url, "check").status_code == 200
    assert not Voter.objects.exists()


def test_only_members_reach_the_booth(client, cast, setup):
    url = reverse("election-vote", args=[setup.election.pk])
    for role in ["supporter", "returning", "board", "outsider"]:
        client.force_login(cast.by_role(role))
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_election_page_tells_a_member_what_they_can_do(client, cast, setup):
    client.force_login(cast.member)
    url = reverse("election-detail", args=[setup.election.pk])
    html = client.get(url).content.decode()
    assert (
        "You can vote now." in html and reverse("election-vote", args=[setup.election.pk]) in html
    )
    services.ballot_cast(
        election=setup.election,
        member=cast.member_row,
        ranking=[setup.candidates[0].pk],
        actor=cast.member,
    )
    assert "You have voted. Thank you." in client.get(url).content.decode()


def test_a_draft_election_is_hidden_from_members_but_not_from_the_board(client, cast):
    election = call(cast)
    Election.objects.filter(pk=election.pk).update(status=Election.Status.DRAFT)
    client.force_login(cast.member)
    assert client.get(reverse("election-detail", args=[election.pk])).status_code == 404
    assert "Board election" not in client.get(reverse("election-list")).content.decode()
    client.force_login(cast.board)
    assert client.get(reverse("election-detail", args=[election.pk])).status_code == 200


@pytest.mark.parametrize("role", ["member", "supporter", "organiser", "board", "finance"])
def test_everyone_with_a_role_reads_elections(client, cast, setup, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse("election-list")).status_code == 200
    assert client.get(reverse("election-detail", args=[setup.election.pk])).status_code == 200
    candidate = setup.candidates[0]
    url = reverse("election-candidate", args=[setup.election.pk, candidate.pk])
    assert "I want to help." in client.get(url).content.decode()


def test_outsiders_see_no_election_page(client, cast, setup):
    client.force_login(cast.outsider)
    for url in [
        reverse("election-list"),
        reverse("election-detail", args=[setup.election.pk]),
        reverse("election-candidate", args=[setup.election.pk, setup.candidates[0].pk]),
        reverse("election-ballots", args=[setup.election.pk]),
        reverse("election-results", args=[setup.election.pk]),
        reverse("election-call"),
        reverse("election-run", args=[setup.election.pk]),
    ]:
        assert client.get(url).status_code == 403, url


def test_only_the_elections_own_returning_officer_runs_it(client, cast, setup):
    from members import services as member_services

    url = reverse("election-run", args=[setup.election.pk])
    client.force_login(cast.returning)
    html = client.get(url).content.decode()
    assert "Run Board election" in html and "Close voting and count" in html
    other = add_member(cast.admin, "ro2", "Rob", "Other").user
    member_services.role_grant(user=other, role="returning_officer", actor=cast.admin)
    client.force_login(other)
    assert client.get(url).status_code == 404
    move = reverse("election-move", args=[setup.election.pk, "close"])
    assert client.post(move).status_code == 404
    for role in ["member", "board", "admin"]:
        client.force_login(cast.by_role(role))
        assert client.get(url).status_code == 403


def test_an_unknown_move_is_a_404(client, cast, setup):
    client.force_login(cast.returning)
    assert (
        client.post(reverse("election-move", args=[setup.election.pk, "explode"])).status_code
        == 404
    )


def test_the_board_cancels_with_a_reason_from_the_page(client, cast, setup):
    client.force_login(cast.board)
    url = reverse("election-cancel", args=[setup.election.pk])
    empty = client.post(url, {"reason": ""}).content.decode()
    assert "<title>Error: " in empty and "Please give the reason." in empty
    client.post(url, {"reason": "Not enough people stood."})
    setup.election.refresh_from_db()
    assert setup.election.status == Election.Status.CANCELLED
    client.force_login(cast.member)
    html = client.get(reverse("election-detail", args=[setup.election.pk])).content.decode()
    assert "This election is cancelled" in html and "Not enough people stood." in html
    assert client.get(url).status_code == 403


def test_role_homes_link_to_elections(client, cast):
    for role, home in [("member", "me"), ("board", "board-home"), ("returning", "returning-home")]:
        client.force_login(cast.by_role(role))
        assert reverse("election-list") in client.get(reverse(home)).content.decode()


def test_a_members_own_data_lists_where_they_stood_and_voted_but_not_how(cast, setup):
    receipt = services.ballot_cast(
        election=setup.election,
        member=cast.member_row,
        ranking=[setup.candidates[0].pk],
        actor=cast.member,
    )
    data = personal_data.export_for(cast.member)["board"]
    assert data["voted_in"] == [{"election": "Board election", "how": "online"}]
    assert receipt not in str(data)
    candidate_data = personal_data.export_for(setup.candidates[0].member.user)["board"]
    assert candidate_data["candidacies"][0]["status"] == "accepted"


def test_published_ballots_wait_for_the_close(client, cast, setup):
    client.force_login(cast.member)
    url = reverse("election-ballots", args=[setup.election.pk])
    assert client.get(url).status_code == 404
    close(setup.election, cast.returning)
    assert client.get(url).status_code == 200


def test_the_admin_lists_ballots_read_only(client, cast, setup):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    services.ballot_cast(
        election=setup.election,
        member=cast.member_row,
        ranking=[setup.candidates[0].pk],
        actor=cast.member,
    )
    client.force_login(cast.admin)
    ballot = Ballot.objects.get()
    assert client.get(reverse("admin:board_ballot_changelist")).status_code == 200
    assert client.get(reverse("admin:board_ballot_add")).status_code == 403
    response = client.post(
        reverse("admin:board_ballot_change", args=[ballot.pk]), {"ranking": "[1]"}
    )
    assert response.status_code == 403
    assert Ballot.objects.get().ranking == [setup.candidates[0].pk]
