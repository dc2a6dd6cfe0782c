"""A second look at members' proposals: the board's answer stays the board's, and an
idea the board did not answer at its meeting is not left waiting for ever."""

import pytest
from django.urls import reverse

from board.meetings import services
from board.models import AgendaItem, BoardMembership
from coop.errors import CoopError
from events import services as events
from events.models import Suggestion
from members.models import User
from tests.board.meeting_helpers import hold, plan
from tests.board.proposal_helpers import day_ahead, held_with_proposal

pytestmark = pytest.mark.django_db
S = Suggestion.Status


def chair() -> User:
    return User.objects.get(username="chair")


@pytest.mark.parametrize(
    ("answer", "status"), [("not_now", "planned"), ("yes", "not_now"), ("yes", "done")]
)
def test_an_organiser_cannot_change_what_the_board_answered(cast, answer, status):
    _, item, suggestion = held_with_proposal(cast)
    services.proposal_decide(
        item=item,
        actor=chair(),
        answer=answer,
        reason="The board's reason.",
        organiser=cast.organiser,
        starts_on=day_ahead(),
    )
    with pytest.raises(CoopError, match="The board answered this idea"):
        events.suggestion_decide(
            suggestion=suggestion, actor=cast.organiser, status=status, reason="Mine."
        )
    suggestion.refresh_from_db()
    # The member's page reads "This is why: <the board's reason>": it stays the board's.
    assert suggestion.reason == "The board's reason."
    assert suggestion.status == (S.NOT_NOW if answer == "not_now" else S.PLANNED)


def test_organisers_are_not_offered_to_change_an_answered_proposal(client, cast):
    _, item, suggestion = held_with_proposal(cast)
    services.proposal_decide(item=item, actor=chair(), answer="not_now", reason="No money.")
    client.force_login(cast.organiser)
    page = client.get(reverse("suggestions")).content.decode()
    assert reverse("suggestion-decide", args=[suggestion.pk]) not in page


def test_an_idea_not_answered_before_the_minutes_are_approved_goes_to_the_next_meeting(cast):
    meeting, item, suggestion = held_with_proposal(cast)
    board = [term.member for term in BoardMembership.objects.select_related("member")]
    later = hold(cast, plan(cast, days=12, title="Later"), board)
    following = plan(cast, days=40, title="Following")
    services.minutes_approve(meeting=meeting, at_meeting=later, actor=cast.board)
    suggestion.refresh_from_db()
    # Not left "waiting for the board" at a meeting whose record is closed: the next
    # meeting whose agenda can change takes it, as when a meeting is cancelled.
    assert suggestion.status == S.AGENDA
    assert AgendaItem.objects.filter(meeting=following, suggestion=suggestion).exists()
