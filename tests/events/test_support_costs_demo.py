"""The demo shows support on the day and costs: the seaside trip with its support worker
booked, its minibus paid into the books and "That £5 pays your share of driver and fuel"; the games
afternoon short of its support worker, flagged and held back."""

import pytest
from django.core.management import call_command

from coop.errors import CoopError
from events import services
from events.cost_share import share_for
from events.models import Activity
from events.support_home import short_of_support
from finance.models import Transaction
from tests.ledger_check import ledger_problems

pytestmark = pytest.mark.django_db


def test_the_demo_shows_support_costs_and_a_trip_held_back():
    call_command("load_demo")
    call_command("load_demo")  # twice: nothing more
    seaside = Activity.objects.get(title="Seaside trip by minibus", branch__slug="riverside")
    assert services.support_short(seaside) == (1, 1)
    share = share_for(seaside)
    assert share.member_line == "That £5 pays your share of driver and fuel."
    assert (share.planned_pence, share.grants_pence, seaside.cost_pence) == (3000, 1000, 500)
    spent = Transaction.objects.get(key__startswith="activity-cost:")
    assert spent.branch == seaside.branch
    assert seaside.grants.get().income.transaction.branch == seaside.branch
    games = Activity.objects.get(title="Games afternoon")
    assert games.status == Activity.Status.DRAFT
    assert list(short_of_support()) == [games]
    with pytest.raises(CoopError, match="needs 1 support worker"):
        services.activity_publish(activity=games, actor=None)
    assert ledger_problems() == []
