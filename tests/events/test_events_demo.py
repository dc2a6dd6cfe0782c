"""The demo activities: safe to load twice, the same every time, every state a booking
can be in without Stripe, and whole even when loaded inside a transaction."""

import pytest
from django.utils import timezone

from coop.models import AuditEntry
from events.demo.activities import load_activities
from events.models import Activity, Booking
from finance.models import Payment, Refund
from members.demo import load_people

B = Booking.Status
F = Booking.FeeStatus
# A card hold needs Stripe, which the demo runs without.
DEMO_STATUSES = set(B.values) - {B.AWAITING_PAYMENT}
MAYS_BOOKINGS = {
    ("Walk in the park", "confirmed", "none"),
    ("Bowling", "confirmed", "held"),
    ("Seaside trip by minibus", "offered", "awaiting"),
    ("Meal out: pizza", "confirmed", "awaiting"),
    ("Meal out: fish and chips", "attended", "refunded"),
    ("Picnic in the park", "attended", "none"),
}


def counts() -> tuple[int, ...]:
    return (
        Activity.objects.count(),
        Booking.objects.count(),
        Payment.objects.count(),
        Refund.objects.count(),
        AuditEntry.objects.count(),
    )


def check_the_demo() -> None:
    bookings = Booking.objects.select_related("activity", "member__user")
    assert {b.status for b in bookings} == DEMO_STATUSES
    assert {b.fee_status for b in bookings} == set(F.values)
    mays = {
        (b.activity.title, b.status, b.fee_status)
        for b in bookings
        if b.member.user.username == "member"
    }
    assert mays == MAYS_BOOKINGS
    assert Activity.objects.values("branch").distinct().count() == 2
    assert Activity.objects.filter(status=Activity.Status.DRAFT).count() == 1
    now = timezone.now()
    past = Activity.objects.filter(ends_at__lt=now)
    assert past.count() == 9
    # Everyone at a past activity has been marked; the rest have not.
    assert not Booking.objects.filter(activity__in=past, status=B.CONFIRMED).exists()
    assert (
        not Booking.objects.filter(activity__starts_at__gt=now)
        .filter(status__in=[B.ATTENDED, B.NO_SHOW])
        .exists()
    )
    # Money: cash only, and every refund matches what the booking says.
    assert set(Payment.objects.values_list("method", flat=True)) == {"cash"}
    for booking in bookings.filter(fee_status=F.REFUNDED):
        refund = Refund.objects.get(payment_id=booking.payment_id)
        assert refund.status == "succeeded" and refund.amount_pence == booking.fee_pence
        assert booking.refunded_pence == booking.fee_pence
    for booking in bookings.filter(fee_status=F.REFUND_PENDING):
        assert Refund.objects.get(payment_id=booking.payment_id).status == "to_hand_back"
    for booking in bookings.filter(fee_status__in=[F.HELD, F.KEPT]):
        assert Payment.objects.get(pk=booking.payment_id).status == "succeeded"
        assert not Refund.objects.filter(payment_id=booking.payment_id).exists()
    # Made through the services: each booking was audited as it was made.
    assert AuditEntry.objects.filter(action="booking.created").count() == bookings.count()


@pytest.mark.django_db(transaction=True)
def test_demo_loads_twice_without_duplicates_and_covers_every_state():
    load_people()
    first = load_activities()
    before = counts()
    second = load_activities()
    assert counts() == before
    assert first == second == {"activities": 16, "bookings": Booking.objects.count()}
    check_the_demo()


@pytest.mark.django_db
def test_demo_is_whole_when_loaded_inside_a_transaction():
    # pytest's test transaction holds back after-commit work, as any caller's would.
    load_people()
    load_activities()
    check_the_demo()


@pytest.mark.django_db
def test_demo_needs_the_demo_people_first():
    with pytest.raises(RuntimeError, match="load_people"):
        load_activities()
    assert not Activity.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_bowling_fee_part_given_back_comes_back_in_full_when_they_come():
    """Half of one Bowling fee was handed back through coop; "Here" gives back the rest
    as its own refund (cash to hand back), and then the whole fee has come back."""
    from events import services
    from finance.services import refund_cash_handed_back

    load_people()
    load_activities()
    booking = Booking.objects.get(activity__title="Bowling", fee_status=F.PART_REFUNDED)
    half = booking.fee_pence // 2
    assert booking.refunded_pence == half
    organiser = booking.activity.created_by
    services.attendance_mark(booking=booking, actor=organiser, attended=True, early=True)
    booking.refresh_from_db()
    assert booking.fee_status == F.REFUND_PENDING
    rest = Refund.objects.get(payment_id=booking.payment_id, status="to_hand_back")
    assert rest.amount_pence == booking.fee_pence - half
    refund_cash_handed_back(refund=rest, actor=organiser)
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.REFUNDED, booking.fee_pence)
