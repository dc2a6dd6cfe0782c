"""A property-based test of bookings and their fees, against PostgreSQL and localstripe.

Hypothesis plays random sequences — book (card, cash, cash taken), pay by card (through
the page or the webhook, declined too), webhooks repeated and out of order, refunds made
in Stripe's dashboard (part or all), cash taken and handed back, cancel in time and late,
"Here", "Not here", undo, waive, give a kept fee back, waiting-list offers taken up and
run out — and after every step checks:

- the ledger balances (tests/ledger_check.py);
- the ledger's fees held equal the fees the bookings say are held, and its fees kept the
  fees the bookings say are kept (for the run's own activity: runs share the database);
- no booking has more given back than it paid, and each counts what its refunds returned;
- no activity is over its places;
- each booking is in a state its tables know, and the pair makes sense.

The default run is short (20 runs of up to 25 steps). For a deliberate long run:
FEE_MACHINE_PROFILE=long (200 runs of up to 50 steps)."""

import datetime as dt
import os

import pytest
from django.db.models import Count, Q, Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from coop.errors import CoopError
from events import services
from events.models import Activity, Booking
from events.services.booking_states import BOOKING_MOVES, FEE_MOVES, fee_held_pence
from finance import stripe_client
from finance.models import Entry, Payment, Refund
from finance.services import refund_cash_handed_back
from tests.events.conftest import make_activity, make_members
from tests.finance.helpers import localstripe_event, make_event, pay_at_stripe_only, post_event
from tests.ledger_check import ledger_problems

pytestmark = pytest.mark.django_db(transaction=True)

B = Booking.Status
F = Booking.FeeStatus
COMMON = dict(deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)
settings.register_profile("short", max_examples=20, stateful_step_count=25, **COMMON)
settings.register_profile("long", max_examples=200, stateful_step_count=50, **COMMON)
PROFILE = settings.get_profile(os.environ.get("FEE_MACHINE_PROFILE", "short"))
FAR = dt.timedelta(days=60)
PLACES = 2


def ledger_pence(payment_ids: list[int], account: str) -> int:
    """What the ledger holds in `account` (a liability or income) for these payments."""
    moved = Entry.objects.filter(
        transaction__payment_id__in=payment_ids, account__code=account
    ).aggregate(debit=Sum("debit_pence"), credit=Sum("credit_pence"))
    return (moved["credit"] or 0) - (moved["debit"] or 0)


def check_books(activity: Activity) -> None:
    """The checks after each step, for this run's activity (runs share the database)."""
    problems = ledger_problems()
    assert problems == [], problems
    bookings = list(activity.bookings.all())
    paid = [b.payment_id for b in bookings if b.payment_id]
    held = sum(fee_held_pence(b) for b in bookings)
    assert ledger_pence(paid, "fees_held") == held, "fees held: ledger and bookings differ"
    kept = sum(b.fee_pence - b.refunded_pence for b in bookings if b.fee_status == F.KEPT)
    assert ledger_pence(paid, "fees_kept") == kept, "fees kept: ledger and bookings differ"
    for b in bookings:
        assert b.status in BOOKING_MOVES and b.fee_status in FEE_MOVES
        assert 0 <= b.refunded_pence <= b.fee_pence, f"booking {b.pk} given back too much"
        if b.payment_id:
            back = Refund.objects.filter(
                payment_id=b.payment_id, status=Refund.Status.SUCCEEDED
            ).aggregate(t=Sum("amount_pence"))["t"]
            assert b.refunded_pence == (back or 0), f"booking {b.pk} miscounts its refunds"
        if b.status in (B.WAITING, B.OFFERED):
            assert b.fee_status in (F.NONE, F.AWAITING, F.WAIVED)
        if b.fee_status == F.REFUNDED:
            assert b.refunded_pence == b.fee_pence
        if b.fee_status == F.PART_REFUNDED:
            assert 0 < b.refunded_pence < b.fee_pence
        if b.fee_status == F.REFUND_PENDING:  # on its way: a refund is open for the rest
            assert Refund.objects.filter(
                payment_id=b.payment_id,
                status__in=[Refund.Status.PENDING, Refund.Status.TO_HAND_BACK],
                amount_pence=b.fee_pence - b.refunded_pence,
            ).exists(), f"booking {b.pk}: fee coming back, but no refund is on its way"
    taken = activity.bookings.filter(status__in=Booking.HOLDING).aggregate(t=Sum("places_used"))
    assert (taken["t"] or 0) <= activity.places, "over its places"


def left_to_refund(payment: Payment) -> int:
    counted = payment.refunds.filter(status__in=Refund.COUNTED).aggregate(t=Sum("amount_pence"))
    return payment.amount_pence - (counted["t"] or 0)


def run_machine(cast, client, members, profile=PROFILE) -> dict[str, int]:
    """Play the machine; returns how many runs and checked steps it played."""
    played = {"runs": 0, "steps": 0}

    class FeeMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            played["runs"] += 1
            self.activity = make_activity(
                cast.organiser, cast.member_row.branch, places=PLACES, fee_pence=500
            )
            self.seen: list[dict] = []  # webhook events, to send again later

        def bookings(self, *states: str, fees: tuple[str, ...] = ()) -> list[Booking]:
            found = self.activity.bookings.order_by("pk")
            if states:
                found = found.filter(status__in=states)
            if fees:
                found = found.filter(fee_status__in=fees)
            return list(found)

        def pick(self, i: int, *states: str, fees: tuple[str, ...] = ()) -> Booking | None:
            found = self.bookings(*states, fees=fees)
            return found[i % len(found)] if found else None

        def has(self, *states: str, fees: tuple[str, ...] = ()) -> bool:
            return bool(self.bookings(*states, fees=fees))

        def card_paid(self) -> list[Payment]:
            """Card payments for this activity with something left to pay back."""
            refs = [f"booking:{pk}" for pk in self.activity.bookings.values_list("pk", flat=True)]
            paid = Payment.objects.filter(reference__in=refs, status="succeeded", method="card")
            return [p for p in paid.order_by("pk") if left_to_refund(p) > 0]

        def deliver(self, event: dict) -> None:
            self.seen.append(event)
            assert post_event(client, event).status_code == 200

        @rule(
            who=st.integers(0, len(members) - 1),
            how=st.sampled_from(["card", "cash", "cash_received"]),
        )
        def book(self, who: int, how: str) -> None:
            member = members[who]
            actor = cast.organiser if how == "cash_received" else member.user
            try:
                services.booking_create(
                    activity=self.activity, member=member, actor=actor, payment=how
                )
            except CoopError:
                pass

        @rule(who=st.integers(0, len(members) - 1), by_webhook=st.booleans())
        def book_and_pay_by_card(self, who: int, by_webhook: bool) -> None:
            """The most common path, so runs often reach money coming back."""
            try:
                booking = services.booking_create(
                    activity=self.activity,
                    member=members[who],
                    actor=members[who].user,
                    payment="card",
                )
            except CoopError:
                return
            self.pay(booking, declined=False, by_webhook=by_webhook)

        @precondition(lambda self: self.has(B.AWAITING_PAYMENT))
        @rule(i=st.integers(0, 9), declined=st.booleans(), by_webhook=st.booleans())
        def pay_by_card(self, i: int, declined: bool, by_webhook: bool) -> None:
            self.pay(self.pick(i, B.AWAITING_PAYMENT), declined=declined, by_webhook=by_webhook)

        def pay(self, booking: Booking | None, *, declined: bool, by_webhook: bool) -> None:
            if booking is None or not booking.payment_id:
                return
            payment = Payment.objects.get(pk=booking.payment_id)
            if payment.status != Payment.Status.PENDING:
                return
            pay_at_stripe_only(
                payment, "pm_card_chargeCustomerFail" if declined else "pm_card_visa"
            )
            if by_webhook:
                kind = "payment_failed" if declined else "succeeded"
                intent = payment.stripe_payment_intent_id
                self.deliver(localstripe_event(f"payment_intent.{kind}", intent))
            else:
                from finance.services import payment_sync

                payment_sync(payment=payment)

        @precondition(lambda self: bool(self.seen))
        @rule(i=st.integers(0, 999))
        def webhook_again(self, i: int) -> None:
            if self.seen:
                assert post_event(client, self.seen[i % len(self.seen)]).status_code == 200

        @precondition(lambda self: bool(self.card_paid()))
        @rule(i=st.integers(0, 9), part=st.integers(1, 100))
        def refund_in_stripe(self, i: int, part: int) -> None:
            paid = self.card_paid()
            payment = paid[i % len(paid)]
            left = left_to_refund(payment)
            amount = max(1, left * part // 100)
            made = stripe_client.client().v1.refunds.create(
                params={"payment_intent": payment.stripe_payment_intent_id, "amount": amount}
            )
            data = stripe_client.client().v1.refunds.retrieve(made.id).to_dict(for_json=True)
            self.deliver(make_event("refund.created", data, f"evt_{made.id}"))

        @precondition(lambda self: self.has(B.CONFIRMED, fees=(F.AWAITING,)))
        @rule(i=st.integers(0, 9))
        def take_cash(self, i: int) -> None:
            booking = self.pick(i, B.CONFIRMED, fees=(F.AWAITING,))
            if booking is not None:
                try:
                    services.booking_record_cash(booking=booking, actor=cast.organiser)
                except CoopError:
                    pass

        @precondition(
            lambda self: Refund.objects.filter(
                status=Refund.Status.TO_HAND_BACK,
                payment__reference__in=[f"booking:{b.pk}" for b in self.bookings()],
            ).exists()
        )
        @rule(i=st.integers(0, 9))
        def hand_cash_back(self, i: int) -> None:
            waiting = list(
                Refund.objects.filter(
                    status=Refund.Status.TO_HAND_BACK,
                    payment__reference__in=[f"booking:{b.pk}" for b in self.bookings()],
                ).order_by("pk")
            )
            if waiting:
                refund_cash_handed_back(refund=waiting[i % len(waiting)], actor=cast.organiser)

        @precondition(lambda self: self.has(*Booking.LIVE))
        @rule(i=st.integers(0, 9))
        def cancel(self, i: int) -> None:
            booking = self.pick(i)
            if booking is not None:
                try:
                    services.booking_cancel(booking=booking, actor=booking.member.user)
                except CoopError:
                    pass

        @precondition(
            lambda self: (
                self.has()
                and Activity.objects.filter(
                    pk=self.activity.pk, cancel_by__gt=timezone.now()
                ).exists()
            )
        )
        @rule()
        def cancel_by_passes(self) -> None:
            Activity.objects.filter(pk=self.activity.pk).update(
                cancel_by=timezone.now() - dt.timedelta(minutes=1)
            )

        @precondition(lambda self: self.has(B.CONFIRMED, B.ATTENDED, B.NO_SHOW))
        @rule(i=st.integers(0, 9), came=st.booleans())
        def mark(self, i: int, came: bool) -> None:
            booking = self.pick(i, B.CONFIRMED, B.ATTENDED, B.NO_SHOW)
            if booking is not None:
                try:
                    services.attendance_mark(
                        booking=booking, actor=cast.organiser, attended=came, early=True
                    )
                except CoopError:
                    pass

        @precondition(lambda self: self.has(B.ATTENDED, B.NO_SHOW))
        @rule(i=st.integers(0, 9))
        def undo_mark(self, i: int) -> None:
            booking = self.pick(i, B.ATTENDED, B.NO_SHOW)
            if booking is not None:
                try:
                    services.attendance_undo(booking=booking, actor=cast.organiser)
                except CoopError:
                    pass

        @precondition(lambda self: self.has(fees=(F.AWAITING,)))
        @rule(i=st.integers(0, 9))
        def waive(self, i: int) -> None:
            booking = self.pick(i, fees=(F.AWAITING,))
            if booking is not None:
                try:
                    services.booking_fee_waive(booking=booking, actor=cast.board, reason="Hardship")
                except CoopError:
                    pass

        @precondition(lambda self: self.has(fees=(F.KEPT,)))
        @rule(i=st.integers(0, 9))
        def give_kept_fee_back(self, i: int) -> None:
            booking = self.pick(i, fees=(F.KEPT,))
            if booking is not None:
                services.booking_kept_fee_return(
                    booking=booking, actor=cast.organiser, reason="Was ill"
                )

        @precondition(lambda self: self.has(B.OFFERED))
        @rule(i=st.integers(0, 9), how=st.sampled_from(["card", "cash"]))
        def take_offer(self, i: int, how: str) -> None:
            booking = self.pick(i, B.OFFERED)
            if booking is not None:
                try:
                    services.offer_accept(booking=booking, actor=booking.member.user, payment=how)
                except CoopError:
                    pass

        @precondition(lambda self: self.has(B.OFFERED, B.AWAITING_PAYMENT))
        @rule(i=st.integers(0, 9))
        def time_runs_out(self, i: int) -> None:
            booking = self.pick(i, B.OFFERED, B.AWAITING_PAYMENT)
            if booking is not None:
                services.booking_expire(booking_id=booking.pk, now=timezone.now() + FAR)

        @invariant()
        def books_agree(self) -> None:
            played["steps"] += 1
            check_books(self.activity)

    run_state_machine_as_test(FeeMachine, settings=profile)
    return played


def test_random_bookings_payments_and_refunds_keep_the_books_right(cast, client):
    members = [cast.member_row, *make_members(cast, 3)]
    played = run_machine(cast, client, members)
    print(f"fee machine: {played['runs']} runs, {played['steps']} checked steps")
    print(  # what the runs reached, for the record
        "external",
        Refund.objects.filter(external=True).count(),
        "card paid",
        Payment.objects.filter(status="succeeded", method="card").count(),
        "refunds",
        Refund.objects.count(),
        "bookings",
        Booking.objects.count(),
        dict(Booking.objects.values_list("fee_status").annotate(n=Count("id"))),
    )
    assert played["runs"] >= 10
    # Something happened: the runs reached money moving both ways.
    assert Refund.objects.exists() and Payment.objects.filter(status="succeeded").exists()
    assert Booking.objects.filter(~Q(fee_status__in=[F.NONE, F.AWAITING])).exists()
