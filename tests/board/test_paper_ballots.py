"""Paper votes: envelopes marked while voting is open (exclusive with voting online), papers
typed in batches after the close, confirmed by a second person, and into the ballot box."""

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError
from django.urls import reverse

from board.elections import services
from board.elections.selectors import (
    ballots_counted,
    published_ballots,
    published_receipts,
    turnout,
)
from board.models import Ballot, BallotBox, PaperBatch, SealedBallot, Voter
from coop.errors import CoopError, InvalidTransition, NotAllowed
from coop.models import AuditEntry
from coop.once import ALREADY_DONE
from members.models import Member
from tests.board.conftest import (
    add_member,
    close,
    open_box,
    paper_batch,
    paper_envelopes,
)

pytestmark = pytest.mark.django_db


def closed_with_envelopes(cast, setup, count):
    """`count` of the setup's voters' envelopes came in; then voting closed."""
    paper_envelopes(setup, cast, setup.voters[:count])
    close(setup.election, cast.returning)


# --- envelopes, while voting is open ------------------------------------------------------


def test_envelopes_mark_their_members_as_voted_on_paper(cast, setup):
    rows = paper_envelopes(setup, cast, setup.voters[:2])
    assert len(rows) == 2
    channels = set(Voter.objects.values_list("member_id", "channel"))
    assert channels == {(setup.voters[0].pk, "paper"), (setup.voters[1].pk, "paper")}
    # Marking envelopes types no papers and opens nothing.
    assert not PaperBatch.objects.exists() and not Ballot.objects.exists()
    entry = AuditEntry.objects.get(action="election.paper_envelopes")
    assert entry.actor == cast.returning and entry.data == {"envelopes": 2}
    assert turnout(setup.election) == {
        "electors": 8,  # the 4 voters, the cast's member and the 3 standing
        "online": 0,
        "paper": 2,
        "papers_confirmed": 0,
        "papers_waiting": 0,
    }


def test_a_batch_holds_papers_and_no_voters(cast, setup):
    a, b = setup.candidates[0].pk, setup.candidates[1].pk
    closed_with_envelopes(cast, setup, 2)
    batch = paper_batch(setup, cast, [[a, b], [b]])
    assert batch.number == 1 and batch.papers == 2 and batch.status == PaperBatch.Status.PENDING
    assert sorted(map(tuple, batch.rankings)) == [(a, b), (b,)]
    # Nothing ties a batch to the members whose envelopes came in, either way.
    assert {f.name for f in PaperBatch._meta.get_fields()} == {
        "id",
        "election",
        "number",
        "status",
        "entered_by",
        "entered_at",
        "confirmed_by",
        "confirmed_at",
        "discarded_by",
        "papers",
        "spoilt",
        "rankings",
    }
    related = {getattr(f, "related_model", None) for f in PaperBatch._meta.get_fields()}
    assert not related & {Voter, Member, Ballot}
    assert {f.name for f in Voter._meta.get_fields()} == {"id", "election", "member", "channel"}
    # The envelopes are still the members', on paper; the batch has not touched them.
    assert set(Voter.objects.values_list("channel", flat=True)) == {"paper"}
    assert Voter.objects.count() == 2


def test_a_member_who_voted_on_paper_cannot_vote_online(cast, setup):
    paper_envelopes(setup, cast, [cast.member_row])
    with pytest.raises(services.AlreadyVoted, match="You have already voted"):
        services.ballot_cast(
            election=setup.election,
            member=cast.member_row,
            ranking=[setup.candidates[1].pk],
            actor=cast.member,
        )
    assert not SealedBallot.objects.exists()
    assert list(Voter.objects.values_list("channel", flat=True)) == ["paper"]


def test_a_member_who_voted_online_cannot_be_entered_on_paper(cast, setup):
    services.ballot_cast(
        election=setup.election,
        member=cast.member_row,
        ranking=[setup.candidates[1].pk],
        actor=cast.member,
    )
    with pytest.raises(services.AlreadyVoted, match=r"Already voted: May Okafor \(online\)"):
        paper_envelopes(setup, cast, [cast.member_row, setup.voters[0]])
    # Nothing from the refused envelopes was kept.
    assert list(Voter.objects.values_list("member_id", "channel")) == [
        (cast.member_row.pk, "online")
    ]
    assert SealedBallot.objects.count() == 1


def test_an_envelope_cannot_be_marked_twice(cast, setup):
    paper_envelopes(setup, cast, setup.voters[:1])
    with pytest.raises(services.AlreadyVoted, match=r"Already voted: Voter0 Person0 \(on paper\)"):
        paper_envelopes(setup, cast, setup.voters[:2])
    with pytest.raises(CoopError, match="A member is ticked twice"):
        paper_envelopes(setup, cast, [setup.voters[1], setup.voters[1]])
    with pytest.raises(CoopError, match="Please tick the members"):
        paper_envelopes(setup, cast, [])
    assert list(Voter.objects.values_list("member_id", flat=True)) == [setup.voters[0].pk]


def test_a_member_outside_the_electorate_cannot_be_entered_on_paper(cast, setup):
    newcomer = add_member(cast.admin, "newcomer", "Nia", "New")
    with pytest.raises(services.NotOnElectorate, match="Nia New"):
        paper_envelopes(setup, cast, [newcomer, setup.voters[0]])
    assert not Voter.objects.exists()


def test_an_envelope_marked_by_mistake_comes_off_while_voting_is_open(cast, setup):
    member = setup.voters[0]
    paper_envelopes(setup, cast, [member, setup.voters[1]])
    services.paper_envelope_remove(election=setup.election, actor=cast.returning, member=member)
    services.paper_envelope_remove(election=setup.election, actor=cast.returning, member=member)
    assert list(Voter.objects.values_list("member_id", flat=True)) == [setup.voters[1].pk]
    assert AuditEntry.objects.filter(action="election.paper_envelope_removed").count() == 1
    # Now they may vote online.
    assert services.ballot_cast(
        election=setup.election, member=member, ranking=[setup.candidates[0].pk], actor=member.user
    )
    # Taking off envelopes never takes off an online vote.
    services.paper_envelope_remove(election=setup.election, actor=cast.returning, member=member)
    assert Voter.objects.get(member=member).channel == "online"


def test_after_the_close_envelopes_are_kept_and_no_more_come_in(cast, setup):
    closed_with_envelopes(cast, setup, 1)
    with pytest.raises(services.VotingClosed, match="The envelopes that came in are kept"):
        services.paper_envelope_remove(
            election=setup.election, actor=cast.returning, member=setup.voters[0]
        )
    with pytest.raises(services.VotingClosed, match="only while voting is open"):
        paper_envelopes(setup, cast, setup.voters[1:2])
    assert list(Voter.objects.values_list("member_id", flat=True)) == [setup.voters[0].pk]


# --- papers, after the close --------------------------------------------------------------


def test_papers_cannot_be_typed_in_before_the_close(cast, setup):
    paper_envelopes(setup, cast, setup.voters[:1])
    with pytest.raises(InvalidTransition, match="typed in after voting has closed"):
        paper_batch(setup, cast, [[setup.candidates[0].pk]])
    assert not PaperBatch.objects.exists()


def test_papers_cannot_be_more_than_the_envelopes(cast, setup):
    closed_with_envelopes(cast, setup, 2)
    with pytest.raises(
        CoopError,
        match=r"2 paper envelope\(s\) came in and 0 paper\(s\) are typed in already, so there "
        r"can be 2 more at most",
    ):
        paper_batch(setup, cast, [[setup.candidates[0].pk]] * 2, spoilt=1)
    batch = paper_batch(setup, cast, [[setup.candidates[0].pk]], spoilt=1)
    assert (batch.papers, batch.spoilt) == (1, 1)
    with pytest.raises(CoopError, match=r"2 paper\(s\) are typed in already, so there can be 0"):
        paper_batch(setup, cast, [], spoilt=1)
    assert PaperBatch.objects.count() == 1


def test_a_batch_needs_papers(cast, setup):
    closed_with_envelopes(cast, setup, 1)
    with pytest.raises(CoopError, match="Please type the papers"):
        paper_batch(setup, cast, [])
    with pytest.raises(CoopError, match="Please type the papers"):
        paper_batch(setup, cast, [[setup.candidates[0].pk]], spoilt=-1)
    assert not PaperBatch.objects.exists()


def test_a_bad_paper_names_its_number(cast, setup):
    pk = setup.candidates[0].pk
    closed_with_envelopes(cast, setup, 2)
    with pytest.raises(services.BallotInvalid, match="Paper 2: The same person is chosen twice"):
        paper_batch(setup, cast, [[pk], [pk, pk]])
    assert not PaperBatch.objects.exists()


def test_unconfirmed_papers_are_not_counted_or_published(cast, setup):
    closed_with_envelopes(cast, setup, 1)
    paper_batch(setup, cast, [[setup.candidates[0].pk]])
    assert not ballots_counted(setup.election).exists()
    assert published_ballots(setup.election) == []
    assert turnout(setup.election)["papers_waiting"] == 1
    assert turnout(setup.election)["papers_confirmed"] == 0


def test_the_person_who_entered_a_batch_cannot_confirm_it(cast, setup):
    closed_with_envelopes(cast, setup, 1)
    batch = paper_batch(setup, cast, [[setup.candidates[0].pk]])
    with pytest.raises(NotAllowed, match="A second person must check"):
        services.paper_batch_confirm(batch=batch, actor=cast.returning)
    with pytest.raises(IntegrityError):
        PaperBatch.objects.filter(pk=batch.pk).update(
            status="confirmed", confirmed_by=cast.returning
        )


def test_a_second_person_confirms_and_the_papers_count_once_the_box_is_open(cast, setup):
    closed_with_envelopes(cast, setup, 2)
    batch = paper_batch(setup, cast, [[setup.candidates[0].pk]] * 2)
    services.paper_batch_confirm(batch=batch, actor=cast.admin)
    again = services.paper_batch_confirm(batch=batch, actor=cast.admin)
    assert again.status == PaperBatch.Status.CONFIRMED and again.confirmed_by == cast.admin
    assert turnout(setup.election)["papers_confirmed"] == 2
    # Still in the batch, not yet ballots: the box is not open.
    assert not ballots_counted(setup.election).exists()
    open_box(setup.election, cast.returning)
    assert ballots_counted(setup.election).count() == 2
    assert published_ballots(setup.election) == [{"choices": ["Cand0 Standing0"]}] * 2
    # Paper votes have no receipt code.
    assert published_receipts(setup.election) == []
    box = BallotBox.objects.get(election=setup.election)
    assert (box.opened_online, box.opened_paper) == (0, 2)
    # The papers as typed are gone from the batch: they are in the box now.
    batch.refresh_from_db()
    assert batch.rankings == [] and batch.papers == 2


def test_papers_and_online_votes_go_into_one_box(cast, setup):
    a, b, c = (candidate.pk for candidate in setup.candidates)
    services.ballot_cast(
        election=setup.election, member=cast.member_row, ranking=[a, b], actor=cast.member
    )
    paper_envelopes(setup, cast, setup.voters[:3])
    close(setup.election, cast.returning)
    first = paper_batch(setup, cast, [[c], [b, a]])
    second = paper_batch(setup, cast, [], spoilt=1)
    for batch in (first, second):
        services.paper_batch_confirm(batch=batch, actor=cast.admin)
    open_box(setup.election, cast.returning)
    rankings = sorted(map(tuple, ballots_counted(setup.election).values_list("ranking", flat=True)))
    assert rankings == sorted([(a, b), (c,), (b, a)])
    assert len(published_receipts(setup.election)) == 1


def test_discarding_a_batch_frees_its_papers_to_be_typed_again(cast, setup):
    closed_with_envelopes(cast, setup, 1)
    batch = paper_batch(setup, cast, [[setup.candidates[0].pk]])
    with pytest.raises(CoopError, match="so there can be 0 more at most"):
        paper_batch(setup, cast, [[setup.candidates[1].pk]])
    services.paper_batch_discard(batch=batch, actor=cast.returning)
    services.paper_batch_discard(batch=batch, actor=cast.returning)
    batch.refresh_from_db()
    assert batch.status == PaperBatch.Status.DISCARDED and batch.rankings == []
    # The envelope is still in: discarding a batch takes nobody's vote away.
    assert Voter.objects.get().member == setup.voters[0]
    with pytest.raises(InvalidTransition):
        services.paper_batch_confirm(batch=batch, actor=cast.admin)
    again = paper_batch(setup, cast, [[setup.candidates[1].pk]])
    assert again.number == 2
    services.paper_batch_confirm(batch=again, actor=cast.admin)
    open_box(setup.election, cast.returning)
    assert list(ballots_counted(setup.election).values_list("ranking", flat=True)) == [
        [setup.candidates[1].pk]
    ]


def test_a_confirmed_batch_cannot_be_thrown_away(cast, setup):
    closed_with_envelopes(cast, setup, 1)
    batch = paper_batch(setup, cast, [[setup.candidates[0].pk]])
    services.paper_batch_confirm(batch=batch, actor=cast.admin)
    with pytest.raises(InvalidTransition, match="confirmed"):
        services.paper_batch_discard(batch=batch, actor=cast.returning)


def test_the_box_cannot_open_while_a_batch_waits(cast, setup):
    closed_with_envelopes(cast, setup, 1)
    paper_batch(setup, cast, [[setup.candidates[0].pk]])
    with pytest.raises(CoopError, match="Paper batch 1 is waiting for a second person"):
        open_box(setup.election, cast.returning)
    box = BallotBox.objects.get(election=setup.election)
    assert not box.is_open and box.salt is not None
    assert setup.election.status == "closed" and not Ballot.objects.exists()


def test_the_box_cannot_open_until_every_envelopes_paper_is_typed(cast, setup):
    closed_with_envelopes(cast, setup, 3)
    batch = paper_batch(setup, cast, [[setup.candidates[0].pk]], spoilt=1)
    services.paper_batch_confirm(batch=batch, actor=cast.admin)
    with pytest.raises(
        CoopError,
        match=r"3 paper envelope\(s\) came in, but 2 paper\(s\) are typed in and confirmed\. "
        r"Type in a paper for every envelope",
    ):
        open_box(setup.election, cast.returning)
    box = BallotBox.objects.get(election=setup.election)
    assert not box.is_open and not Ballot.objects.exists()
    # The last paper, blank, makes the numbers match.
    services.paper_batch_confirm(batch=paper_batch(setup, cast, [], spoilt=1), actor=cast.admin)
    open_box(setup.election, cast.returning)
    assert ballots_counted(setup.election).count() == 1


def test_no_papers_go_in_once_the_box_is_open(cast, setup):
    closed_with_envelopes(cast, setup, 1)
    batch = paper_batch(setup, cast, [[setup.candidates[0].pk]])
    services.paper_batch_confirm(batch=batch, actor=cast.admin)
    open_box(setup.election, cast.returning)
    with pytest.raises(InvalidTransition, match="The ballot box is open"):
        paper_batch(setup, cast, [[setup.candidates[0].pk]])
    assert PaperBatch.objects.count() == 1


def test_batches_are_numbered_in_order(cast, setup):
    closed_with_envelopes(cast, setup, 2)
    first = paper_batch(setup, cast, [[setup.candidates[0].pk]])
    second = paper_batch(setup, cast, [[setup.candidates[1].pk]])
    assert (first.number, second.number) == (1, 2)


# --- pages --------------------------------------------------------------------------------


def test_marking_envelopes_then_typing_a_batch_from_the_page(client, cast, setup):
    client.force_login(cast.returning)
    url = reverse("election-paper", args=[setup.election.pk])
    page = client.get(url).content.decode()
    assert "Mark envelopes that came in" in page and "Voter0 Person0" in page
    voters = [str(m.pk) for m in setup.voters[:3]]
    response = client.post(url, {"voters": voters})
    assert response["Location"] == url
    assert set(Voter.objects.values_list("member_id", "channel")) == {
        (m.pk, "paper") for m in setup.voters[:3]
    }
    close(setup.election, cast.returning)
    page = client.get(url).content.decode()
    assert "Type in a batch of papers" in page and "Cand0 Standing0" in page
    response = client.post(url, {"papers": "1 2\n3\n0\n"})
    batch = PaperBatch.objects.get()
    assert response["Location"] == reverse(
        "election-paper-batch", args=[setup.election.pk, batch.number]
    )
    assert (batch.papers, batch.spoilt) == (2, 1)
    ids = [c.pk for c in setup.candidates]
    assert sorted(batch.rankings) == [[ids[0], ids[1]], [ids[2]]]


def test_an_envelope_comes_off_from_the_page(client, cast, setup):
    paper_envelopes(setup, cast, setup.voters[:2])
    client.force_login(cast.returning)
    url = reverse("election-paper", args=[setup.election.pk])
    client.post(url, {"undo": str(setup.voters[0].pk)})
    assert list(Voter.objects.values_list("member_id", flat=True)) == [setup.voters[1].pk]


@pytest.mark.parametrize(
    "papers,message",
    [
        ("1 9", "Line 1: there is no person number 9. The numbers go from 1 to 3."),
        ("1\nx", "Line 2: use only numbers, like 2 1 4."),
        ("2 2", "Line 1: a person&#x27;s number is there twice."),
        (
            "1\n2",
            "1 paper envelope(s) came in and 0 paper(s) are typed in already, so there can be "
            "1 more at most.",
        ),
        ("", "Please type the papers, one a line."),
    ],
)
def test_a_batch_with_mistakes_is_shown_again_with_the_mistake(
    client, cast, setup, papers, message
):
    closed_with_envelopes(cast, setup, 1)
    client.force_login(cast.returning)
    url = reverse("election-paper", args=[setup.election.pk])
    response = client.post(url, {"papers": papers})
    html = response.content.decode()
    assert "<title>Error: " in html and message in html
    assert not PaperBatch.objects.exists()
    assert Voter.objects.count() == 1


def test_envelopes_with_mistakes_are_shown_again_with_the_mistake(client, cast, setup):
    client.force_login(cast.returning)
    url = reverse("election-paper", args=[setup.election.pk])
    html = client.post(url, {}).content.decode()
    assert "<title>Error: " in html and "Please tick the members whose envelopes came in." in html
    assert not Voter.objects.exists()


def test_a_second_person_confirms_from_the_page(client, cast, setup):
    closed_with_envelopes(cast, setup, 1)
    batch = paper_batch(setup, cast, [[setup.candidates[0].pk]])
    url = reverse("election-paper-batch", args=[setup.election.pk, batch.number])
    client.force_login(cast.returning)
    assert "A second person must check and confirm it." in client.get(url).content.decode()
    assert client.post(url, {"action": "confirm"}).status_code == 403
    client.force_login(cast.admin)
    assert "batch 1" in client.get(reverse("election-paper-checks")).content.decode()
    page = client.get(url).content.decode()
    assert "Cand0 Standing0" in page  # the papers to check the pile against
    client.post(url, {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == PaperBatch.Status.CONFIRMED and batch.confirmed_by == cast.admin
    # Once the box is open the batch page shows no papers: they are in the box, mixed.
    open_box(setup.election, cast.returning)
    page = client.get(url).content.decode()
    assert "The ballot box is open" in page and "Cand0 Standing0" not in page


@pytest.mark.parametrize("role", ["member", "board", "organiser", "outsider"])
def test_paper_pages_are_closed_to_others(client, cast, setup, role):
    closed_with_envelopes(cast, setup, 1)
    batch = paper_batch(setup, cast, [[setup.candidates[0].pk]])
    client.force_login(cast.by_role(role))
    for url in [
        reverse("election-paper", args=[setup.election.pk]),
        reverse("election-paper-batch", args=[setup.election.pk, batch.number]),
        reverse("election-paper-checks"),
    ]:
        assert client.get(url).status_code in (403, 404), url


def test_a_batch_sent_twice_is_saved_once(client, cast, setup):
    closed_with_envelopes(cast, setup, 2)
    client.force_login(cast.returning)
    url = reverse("election-paper", args=[setup.election.pk])
    token = client.get(url).context["form"]["token"].value()
    first = client.post(url, {"papers": "1 2\n3\n", "token": token})
    second = client.post(url, {"papers": "1 2\n3\n", "token": token})
    assert PaperBatch.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert ALREADY_DONE in [str(m) for m in get_messages(second.wsgi_request)]
