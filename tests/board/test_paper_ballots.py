"""Paper ballots: entered in batches, confirmed by a second person, and exclusive with
voting online."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from board import services
from board.models import Ballot, PaperBatch, Voter
from board.selectors import ballots_counted, published_ballots
from coop.errors import CoopError, InvalidTransition, NotAllowed
from tests.board.conftest import add_member, close, paper_batch

pytestmark = pytest.mark.django_db


def test_a_batch_marks_its_members_as_voted_on_paper(cast, setup):
    a, b = setup.candidates[0].pk, setup.candidates[1].pk
    batch = paper_batch(setup, cast, setup.voters[:2], [[a, b], [b]])
    assert batch.number == 1 and batch.papers == 2 and batch.status == PaperBatch.Status.PENDING
    channels = set(Voter.objects.filter(paper_batch=batch).values_list("member_id", "channel"))
    assert channels == {(setup.voters[0].pk, "paper"), (setup.voters[1].pk, "paper")}
    assert sorted(map(tuple, batch.ballots.values_list("ranking", flat=True))) == [(a, b), (b,)]


def test_a_member_who_voted_on_paper_cannot_vote_online(cast, setup):
    paper_batch(setup, cast, [cast.member_row], [[setup.candidates[0].pk]])
    with pytest.raises(services.AlreadyVoted, match="You have already voted"):
        services.ballot_cast(
            election=setup.election,
            member=cast.member_row,
            ranking=[setup.candidates[1].pk],
            actor=cast.member,
        )


def test_a_member_who_voted_online_cannot_be_entered_on_paper(cast, setup):
    services.ballot_cast(
        election=setup.election,
        member=cast.member_row,
        ranking=[setup.candidates[1].pk],
        actor=cast.member,
    )
    with pytest.raises(services.AlreadyVoted, match=r"Already voted: May Okafor \(online\)"):
        paper_batch(setup, cast, [cast.member_row, setup.voters[0]], [[1], [2]])
    # Nothing from the refused batch was kept.
    assert not PaperBatch.objects.exists()
    assert Voter.objects.count() == 1 and Ballot.objects.count() == 1


def test_a_member_outside_the_electorate_cannot_be_entered_on_paper(cast, setup):
    newcomer = add_member(cast.admin, "newcomer", "Nia", "New")
    with pytest.raises(services.NotOnElectorate, match="Nia New"):
        paper_batch(setup, cast, [newcomer], [[setup.candidates[0].pk]])
    assert not Voter.objects.exists()


def test_members_and_papers_must_match_in_number(cast, setup):
    with pytest.raises(CoopError, match="You ticked 2 member"):
        paper_batch(setup, cast, setup.voters[:2], [[setup.candidates[0].pk]])
    batch = services.paper_batch_enter(
        election=setup.election,
        actor=cast.returning,
        voters=setup.voters[:2],
        rankings=[[setup.candidates[0].pk]],
        spoilt=1,
    )
    assert (batch.papers, batch.spoilt) == (1, 1)
    assert Voter.objects.filter(paper_batch=batch).count() == 2


def test_a_bad_paper_names_its_number(cast, setup):
    pk = setup.candidates[0].pk
    with pytest.raises(services.BallotInvalid, match="Paper 2: The same person is chosen twice"):
        paper_batch(setup, cast, setup.voters[:2], [[pk], [pk, pk]])
    assert not Voter.objects.exists()


def test_unconfirmed_papers_are_not_counted_or_published(cast, setup):
    paper_batch(setup, cast, setup.voters[:1], [[setup.candidates[0].pk]])
    assert not ballots_counted(setup.election).exists()
    assert published_ballots(setup.election) == []


def test_the_person_who_entered_a_batch_cannot_confirm_it(cast, setup):
    batch = paper_batch(setup, cast, setup.voters[:1], [[setup.candidates[0].pk]])
    with pytest.raises(NotAllowed, match="A second person must check"):
        services.paper_batch_confirm(batch=batch, actor=cast.returning)
    with pytest.raises(IntegrityError):
        PaperBatch.objects.filter(pk=batch.pk).update(
            status="confirmed", confirmed_by=cast.returning
        )


def test_a_second_person_confirms_and_the_papers_count(cast, setup):
    batch = paper_batch(setup, cast, setup.voters[:2], [[setup.candidates[0].pk]] * 2)
    services.paper_batch_confirm(batch=batch, actor=cast.admin)
    again = services.paper_batch_confirm(batch=batch, actor=cast.admin)
    assert again.status == PaperBatch.Status.CONFIRMED and again.confirmed_by == cast.admin
    assert ballots_counted(setup.election).count() == 2
    assert all(row["paper"] for row in published_ballots(setup.election))


def test_discarding_a_batch_frees_its_members_to_vote_again(cast, setup):
    batch = paper_batch(setup, cast, setup.voters[:1], [[setup.candidates[0].pk]])
    services.paper_batch_discard(batch=batch, actor=cast.returning)
    services.paper_batch_discard(batch=batch, actor=cast.returning)
    batch.refresh_from_db()
    assert batch.status == PaperBatch.Status.DISCARDED
    assert not Ballot.objects.exists() and not Voter.objects.exists()
    with pytest.raises(InvalidTransition):
        services.paper_batch_confirm(batch=batch, actor=cast.admin)
    member = setup.voters[0]
    assert services.ballot_cast(
        election=setup.election, member=member, ranking=[setup.candidates[0].pk], actor=member.user
    )


def test_a_confirmed_batch_cannot_be_thrown_away(cast, setup):
    batch = paper_batch(setup, cast, setup.voters[:1], [[setup.candidates[0].pk]])
    services.paper_batch_confirm(batch=batch, actor=cast.admin)
    with pytest.raises(InvalidTransition, match="confirmed"):
        services.paper_batch_discard(batch=batch, actor=cast.returning)


def test_voting_cannot_close_while_a_batch_waits(cast, setup):
    paper_batch(setup, cast, setup.voters[:1], [[setup.candidates[0].pk]])
    with pytest.raises(CoopError, match="Paper batch 1 is waiting"):
        close(setup.election, cast.returning)
    setup.election.refresh_from_db()
    assert setup.election.status == "voting"


def test_batches_are_numbered_in_order(cast, setup):
    first = paper_batch(setup, cast, setup.voters[:1], [[setup.candidates[0].pk]])
    second = paper_batch(setup, cast, setup.voters[1:2], [[setup.candidates[1].pk]])
    assert (first.number, second.number) == (1, 2)


# --- pages --------------------------------------------------------------------------------


def test_entering_a_batch_from_the_page(client, cast, setup):
    client.force_login(cast.returning)
    url = reverse("election-paper", args=[setup.election.pk])
    page = client.get(url).content.decode()
    assert "Cand0 Standing0" in page
    voters = [str(m.pk) for m in setup.voters[:3]]
    response = client.post(url, {"voters": voters, "papers": "1 2\n3\n0\n"})
    batch = PaperBatch.objects.get()
    assert response["Location"] == reverse(
        "election-paper-batch", args=[setup.election.pk, batch.number]
    )
    assert (batch.papers, batch.spoilt) == (2, 1)
    ids = [c.pk for c in setup.candidates]
    assert sorted(batch.ballots.values_list("ranking", flat=True)) == [[ids[0], ids[1]], [ids[2]]]


@pytest.mark.parametrize(
    "papers,message",
    [
        ("1 9", "Line 1: there is no person number 9. The numbers go from 1 to 3."),
        ("1\nx", "Line 2: use only numbers, like 2 1 4."),
        ("2 2", "Line 1: a person&#x27;s number is there twice."),
        ("1\n2", "You ticked 1 member(s) but typed 2 paper(s)."),
        ("", "Please type the papers, one a line."),
    ],
)
def test_a_batch_with_mistakes_is_shown_again_with_the_mistake(
    client, cast, setup, papers, message
):
    client.force_login(cast.returning)
    url = reverse("election-paper", args=[setup.election.pk])
    response = client.post(url, {"voters": [str(setup.voters[0].pk)], "papers": papers})
    html = response.content.decode()
    assert "<title>Error: " in html and message in html
    assert not PaperBatch.objects.exists() and not Voter.objects.exists()


def test_a_second_person_confirms_from_the_page(client, cast, setup):
    batch = paper_batch(setup, cast, setup.voters[:1], [[setup.candidates[0].pk]])
    url = reverse("election-paper-batch", args=[setup.election.pk, batch.number])
    client.force_login(cast.returning)
    assert "A second person must check and confirm it." in client.get(url).content.decode()
    assert client.post(url, {"action": "confirm"}).status_code == 403
    client.force_login(cast.admin)
    assert "batch 1" in client.get(reverse("election-paper-checks")).content.decode()
    client.post(url, {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == PaperBatch.Status.CONFIRMED and batch.confirmed_by == cast.admin


@pytest.mark.parametrize("role", ["member", "board", "organiser", "outsider"])
def test_paper_pages_are_closed_to_others(client, cast, setup, role):
    batch = paper_batch(setup, cast, setup.voters[:1], [[setup.candidates[0].pk]])
    client.force_login(cast.by_role(role))
    for url in [
        reverse("election-paper", args=[setup.election.pk]),
        reverse("election-paper-batch", args=[setup.election.pk, batch.number]),
        reverse("election-paper-checks"),
    ]:
        assert client.get(url).status_code in (403, 404), url
