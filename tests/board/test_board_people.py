"""The board as the co-operative runs it (issue 22): two co-chairs at most, partner
organisations' seats that never vote in elections nor count as board members, the
co-chairs' paid helper and their hours, and the training record."""

import datetime as dt

import pytest
from django.utils import timezone

from board.elections.services.elections import election_electorate_freeze
from board.meetings import services as meetings
from board.models import BoardMembership, Elector, HelperHours, PartnerSeat
from board.terms import people_services as services
from board.terms import services as term_services
from board.terms.people_selectors import helper_months, partner_seats_on
from board.terms.rules import TooManyCoChairs
from board.terms.selectors import board_members_on
from coop.audit import audit_trail
from coop.errors import CoopError
from tests.board.conftest import add_member, call
from tests.board.meeting_helpers import hold, make_board, plan

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 6)


def chair(cast, username: str, first: str, **dates) -> BoardMembership:
    person = add_member(cast.admin, username, first, "Chair")
    return term_services.term_add(
        member=person,
        role="co_chair",
        starts_on=dates.get("starts_on", TODAY - dt.timedelta(days=30)),
        ends_on=dates.get("ends_on"),
        actor=cast.admin,
    )


# Co-chairs -------------------------------------------------------------------------------


def test_two_co_chairs_at_once_and_a_third_is_refused_in_plain_words(cast):
    chair(cast, "pat", "Patricia")
    chair(cast, "olu", "Olu")
    third = add_member(cast.admin, "sam", "Sam", "Third")
    with pytest.raises(TooManyCoChairs) as refused:
        term_services.term_add(member=third, role="co_chair", starts_on=TODAY, actor=cast.admin)
    assert refused.value.message == (
        "The board has 2 co-chairs then: Olu Chair and Patricia Chair. "
        "There can only be 2 co-chairs. End a co-chair's term first."
    )
    assert BoardMembership.objects.filter(role="co_chair").count() == 2
    # As an ordinary board member, the same person is welcome.
    term_services.term_add(member=third, role="member", starts_on=TODAY, actor=cast.admin)


def test_a_new_co_chair_may_start_when_an_old_one_ends(cast):
    chair(cast, "pat", "Patricia")
    olu = chair(cast, "olu", "Olu", ends_on=TODAY + dt.timedelta(days=10))
    sam = add_member(cast.admin, "sam", "Sam", "Next")
    with pytest.raises(TooManyCoChairs):  # overlaps Olu's last days
        term_services.term_add(
            member=sam, role="co_chair", starts_on=olu.ends_on - dt.timedelta(days=1), actor=None
        )
    term = term_services.term_add(member=sam, role="co_chair", starts_on=olu.ends_on, actor=None)
    assert term.role == "co_chair"


def test_a_co_chair_ending_before_two_others_start_fits_between(cast):
    later = TODAY + dt.timedelta(days=60)
    chair(cast, "pat", "Patricia", starts_on=later)
    chair(cast, "olu", "Olu", starts_on=later)
    sam = add_member(cast.admin, "sam", "Sam", "Meanwhile")
    term_services.term_add(
        member=sam, role="co_chair", starts_on=TODAY, ends_on=later, actor=cast.admin
    )
    ann = add_member(cast.admin, "ann", "Ann", "Open")
    with pytest.raises(TooManyCoChairs):  # no end date: she would be a third from then
        term_services.term_add(member=ann, role="co_chair", starts_on=TODAY, actor=cast.admin)


# Partner seats ---------------------------------------------------------------------------


def test_partner_seats_have_no_vote_unless_said_and_one_per_organisation(cast):
    seat = services.partner_seat_add(
        organisation="Riverside Council", person_name="Hannah", starts_on=TODAY, actor=cast.admin
    )
    assert seat.has_vote is False
    with pytest.raises(CoopError, match="riverside council already has a seat. End it first."):
        services.partner_seat_add(
            organisation="riverside council", person_name="Tim", starts_on=TODAY, actor=None
        )
    with pytest.raises(CoopError, match="Please write who sits for it."):
        services.partner_seat_add(
            organisation="The charity", person_name="  ", starts_on=TODAY, actor=None
        )
    assert PartnerSeat.objects.count() == 1
    assert [a.action for a in audit_trail(seat)] == ["board.partner_seat_added"]


def test_ending_a_partner_seat_twice_ends_it_once(cast):
    seat = services.partner_seat_add(
        organisation="The charity", person_name="Gill", starts_on=TODAY, actor=cast.admin
    )
    with pytest.raises(CoopError, match="The seat must end after it starts."):
        services.partner_seat_end(seat=seat, ends_on=TODAY, actor=cast.admin)
    tomorrow = TODAY + dt.timedelta(days=1)
    services.partner_seat_end(seat=seat, ends_on=tomorrow, actor=cast.admin)
    services.partner_seat_end(seat=seat, ends_on=tomorrow + dt.timedelta(days=5), actor=None)
    seat.refresh_from_db()
    assert seat.ends_on == tomorrow
    assert partner_seats_on(tomorrow) == []
    assert len(audit_trail(seat).filter(action="board.partner_seat_ended")) == 1
    # The organisation may have a seat again.
    services.partner_seat_add(
        organisation="The charity", person_name="Ben", starts_on=tomorrow, actor=None
    )


def test_partners_are_not_board_members_for_attendance_or_votes(cast):
    board = make_board(cast)
    services.partner_seat_add(
        organisation="The council", person_name="Hannah", starts_on=TODAY, actor=cast.admin
    )
    services.partner_seat_add(
        organisation="The housing association",
        person_name="Tom",
        starts_on=TODAY,
        actor=cast.admin,
    )
    today = timezone.localdate()
    assert board_members_on(today) == sorted(board, key=lambda m: (m.last_name, m.first_name))
    meeting = hold(cast, plan(cast, days=0), board)
    with pytest.raises(CoopError, match="4 votes is more than the 3 people who came."):
        meetings.decision_record(
            meeting=meeting,
            wording="Hire the minibus.",
            outcome="vote",
            votes_for=4,
            votes_against=0,
            abstentions=0,
            actor=cast.board,
        )


def test_a_partner_seat_the_rules_give_a_vote_counts_in_a_meeting_vote(cast):
    board = make_board(cast)
    services.partner_seat_add(
        organisation="The council",
        person_name="Hannah",
        starts_on=timezone.localdate() - dt.timedelta(days=5),
        has_vote=True,
        actor=cast.admin,
    )
    meeting = hold(cast, plan(cast, days=0), board)
    vote = {"outcome": "vote", "votes_against": 0, "abstentions": 0, "actor": cast.board}
    decision = meetings.decision_record(meeting=meeting, wording="Hire it.", votes_for=4, **vote)
    assert decision.votes_for == 4
    with pytest.raises(
        CoopError,
        match="5 votes is more than the 3 people who came and 1 partner seat with a vote.",
    ):
        meetings.decision_record(meeting=meeting, wording="Hire it.", votes_for=5, **vote)


def test_partners_never_vote_in_board_elections(cast):
    services.partner_seat_add(
        organisation="The council",
        person_name="Hannah",
        starts_on=TODAY - dt.timedelta(days=400),
        has_vote=True,
        actor=cast.admin,
    )
    election = call(cast, electorate_date=timezone.localdate())
    count = election_electorate_freeze(election=election, actor=cast.returning)
    electors = set(Elector.objects.filter(election=election).values_list("member_id", flat=True))
    assert count == len(electors) == 1
    assert electors == {cast.member_row.pk}


# The co-chairs' helper ---------------------------------------------------------------------


def test_helper_hours_are_paid_at_the_rate_in_pence_and_totalled_by_month(cast):
    helper = services.helper_add(
        name="Jo Baker", hourly_rate_pence=1250, starts_on=dt.date(2026, 1, 1), actor=cast.admin
    )
    for day, minutes in [(dt.date(2026, 11, 3), 270), (dt.date(2026, 12, 1), 45)]:
        services.helper_hours_add(
            helper=helper,
            worked_on=day,
            minutes=minutes,
            what_for="Booking the bowling",
            actor=cast.finance,
            today=TODAY,
        )
    services.helper_hours_add(
        helper=helper,
        worked_on=dt.date(2026, 12, 4),
        minutes=60,
        what_for="Phoning members",
        actor=cast.organiser,
        today=TODAY,
    )
    assert sorted(HelperHours.objects.values_list("pay_pence", flat=True)) == [938, 1250, 5625]
    months = helper_months(since=dt.date(2026, 11, 20))
    assert [(m.month, m.minutes, m.pay_pence, m.days) for m in months] == [
        (dt.date(2026, 12, 1), 105, 2188, 2),
        (dt.date(2026, 11, 1), 270, 5625, 1),
    ]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"minutes": 10}, "Please give the hours in quarters of an hour, from 0.25 to 12."),
        ({"minutes": 13 * 60}, "Please give the hours in quarters of an hour, from 0.25 to 12."),
        ({"what_for": " "}, "Please say what the work was for."),
        ({"worked_on": TODAY + dt.timedelta(days=1)}, "That day has not come yet."),
        ({"worked_on": dt.date(2025, 12, 31)}, "Jo Baker was not our helper on that day."),
    ],
)
def test_bad_helper_hours_are_refused_in_plain_words(cast, change, words):
    helper = services.helper_add(
        name="Jo Baker", hourly_rate_pence=1250, starts_on=dt.date(2026, 1, 1), actor=cast.admin
    )
    details = {"worked_on": TODAY, "minutes": 60, "what_for": "Phoning"} | change
    with pytest.raises(CoopError) as refused:
        services.helper_hours_add(helper=helper, actor=cast.finance, today=TODAY, **details)
    assert refused.value.message == words
    assert not HelperHours.objects.exists()


def test_a_helper_needs_a_name_and_a_rate(cast):
    with pytest.raises(CoopError, match="Please write the helper's name."):
        services.helper_add(name="", hourly_rate_pence=1000, starts_on=TODAY, actor=None)
    with pytest.raises(CoopError, match="Please say how much the helper is paid an hour."):
        services.helper_add(name="Jo", hourly_rate_pence=0, starts_on=TODAY, actor=None)


# Training ---------------------------------------------------------------------------------


def test_training_is_recorded_and_audited(cast):
    training = services.training_add(
        what="Chairing meetings",
        held_on=dt.date(2026, 11, 3),
        who="Patricia and May",
        actor=cast.organiser,
    )
    assert [a.action for a in audit_trail(training)] == ["board.training_added"]
    with pytest.raises(CoopError, match="Please say who went."):
        services.training_add(what="First aid", held_on=TODAY, who="", actor=None)
