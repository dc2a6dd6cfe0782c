"""seed_scale (the benchmark's data) at its tiny test size: the counts add up, every booking
state appears with coherent money, and the sequences carry on after the explicit keys.
The command belongs to the bench app, which only bench.settings installs: it is called
here as a command object."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from bench.management.commands.seed_scale import Command as SeedScale
from board.models import (
    Ballot,
    BoardMembership,
    Election,
    Meeting,
    Paper,
    SittingFee,
    Voter,
)
from events.models import Activity, Booking
from finance.models import Entry, Payment, Refund
from members.models import Branch, Member, User

pytestmark = pytest.mark.django_db


def test_seed_scale_tiny():
    call_command(SeedScale(), size="T", verbosity=0)

    assert Branch.objects.count() == 3
    assert Member.objects.count() == 60
    assert User.objects.count() == 64  # one per member and four staff
    assert Activity.objects.count() == 8
    assert Booking.objects.count() == 8 * 50
    assert set(Booking.objects.values_list("status", flat=True)) == set(Booking.Status.values)
    # Places held never exceed the places an activity has.
    for activity in Activity.objects.annotate(
        held=Count(
            "bookings",
            filter=Q(bookings__status__in=Booking.HOLDING),
        )
    ):
        assert activity.held <= activity.places
    # Every booking's payment is the one its reference names, for its fee.
    for booking in Booking.objects.exclude(payment_id=None):
        payment = Payment.objects.get(pk=booking.payment_id)
        assert payment.reference == f"booking:{booking.pk}"
        assert payment.amount_pence == booking.fee_pence
    assert Refund.objects.exists()
    assert Election.objects.count() == 1
    assert Ballot.objects.count() == Voter.objects.count() > 0
    # The ledger: 300 entries, two to a transaction, each balanced.
    assert Entry.objects.count() == 300
    totals = Entry.objects.values("transaction").annotate(
        dr=Sum("debit_pence"), cr=Sum("credit_pence")
    )
    assert all(t["dr"] == t["cr"] for t in totals)
    # Board meetings: a board of 7, one meeting to come with coop's own papers, one held.
    assert BoardMembership.objects.count() == 7
    assert list(Meeting.objects.order_by("starts_at").values_list("status", flat=True)) == [
        "held",
        "planned",
    ]
    upcoming = Meeting.objects.get(status="planned")
    assert {p.source for p in Paper.objects.filter(item__meeting=upcoming)} == {
        "written",
        "minutes",
        "actions",
        "activities",
        "money",
    }
    assert SittingFee.objects.filter(meeting__status="held").exists()
    # New rows after the explicit keys do not collide.
    Branch.objects.create(name="After", slug="after")
    User.objects.create(username="after")
