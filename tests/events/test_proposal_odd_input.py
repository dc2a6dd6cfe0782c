"""Odd input on the proposal pages (issue 22's review): a client that names a step the
wizard does not have, and the error page titles a screen reader reads first."""

import pytest
from django.urls import reverse

from events.models import Booking, Suggestion
from tests.board.proposal_helpers import held_with_proposal
from tests.events.test_booking_pages import walk_wizard
from tests.events.test_proposal_pages import STEPS, walk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("step", ["nonsense", "payment"])
def test_a_step_the_proposal_has_not_got_shows_the_page_it_is_on(client, cast, step):
    client.force_login(cast.member)
    response = walk(client, [STEPS[0], (step, {})])
    assert response.status_code == 200
    assert "Where is it?" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_step_a_free_booking_has_not_got_shows_the_page_it_is_on(client, cast, free_activity):
    """A free activity has no payment question: asking for it names no step."""
    client.force_login(cast.member)
    response = walk_wizard(client, free_activity, [("payment", {"payment": "cash"})])
    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_the_answer_page_title_says_error_once(client, cast):
    _, item, _ = held_with_proposal(cast)
    client.force_login(cast.admin)
    page = client.post(reverse("proposal-answer", args=[item.pk]), {}).content.decode()
    assert "<title>Error: The board's answer: A trip to the zoo" in page
