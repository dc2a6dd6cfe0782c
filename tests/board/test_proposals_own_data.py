"""A member's ideas, the board's answers to them, the ideas they would like to go to and
the activities they help to lead are in their own data, in words; erasure takes away
what they liked and what they lead, and keeps the board's record of what it was asked."""

import pytest

from board.meetings import services
from coop.personal_data import export_for, in_words
from events import services as events
from events.models import ActivityLeader, Suggestion, SuggestionInterest
from members.models import User
from members.services import member_erase
from tests.board.proposal_helpers import day_ahead, held_with_proposal, propose
from tests.events.conftest import make_members

pytestmark = pytest.mark.django_db


def answered_yes(cast) -> Suggestion:
    _meeting, item, _suggestion = held_with_proposal(cast)
    return services.proposal_decide(
        item=item,
        actor=User.objects.get(username="chair"),
        answer="yes",
        reason="Lots of people want to go.",
        organiser=cast.organiser,
        starts_on=day_ahead(),
    )


def test_ideas_answers_likes_and_leading_are_in_the_members_own_data(cast):
    done = answered_yes(cast)
    other = propose(cast, make_members(cast, 1)[0], what="Bowling", wants_to_lead=False)
    events.suggestion_interest_add(suggestion=other, member=cast.member_row, actor=cast.member)
    data = export_for(cast.member)["activities"]
    idea = next(one for one in data["ideas"] if one["what"] == "A trip to the zoo")
    assert idea["asked_the_board"] and idea["want_to_help_lead_it"]
    assert (idea["answer"], idea["answer_label"], idea["why"]) == (
        "yes",
        "Yes",
        "Lots of people want to go.",
    )
    assert idea["cost_you_thought_pence"] == 1200 and idea["status_label"] == "Planned"
    assert [one["what"] for one in data["ideas_you_would_like_to_go_to"]] == ["Bowling"]
    assert [one["activity"] for one in data["activities_you_help_to_lead"]] == [done.activity.title]
    assert in_words(idea)["answer_label"] == "Yes"


def test_erasure_takes_away_likes_and_leading_and_keeps_the_boards_record(cast):
    done = answered_yes(cast)
    other = propose(cast, make_members(cast, 1)[0], what="Bowling", wants_to_lead=False)
    events.suggestion_interest_add(suggestion=other, member=cast.member_row, actor=cast.member)
    member_erase(member=cast.member_row, actor=cast.admin, reason="Asked on 3 March")
    assert not SuggestionInterest.objects.filter(member=cast.member_row).exists()
    assert not ActivityLeader.objects.filter(member=cast.member_row).exists()
    assert Suggestion.objects.filter(pk=done.pk).exists()
    assert export_for(cast.member)["activities"]["activities_you_help_to_lead"] == []
