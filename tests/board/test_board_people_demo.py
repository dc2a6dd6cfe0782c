"""The demo board as the co-operative runs it: both co-chairs (Olu and Patricia) have terms,
three partner organisations sit with the board, the co-chairs' helper has hours this month,
and the board's training is written down. Loading twice adds nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from board.meetings.permissions import can_manage_terms
from board.models import BoardMembership, BoardTraining, HelperHours, PartnerSeat
from board.terms.selectors import board_members_on, co_chairs_on
from members.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_board_has_two_co_chairs_partners_a_helper_and_training(client):
    call_command("load_demo")
    today = timezone.localdate()
    co_chairs = co_chairs_on(today)
    assert {m.user.username for m in co_chairs} == {"organiser", "organiser2"}
    patricia = User.objects.get(username="organiser2")
    assert can_manage_terms(patricia)
    assert PartnerSeat.objects.filter(ends_on=None).count() == 3
    assert HelperHours.objects.filter(worked_on__month=today.month).count() >= 1
    assert BoardTraining.objects.count() == 3
    counts = (
        BoardMembership.objects.count(),
        PartnerSeat.objects.count(),
        HelperHours.objects.count(),
        BoardTraining.objects.count(),
    )
    call_command("load_demo")
    assert counts == (
        BoardMembership.objects.count(),
        PartnerSeat.objects.count(),
        HelperHours.objects.count(),
        BoardTraining.objects.count(),
    )
    # Partners sit with the board but are not on it: the board of 7 the demo promises.
    assert len(board_members_on(today)) == 7
    client.force_login(User.objects.get(username="board"))
    page = client.get(reverse("board-terms")).content.decode()
    for words in ("Patricia Hale", "Riverside Council", "Jo Baker", "Chairing meetings"):
        assert words in page
