"""A second look at members' proposals: the board's answer stays the board's, and an
idea the board did not answer at its meeting is not left waiting for ever."""

import pytest
from django.urls import reverse

from board.meetings import services
from coop.errors import CoopError
from events import services as events
from events.models import Suggestion
from members.models import User
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
