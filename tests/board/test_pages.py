"""Election pages: who may see what, the booth one question a screen, and the run page."""

import pytest
from django.urls import reverse

from board.elections import services
from board.models import Ballot, Election, SealedBallot, Voter
from coop import personal_data
from tests.board.conftest import add_member, call, close, open_box, stand

pytestmark = pytest.mark.django_db


def booth_post(client, url, step, **data):
    body = {f"booth_{url.split('/')[-3]}-current_step": step}
    body.update({f"{step}-{key}": value for key, value in data.items()})
    return client.post(url, body)


def opened_ranking(setup, cast) -> list[int]:
    """Close the election and open its box: the one ballot in it."""
    open_box(close(setup.election, cast.returning), cast.returning)
    return Ballot.objects.get().ranking


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
    # The choices so far are in the voter's browser only, never in the session's row.
    from django.contrib.sessions.models import Session

    cookie = client.cookies[f"wizard_booth_{setup.election.pk}"]
    assert cookie["httponly"] and cookie["path"] == url
    assert all(
        not key.startswith("wizard") for s in Session.objects.all() for key in s.get_decoded()
    )
    done = booth_post(client, url, "check")
    html = done.content.decode()
    receipt = SealedBallot.objects.get().receipt
    assert "Thank you. Your vote is in." in html and receipt in html
    assert "The code does not say who you voted for." in html
    # Where to look for the code: the election's page, which is there before the count.
    assert f'href="{reverse("election-detail", args=[setup.election.pk])}"' in html
    assert "the list of codes is on" in html
    assert done["Cache-Control"] == "no-store"
    # The receipt is nowhere in the session that belongs to the voter; the booth's cookie
    # is gone.
    assert receipt not in str(dict(client.session))
    assert client.cookies[f"wizard_booth_{setup.election.pk}"].value == ""
    again = client.get(url).content.decode()
    assert "You have already voted. Your first vote counts." in again
    # Sealed until the box is opened; then it is the ranking chosen.
    assert not Ballot.objects.exists()
    assert opened_ranking(setup, cast) == [int(c), int(a)]


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
    assert opened_ranking(setup, cast) == [int(b)]


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
    assert sorted(opened_ranking(setup, cast)) == sorted(int(pk) for pk in ids[:2])


HOW_RANKING_COUNTS = [
    "Choose the people you want, in order.",
    "Your first choice is the person you want most.",
    "You can choose just 1 person, or more. You do not have to choose everyone.",
    "Your first choice may have too few votes to win. Then your vote goes to your next choice.",
]
SURPLUS = (
    "Your first choice may get more votes than they need to win. "
    "Then part of your vote goes to your next choice."
)
PICTURES = "Each person chose a photo or a picture. It helps you find them."


@pytest.mark.parametrize(
    ("method", "seats", "said"),
    [
        (Election.Method.SCOTTISH_STV, 2, [*HOW_RANKING_COUNTS, SURPLUS]),
        (Election.Method.MEEK, 2, [*HOW_RANKING_COUNTS, SURPLUS]),
        # One seat by instant run-off: nobody's votes are more than they need.
        (Election.Method.IRV, 1, HOW_RANKING_COUNTS),
        (
            Election.Method.PLURALITY,
            2,
            ["You can choose up to 2 people.", "The 2 people with the most votes get the places."],
        ),
    ],
)
def test_the_booth_and_the_election_page_say_how_a_vote_counts(client, cast, method, seats, said):
    from html import unescape

    from board.elections.vote_words import how_your_vote_counts
    from coop.easyread import easy_read_problems
    from tests.board.conftest import voting_election

    setup = voting_election(cast, method=method, seats=seats)
    assert how_your_vote_counts(setup.election) == said
    assert [easy_read_problems(line) for line in [*said, PICTURES]] == [[]] * (len(said) + 1)
    client.force_login(cast.member)
    booth = reverse("election-vote", args=[setup.election.pk])
    page = reverse("election-detail", args=[setup.election.pk])
    for url in (booth, page):
        html = unescape(client.get(url).content.decode())
        assert all(f"<p>{line}</p>" in html for line in [*said, PICTURES]), url
        assert (SURPLUS in html) == (SURPLUS in said), url
    if method != Election.Method.PLURALITY:
        # Only the first choice's page explains; the next ones ask the next question.
        a = str(setup.candidates[0].pk)
        second = unescape(booth_post(client, booth, "rank1", choice=a).content.decode())
        assert "Who is your second choice?" in second and said[0] not in second


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
    assert "Run Board election" in html and "Close voting" in html
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
    assert data["voted_in"] == [
        {"election": "Board election", "how": "online", "how_label": "Online"}
    ]
    assert receipt not in str(data)
    candidate_data = personal_data.export_for(setup.candidates[0].member.user)["board"]
    assert candidate_data["candidacies"][0]["status"] == "accepted"


def test_published_ballots_and_receipts_wait_for_the_box_to_open(client, cast, setup):
    receipt = services.ballot_cast(
        election=setup.election,
        member=cast.member_row,
        ranking=[setup.candidates[2].pk, setup.candidates[0].pk],
        actor=cast.member,
    )
    client.force_login(cast.member)
    ballots = reverse("election-ballots", args=[setup.election.pk])
    receipts = reverse("election-receipts", args=[setup.election.pk])
    detail = reverse("election-detail", args=[setup.election.pk])
    assert client.get(ballots).status_code == 404 and client.get(receipts).status_code == 404
    close(setup.election, cast.returning)
    assert client.get(ballots).status_code == 404 and client.get(receipts).status_code == 404
    assert "The votes are still in the locked ballot box." in client.get(detail).content.decode()
    open_box(setup.election, cast.returning)
    assert "Look for your receipt code" in client.get(detail).content.decode()
    # The ballots say what was chosen and nothing about receipts; the receipts the reverse.
    votes = client.get(ballots).content.decode()
    assert "Cand2 Standing2, then Cand0 Standing0" in votes and receipt not in votes
    codes = client.get(receipts).content.decode()
    assert receipt in codes and "Cand2 Standing2" not in codes
    found = client.get(receipts, {"receipt": receipt.lower().replace("-", " ")}).content.decode()
    assert "We found your code" in found and "Cand2" not in found
    missing = client.get(receipts, {"receipt": "AAAAA-AAAAA"}).content.decode()
    assert "We did not find AAAAA-AAAAA" in missing
    wrong = client.get(receipts, {"receipt": "0000-OOOO-1"}).content.decode()
    assert "<title>Error: " in wrong and "Please type a code like KD7MX-4RTQA" in wrong


def test_the_returning_officer_runs_the_box_from_the_pages(client, cast):
    """Make the box (the key shown once, stored nowhere), open voting, mark an envelope,
    close, type the paper in, have it confirmed, open the box: a wrong key changes
    nothing; the right one opens it."""
    from board.models import BallotBox

    election = call(cast)
    candidate = stand(cast, election)
    client.force_login(cast.returning)
    run = reverse("election-run", args=[election.pk])
    assert "Make the ballot box" in client.get(run).content.decode()
    box_url = reverse("election-box", args=[election.pk])
    made = client.post(box_url)
    key = made.content.decode().split('class="opening-key">')[1].split("<")[0]
    assert made["Cache-Control"] == "no-store" and len(key) == 23
    box = BallotBox.objects.get(election=election)
    stored = b"".join([bytes(box.public_key), bytes(box.salt)])
    assert key.encode() not in stored and key not in str(list(BallotBox.objects.values()))
    assert key not in client.get(box_url).content.decode()  # shown once
    services.election_voting_open(
        election=election, actor=cast.returning, now=election.voting_open_at
    )
    assert client.post(box_url).status_code == 200  # refused once voting is open...
    assert BallotBox.objects.get(election=election).pk == box.pk  # ...and nothing changed
    paper = reverse("election-paper", args=[election.pk])
    client.post(paper, {"voters": [cast.member_row.pk]})
    assert Voter.objects.get(election=election).channel == "paper"
    services.election_close(election=election, actor=cast.returning, now=election.voting_close_at)
    saved = client.post(paper, {"papers": "1"})
    batch = election.paper_batches.get()
    assert saved.url == reverse("election-paper-batch", args=[election.pk, batch.number])
    client.force_login(cast.admin)
    batch_url = reverse("election-paper-batch", args=[election.pk, batch.number])
    assert "Stan Ding" in client.get(batch_url).content.decode()
    client.post(batch_url, {"action": "confirm"})
    client.force_login(cast.returning)
    open_url = reverse("election-box-open", args=[election.pk])
    wrong = client.post(open_url, {"key": "AAAAA-AAAAA-AAAAA-AAAAA"})
    assert "That key does not open this ballot box." in wrong.content.decode()
    assert not Ballot.objects.filter(election=election).exists()
    client.post(open_url, {"key": key.lower()})
    assert BallotBox.objects.get(election=election).opened_at is not None
    assert list(Ballot.objects.filter(election=election).values_list("ranking", flat=True)) == [
        [candidate.pk]
    ]
