"""Support on the day: how many support workers an activity needs, booking them, paying
them (spending against the branch), and publishing held back when support is missing."""

import datetime as dt

import pytest
from django.utils import timezone

from coop.errors import CoopError
from coop.models import AuditEntry
from events import services
from events.models import Activity, SupportBooking, SupportNeed
from finance.models import Transaction
from tests.events.conftest import make_activity
from tests.ledger_check import ledger_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(cast) -> Activity:
    return make_activity(cast.organiser, cast.member_row.branch, publish=False, title="Seaside")


def book(activity, actor, name="Sam Patel", role="support_worker", cost=9600):
    return services.support_booking_add(
        activity=activity, name=name, role=role, minutes=480, cost_pence=cost, actor=actor
    )


def test_publishing_without_the_support_needed_is_refused_in_plain_words(cast, draft):
    services.support_need_set(activity=draft, workers_needed=2, actor=cast.organiser)
    book(draft, cast.organiser)
    with pytest.raises(CoopError) as refused:
        services.activity_publish(activity=draft, actor=cast.organiser)
    assert refused.value.message == (
        "This activity needs 2 support workers. Only 1 is booked. "
        "Book them first, or tick that you publish without all the support booked."
    )
    draft.refresh_from_db()
    assert draft.status == Activity.Status.DRAFT


def test_none_booked_says_so(cast, draft):
    services.support_need_set(activity=draft, workers_needed=1, actor=cast.organiser)
    with pytest.raises(CoopError, match="None is booked yet."):
        services.activity_publish(activity=draft, actor=cast.organiser)


def test_with_the_support_booked_it_publishes(cast, draft):
    services.support_need_set(activity=draft, workers_needed=1, actor=cast.organiser)
    book(draft, cast.organiser, role="pa")
    published = services.activity_publish(activity=draft, actor=cast.organiser)
    assert published.status == Activity.Status.PUBLISHED


def test_a_cancelled_support_booking_does_not_count(cast, draft):
    services.support_need_set(activity=draft, workers_needed=1, actor=cast.organiser)
    services.support_booking_cancel(booking=book(draft, cast.organiser), actor=cast.organiser)
    assert services.support_short(draft) == (1, 0)
    with pytest.raises(CoopError):
        services.activity_publish(activity=draft, actor=cast.organiser)


def test_publishing_without_support_is_confirmed_recorded_and_audited(cast, draft):
    services.support_need_set(activity=draft, workers_needed=1, actor=cast.organiser)
    published = services.activity_publish(
        activity=draft, actor=cast.organiser, without_support=True
    )
    assert published.status == Activity.Status.PUBLISHED
    need = SupportNeed.objects.get(activity=draft)
    assert need.short_confirmed_by == cast.organiser and need.short_confirmed_at is not None
    entry = AuditEntry.objects.get(action="activity.published_without_support")
    assert entry.actor == cast.organiser and entry.data == {"needed": 1, "booked": 0}
    # Twice: nothing more is recorded.
    services.activity_publish(activity=draft, actor=cast.organiser, without_support=True)
    assert AuditEntry.objects.filter(action="activity.published_without_support").count() == 1


def test_an_activity_needing_no_support_publishes_as_before(cast, draft):
    assert services.activity_publish(activity=draft, actor=cast.organiser).status == "published"
    assert not AuditEntry.objects.filter(action="activity.published_without_support").exists()


@pytest.mark.parametrize("bad", [-1, 21, "2", True, None])
def test_a_bad_number_needed_is_refused(cast, draft, bad):
    with pytest.raises(CoopError):
        services.support_need_set(activity=draft, workers_needed=bad, actor=cast.organiser)
    assert not SupportNeed.objects.exists()


def test_setting_the_same_need_twice_audits_once(cast, draft):
    for _ in range(2):
        services.support_need_set(activity=draft, workers_needed=2, actor=cast.organiser)
    assert AuditEntry.objects.filter(action="support.need_set").count() == 1


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"name": " "}, "Please give the support worker's name."),
        ({"role": "friend"}, "support worker or a personal assistant"),
        ({"minutes": 0}, "more than 0 hours"),
        ({"minutes": 25 * 60}, "up to 24 hours"),
        ({"cost_pence": -5}, "Please give a cost"),
    ],
)
def test_bad_support_bookings_are_refused_and_change_nothing(cast, draft, fields, words):
    good = dict(name="Sam", role="support_worker", minutes=60, cost_pence=1200)
    with pytest.raises(CoopError, match=words):
        services.support_booking_add(activity=draft, actor=cast.organiser, **{**good, **fields})
    assert not SupportBooking.objects.exists()


def test_no_support_is_booked_for_a_cancelled_activity(cast, draft):
    services.activity_cancel(activity=draft, actor=cast.organiser, reason="Rain.")
    with pytest.raises(CoopError, match="cancelled"):
        book(draft, cast.organiser)


def test_paying_a_support_worker_posts_once_against_the_branch(cast, draft):
    booking = book(draft, cast.organiser)
    today = timezone.localdate()
    for _ in range(2):
        booking = services.support_booking_pay(
            booking=booking, paid_on=today, paid_with="bank", actor=cast.organiser
        )
    txn = Transaction.objects.get()
    assert txn.branch == draft.branch and txn.key == f"support-booking:{booking.pk}"
    lines = sorted((e.account.code, e.debit_pence, e.credit_pence) for e in txn.entries.all())
    assert lines == [("bank", 0, 9600), ("support_costs", 9600, 0)]
    assert ledger_problems() == []
    with pytest.raises(CoopError, match="paid already"):
        services.support_booking_cancel(booking=booking, actor=cast.organiser)


def test_a_cancelled_or_free_support_booking_cannot_be_paid(cast, draft):
    cancelled = services.support_booking_cancel(
        booking=book(draft, cast.organiser), actor=cast.organiser
    )
    free = book(draft, cast.organiser, name="Volunteer Jo", cost=0)
    today = timezone.localdate()
    for booking, words in ((cancelled, "cancelled"), (free, "costs nothing")):
        with pytest.raises(CoopError, match=words):
            services.support_booking_pay(
                booking=booking, paid_on=today, paid_with="cash", actor=cast.organiser
            )
    assert not Transaction.objects.exists()


def test_a_payment_day_out_of_sense_is_refused(cast, draft):
    booking = book(draft, cast.organiser)
    with pytest.raises(CoopError):
        services.support_booking_pay(
            booking=booking,
            paid_on=dt.date(1800, 1, 1),
            paid_with="bank",
            actor=cast.organiser,
        )
    booking.refresh_from_db()
    assert booking.expense_id is None and not Transaction.objects.exists()
