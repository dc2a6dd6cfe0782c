"""Closing, opening the ballot box, and counting with board/elections/counting: the stored
result and the new board terms."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from board.elections import counting, services
from board.elections.selectors import elected_candidates
from board.models import Ballot, BoardMembership, Election, ElectionResult
from coop.errors import CoopError, InvalidTransition
from members.models import Role
from members.selectors import user_roles
from tests.board.conftest import KEY, close, open_box, paper_batch, paper_envelopes, voting_election

pytestmark = pytest.mark.django_db


def vote(setup, member, *ranking):
    return services.ballot_cast(
        election=setup.election, member=member, ranking=list(ranking), actor=member.user
    )


def everyone_votes(cast, setup):
    """Six ballots: candidates 0 and 1 are clearly ahead of 2. Five online now, and candidate
    2's paper envelope in (its paper is typed in after the close: papers_in)."""
    a, b, c = (candidate.pk for candidate in setup.candidates)
    receipts = [vote(setup, cast.member_row, a, b)]
    for member, ranking in zip(setup.voters, [[a], [b, a], [a, c], [b]], strict=True):
        receipts.append(vote(setup, member, *ranking))
    paper_envelopes(setup, cast, [setup.candidates[2].member])
    return receipts


def papers_in(cast, setup):
    """After the close: the paper of the one envelope typed in and confirmed."""
    b, c = setup.candidates[1].pk, setup.candidates[2].pk
    batch = paper_batch(setup, cast, [[c, b]])
    services.paper_batch_confirm(batch=batch, actor=cast.admin)


def closed_and_opened(cast, setup):
    close(setup.election, cast.returning)
    papers_in(cast, setup)
    return open_box(setup.election, cast.returning)


def test_closing_counts_nothing_by_itself(cast, setup, django_capture_on_commit_callbacks, caplog):
    everyone_votes(cast, setup)
    with django_capture_on_commit_callbacks(execute=True):
        close(setup.election, cast.returning)
    # No count was tried (it would have said why it could not count).
    assert "was not counted" not in caplog.text
    assert setup.election.status == Election.Status.CLOSED
    assert not ElectionResult.objects.exists() and not Ballot.objects.exists()


def test_opening_the_box_counts_through_the_task_and_starts_board_terms(
    cast, setup, django_capture_on_commit_callbacks
):
    everyone_votes(cast, setup)
    close(setup.election, cast.returning)
    papers_in(cast, setup)
    with django_capture_on_commit_callbacks(execute=True):
        open_box(setup.election, cast.returning)
    setup.election.refresh_from_db()
    assert setup.election.status == Election.Status.COUNTED
    winners = elected_candidates(setup.election)
    assert {c.pk for c in winners} == {setup.candidates[0].pk, setup.candidates[1].pk}
    result = setup.election.result
    assert result.seed == setup.election.seed and result.counted_by == cast.returning
    assert result.result["ballots"] == 6 and result.result["method"] == "scottish-stv"
    assert "Elected, in order of election:" in result.sheet
    for candidate in winners:
        term = BoardMembership.objects.get(member=candidate.member, election=setup.election)
        assert term.starts_on == timezone.localdate()
        assert term.ends_on == term.starts_on.replace(year=term.starts_on.year + 2)
        candidate.member.user._coop_roles = None
        assert Role.BOARD in user_roles(candidate.member.user)
    loser = setup.candidates[2].member
    assert not BoardMembership.objects.filter(member=loser).exists()


def test_the_published_blt_recounts_to_the_same_result(cast, setup):
    everyone_votes(cast, setup)
    closed_and_opened(cast, setup)
    stored = services.election_count(election=setup.election, actor=cast.returning)
    recount = counting.count(
        counting.parse_blt(stored.blt), setup.election.method, seed=stored.seed
    )
    assert recount.to_dict() == {
        key: stored.result[key]
        for key in ("method", "seats", "quota", "elected", "excluded", "stages")
    }
    assert counting.render_sheet(recount) == stored.sheet


def test_counting_twice_returns_the_first_result(cast, setup):
    everyone_votes(cast, setup)
    closed_and_opened(cast, setup)
    first = services.election_count(election=setup.election, actor=cast.returning)
    second = services.election_count(election=setup.election, actor=cast.returning)
    assert first.pk == second.pk and ElectionResult.objects.count() == 1
    assert BoardMembership.objects.count() == 2


def test_votes_cannot_be_counted_before_the_close_or_before_the_box_is_opened(cast, setup):
    everyone_votes(cast, setup)
    with pytest.raises(InvalidTransition, match="Voting must close"):
        services.election_count(election=setup.election, actor=cast.returning)
    with pytest.raises(CoopError, match="It cannot close before then"):
        services.election_close(election=setup.election, actor=cast.returning)
    close(setup.election, cast.returning)
    papers_in(cast, setup)
    with pytest.raises(InvalidTransition, match="Open the ballot box with its key"):
        services.election_count(election=setup.election, actor=cast.returning)
    setup.election.refresh_from_db()
    assert setup.election.status == Election.Status.CLOSED
    assert not ElectionResult.objects.exists()


def test_an_election_nobody_voted_in_stays_closed_with_a_plain_reason(
    cast, setup, django_capture_on_commit_callbacks, caplog
):
    close(setup.election, cast.returning)
    with django_capture_on_commit_callbacks(execute=True):
        open_box(setup.election, cast.returning)
    # The count ran, and could not count.
    assert f"Election {setup.election.pk} was not counted: Nobody voted" in caplog.text
    assert setup.election.status == Election.Status.CLOSED
    with pytest.raises(services.CountFailed, match="Nobody voted"):
        services.election_count(election=setup.election, actor=cast.returning)
    assert not ElectionResult.objects.exists()


def test_plurality_gives_each_choice_one_vote_in_the_count_and_the_blt(cast):
    setup = voting_election(cast, method=Election.Method.PLURALITY, seats=2)
    a, b, c = (candidate.pk for candidate in setup.candidates)
    vote(setup, cast.member_row, a, b)
    vote(setup, setup.voters[0], b, c)
    vote(setup, setup.voters[1], b)
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    stored = services.election_count(election=setup.election, actor=cast.returning)
    totals = stored.result["stages"][0]["totals"]
    assert totals == {"Cand0 Standing0": "1", "Cand1 Standing1": "3", "Cand2 Standing2": "1"}
    assert stored.result["ballots"] == 3  # three ballots, five marks
    parsed = counting.parse_blt(stored.blt)
    assert sum(ballot.weight for ballot in parsed.ballots) == 5
    assert stored.result["elected"][0] == "Cand1 Standing1"
    # Cand0 and Cand2 tie for the last seat: the recorded seed's lot decides, on the sheet.
    assert stored.result["tie_breaks"] and f"seed {setup.election.seed}" in stored.sheet


def test_irv_elects_one(cast):
    setup = voting_election(cast, method=Election.Method.IRV, seats=1)
    a, b, c = (candidate.pk for candidate in setup.candidates)
    vote(setup, cast.member_row, c, a)
    vote(setup, setup.voters[0], a)
    vote(setup, setup.voters[1], b, a)
    vote(setup, setup.voters[2], a)
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    services.election_count(election=setup.election, actor=cast.returning)
    setup.election.refresh_from_db()
    assert [c.pk for c in elected_candidates(setup.election)] == [a]


def test_two_candidates_with_one_name_are_told_apart(cast):
    setup = voting_election(cast, candidates=2)
    twin = setup.candidates[1].member
    first = setup.candidates[0].member
    twin.first_name, twin.last_name = first.first_name, first.last_name
    twin.save(update_fields=["first_name", "last_name"])
    vote(setup, cast.member_row, setup.candidates[1].pk)
    close(setup.election, cast.returning)
    open_box(setup.election, cast.returning)
    stored = services.election_count(election=setup.election, actor=cast.returning)
    names = [row["name"] for row in stored.result["candidates"]]
    assert len(set(names)) == 2 and all("(" in name for name in names)


# --- pages -------------------------------------------------------------------------------


@pytest.fixture
def counted(cast, setup):
    receipts = everyone_votes(cast, setup)
    closed_and_opened(cast, setup)
    services.election_count(election=setup.election, actor=cast.returning)
    return receipts


def test_results_page_in_easy_read_with_pictures(client, cast, setup, counted):
    client.force_login(cast.member)
    html = client.get(reverse("election-results", args=[setup.election.pk])).content.decode()
    assert "Who was elected" in html and "Cand0 Standing0" in html
    assert "Cand0 Standing0 chose this picture: a yellow star" in html
    assert "How the count worked" in html and "This number is called the quota." in html
    assert "6 members voted." in html


def test_the_receipts_are_published_apart_from_the_ballots(client, cast, setup, counted):
    client.force_login(cast.member)
    url = reverse("election-receipts", args=[setup.election.pk])
    html = client.get(url).content.decode()
    for receipt in counted:
        assert receipt in html
    assert "There are 5 codes: one for each vote made online." in html
    found = client.get(url, {"receipt": counted[0].lower().replace("-", "")})
    assert "We found your code" in found.content.decode()
    absent = "AAAAA-AAAAA"
    assert absent not in counted
    missing = client.get(url, {"receipt": absent}).content.decode()
    assert f"We did not find {absent}" in missing
    wrong = client.get(url, {"receipt": "hello"}).content.decode()
    assert "<title>Error: " in wrong and "Please type a code like KD7MX-4RTQA" in wrong
    # The ballots: every vote, what it chose, and no receipt code at all.
    ballots = client.get(reverse("election-ballots", args=[setup.election.pk])).content.decode()
    assert "There are 6 votes." in ballots
    assert "Cand2 Standing2, then Cand1 Standing1" in ballots  # the paper one
    for receipt in counted:
        assert receipt not in ballots


def test_count_sheet_and_blt_download(client, cast, setup, counted):
    client.force_login(cast.member)
    sheet = client.get(reverse("election-sheet", args=[setup.election.pk])).content.decode()
    assert "Stage 1: first preferences" in sheet
    text = client.get(reverse("election-sheet-text", args=[setup.election.pk]))
    assert text["Content-Disposition"].startswith("attachment")
    blt = client.get(reverse("election-blt", args=[setup.election.pk]))
    assert blt.content.decode() == setup.election.result.blt
    assert blt.content.decode().startswith("3 2\n")


def test_result_pages_wait_for_the_count_and_ballots_for_the_box(client, cast, setup):
    everyone_votes(cast, setup)
    client.force_login(cast.member)
    results = ["election-results", "election-sheet", "election-blt"]
    published = ["election-ballots", "election-receipts"]
    close(setup.election, cast.returning)
    papers_in(cast, setup)
    for name in results + published:
        assert client.get(reverse(name, args=[setup.election.pk])).status_code == 404, name
    open_box(setup.election, cast.returning)  # the count has not run yet
    for name in results:
        assert client.get(reverse(name, args=[setup.election.pk])).status_code == 404, name
    for name in published:
        assert client.get(reverse(name, args=[setup.election.pk])).status_code == 200, name


def test_the_returning_officer_closes_opens_and_counts_from_the_pages(
    client, cast, setup, django_capture_on_commit_callbacks
):
    everyone_votes(cast, setup)
    client.force_login(cast.returning)
    url = reverse("election-move", args=[setup.election.pk, "close"])
    response = client.post(url)
    assert response.status_code == 302
    page = client.get(reverse("election-run", args=[setup.election.pk])).content.decode()
    assert "It cannot close before then." in page
    Election.objects.filter(pk=setup.election.pk).update(
        voting_close_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    setup.election.refresh_from_db()
    assert setup.election.status == Election.Status.CLOSED  # closing counts nothing
    papers_in(cast, setup)
    open_url = reverse("election-box-open", args=[setup.election.pk])
    page = client.get(open_url)
    assert page["Cache-Control"] == "no-store"
    assert "Open the ballot box for Board election" in page.content.decode()
    wrong = client.post(open_url, {"key": "AAAAA-AAAAA-AAAAA-AAAAA"}).content.decode()
    assert "<title>Error: " in wrong and "That key does not open this ballot box." in wrong
    assert not Ballot.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(open_url, {"key": KEY.lower().replace("-", " ")})
    assert response["Location"] == reverse("election-run", args=[setup.election.pk])
    setup.election.refresh_from_db()
    assert setup.election.status == Election.Status.COUNTED
    assert {c.pk for c in elected_candidates(setup.election)} == {
        setup.candidates[0].pk,
        setup.candidates[1].pk,
    }
