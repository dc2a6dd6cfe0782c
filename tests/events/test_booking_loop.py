"""The whole loop against localstripe: book, pay, come, get the fee back — and every
other way it can go."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from coop.errors import CoopError
from events import services
from events.errors import BookingError
from events.models import Activity, Booking
from finance.models import Payment, Refund
from members.outbox.models import Message
from tests.events.conftest import make_activity, make_members
from tests.finance.stripe_helpers import confirm_card_payment

pytestmark = pytest.mark.django_db(transaction=True)

B = Booking.Status
F = Booking.FeeStatus


def book_and_pay(activity, member, actor, payment_method="pm_card_visa"):
    booking = services.booking_create(activity=activity, member=member, actor=actor, payment="card")
    assert booking.status == B.AWAITING_PAYMENT and booking.payment_id
    confirm_card_payment(Payment.objects.get(pk=booking.payment_id), payment_method=payment_method)
    booking.refresh_from_db()
    return booking


def test_book_pay_come_and_the_fee_comes_back(cast, activity):
    booking = book_and_pay(activity, cast.member_row, cast.member)
    assert booking.status == B.CONFIRMED and booking.fee_status == F.HELD
    booking = services.attendance_mark(
        booking=booking, actor=cast.organiser, attended=True, early=True
    )
    booking.refresh_from_db()
    assert booking.status == B.ATTENDED
    assert booking.fee_status == F.REFUNDED and booking.refunded_pence == 500
    refund = Refund.objects.get(payment_id=booking.payment_id)
    assert refund.status == "succeeded" and refund.stripe_refund_id


def test_no_show_keeps_the_fee(cast, activity):
    booking = book_and_pay(activity, cast.member_row, cast.member)
    booking = services.attendance_mark(
        booking=booking, actor=cast.organiser, attended=False, early=True
    )
    assert booking.status == B.NO_SHOW and booking.fee_status == F.KEPT
    assert not Refund.objects.exists()


def test_unmarked_bookings_become_no_shows_after_the_activity(cast, activity):
    booking = book_and_pay(activity, cast.member_row, cast.member)
    later = activity.ends_at + dt.timedelta(days=2)
    assert services.no_show_sweep(now=later) == 1
    booking.refresh_from_db()
    assert booking.status == B.NO_SHOW and booking.fee_status == F.KEPT
    assert services.no_show_sweep(now=later) == 0


def test_cancel_before_the_deadline_refunds_in_full(cast, activity):
    booking = book_and_pay(activity, cast.member_row, cast.member)
    booking = services.booking_cancel(booking=booking, actor=cast.member)
    booking.refresh_from_db()
    assert booking.status == B.CANCELLED
    assert booking.fee_status == F.REFUNDED and booking.refunded_pence == 500


def test_cancel_after_the_deadline_keeps_the_fee_unless_an_organiser_gives_it_back(cast):
    activity = make_activity(
        cast.organiser, cast.member_row.branch, cancel_by=timezone.now() + dt.timedelta(minutes=1)
    )
    booking = book_and_pay(activity, cast.member_row, cast.member)
    Activity.objects.filter(pk=activity.pk).update(
        cancel_by=timezone.now() - dt.timedelta(minutes=1)
    )
    booking = services.booking_cancel(booking=booking, actor=cast.member)
    assert booking.fee_status == F.KEPT and not Refund.objects.exists()
    with pytest.raises(BookingError, match="say why"):
        services.booking_kept_fee_return(booking=booking, actor=cast.organiser, reason="")
    services.booking_kept_fee_return(booking=booking, actor=cast.organiser, reason="Was ill")
    services.booking_kept_fee_return(booking=booking, actor=cast.organiser, reason="Again")
    booking.refresh_from_db()
    assert booking.fee_status == F.REFUNDED and Refund.objects.count() == 1


def test_coop_cancels_the_activity_and_every_fee_comes_back(cast, activity):
    others = make_members(cast, 2)
    paid = [book_and_pay(activity, m, m.user) for m in [cast.member_row, *others]]
    mail.outbox.clear()
    services.activity_cancel(activity=activity, actor=cast.organiser, reason="Alley closed")
    for booking in paid:
        booking.refresh_from_db()
        assert booking.status == B.CANCELLED and booking.fee_status == F.REFUNDED
    assert Refund.objects.filter(status="succeeded").count() == 3
    # Each is told through the outbox (sent by the worker at commit: tasks run at once here).
    news = Message.objects.filter(kind="booking_activity_cancelled")
    assert sorted(news.values_list("member_id", flat=True)) == sorted(b.member_id for b in paid)
    assert set(news.values_list("status", flat=True)) == {Message.Status.SENT}
    assert len(mail.outbox) == 3 and "Alley closed" in mail.outbox[0].body
    services.activity_cancel(activity=activity, actor=cast.organiser, reason="Again")
    assert Refund.objects.count() == 3


def test_cancelling_needs_a_reason(cast, activity):
    with pytest.raises(CoopError, match="Please say why"):
        services.activity_cancel(activity=activity, actor=cast.organiser, reason=" ")


def test_declined_card_releases_the_place_with_a_clear_message(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="card"
    )
    payment = confirm_card_payment(
        Payment.objects.get(pk=booking.payment_id), payment_method="pm_card_chargeCustomerFail"
    )
    assert payment.status == "failed" and payment.error
    booking.refresh_from_db()
    assert booking.status == B.CANCELLED and booking.fee_status == F.NONE
    # May hears what happened, in her way: not "cancelled", as she did not cancel.
    (told,) = Message.objects.filter(member=cast.member_row, kind="booking_place_gone")
    assert "This is because the card payment did not go through." in told.body
    other = make_members(cast, 1)[0]
    again = services.booking_create(
        activity=activity, member=other, actor=other.user, payment="cash"
    )
    assert again.status == B.CONFIRMED  # the place is free again


def test_waiting_list_offer_accept_and_pay(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    first, second = make_members(cast, 2)
    taken = book_and_pay(activity, first, first.user)
    waiting = services.booking_create(
        activity=activity, member=second, actor=second.user, payment="card"
    )
    assert waiting.status == B.WAITING and waiting.payment_id is None
    services.booking_cancel(booking=taken, actor=first.user)
    waiting.refresh_from_db()
    assert waiting.status == B.OFFERED and waiting.offer_expires_at
    booking = services.offer_accept(booking=waiting, actor=second.user, payment="card")
    assert booking.status == B.AWAITING_PAYMENT
    confirm_card_payment(Payment.objects.get(pk=booking.payment_id))
    booking.refresh_from_db()
    assert booking.status == B.CONFIRMED and booking.fee_status == F.HELD


def test_an_offer_not_taken_up_passes_to_the_next_person(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1, fee_pence=0)
    first, second, third = make_members(cast, 3)
    taken = services.booking_create(activity=activity, member=first, actor=first.user)
    w2 = services.booking_create(activity=activity, member=second, actor=second.user)
    w3 = services.booking_create(activity=activity, member=third, actor=third.user)
    services.booking_cancel(booking=taken, actor=first.user)
    w2.refresh_from_db()
    assert w2.status == B.OFFERED
    services.tidy_activity(activity, now=w2.offer_expires_at + dt.timedelta(minutes=1))
    w2.refresh_from_db()
    w3.refresh_from_db()
    assert w2.status == B.CANCELLED and w3.status == B.OFFERED


def test_an_expired_card_hold_frees_the_place(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1)
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="card"
    )
    services.tidy_activity(activity, now=booking.hold_expires_at + dt.timedelta(minutes=1))
    booking.refresh_from_db()
    assert booking.status == B.CANCELLED
    assert Payment.objects.get(pk=booking.payment_id).status == "cancelled"


def test_cash_fee_recorded_then_handed_back_when_they_come(cast, activity):
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.organiser, payment="cash_received"
    )
    booking.refresh_from_db()
    assert booking.status == B.CONFIRMED and booking.fee_status == F.HELD
    assert booking.on_behalf
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    booking.refresh_from_db()
    assert booking.fee_status == F.REFUND_PENDING
    from finance.services import refund_cash_handed_back

    refund = Refund.objects.get(payment_id=booking.payment_id)
    assert refund.status == "to_hand_back"
    refund_cash_handed_back(refund=refund, actor=cast.organiser)
    booking.refresh_from_db()
    assert booking.fee_status == F.REFUNDED and booking.refunded_pence == 500


def test_member_promises_cash_and_an_organiser_takes_it_later(cast, activity):
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="cash"
    )
    assert booking.status == B.CONFIRMED and booking.fee_status == F.AWAITING
    booking = services.booking_record_cash(booking=booking, actor=cast.organiser)
    again = services.booking_record_cash(booking=booking, actor=cast.organiser)
    assert again.fee_status == F.HELD
    assert Payment.objects.filter(reference=f"booking:{booking.pk}").count() == 1


def test_fee_waived_with_a_reason_confirms_at_once(cast, activity):
    with pytest.raises(BookingError) as error:
        services.booking_create(
            activity=activity, member=cast.member_row, actor=cast.organiser, payment="waived"
        )
    assert error.value.code == "waiver_reason_needed"
    booking = services.booking_create(
        activity=activity,
        member=cast.member_row,
        actor=cast.organiser,
        payment="waived",
        waive_reason="Hardship",
    )
    assert booking.status == B.CONFIRMED and booking.fee_status == F.WAIVED
    assert not Payment.objects.exists()


def test_no_fee_confirms_at_once(cast, free_activity):
    booking = services.booking_create(
        activity=free_activity, member=cast.member_row, actor=cast.member
    )
    assert booking.status == B.CONFIRMED and booking.fee_status == F.NONE


def test_guests_pay_except_support_workers_and_take_places_when_set(cast):
    activity = make_activity(
        cast.organiser, cast.member_row.branch, places=3, guests_take_place=True
    )
    booking = services.booking_create(
        activity=activity,
        member=cast.member_row,
        actor=cast.member,
        payment="cash",
        guests=[{"kind": "carer"}, {"kind": "support_worker"}],
    )
    assert booking.fee_pence == 1000 and booking.places_used == 3
    other = make_members(cast, 1)[0]
    assert (
        services.booking_create(
            activity=activity, member=other, actor=other.user, payment="cash"
        ).status
        == B.WAITING
    )


def test_member_who_has_not_agreed_the_guidelines_is_asked_first(cast, activity):
    from members import services as member_services
    from members.demo import GUIDELINES_POINTS

    member_services.guidelines_publish(title="v2", points=GUIDELINES_POINTS, actor=cast.admin)
    with pytest.raises(BookingError) as error:
        services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    assert error.value.code == "guidelines_not_agreed"


def test_booking_twice_is_refused(cast, free_activity):
    services.booking_create(activity=free_activity, member=cast.member_row, actor=cast.member)
    with pytest.raises(BookingError) as error:
        services.booking_create(activity=free_activity, member=cast.member_row, actor=cast.member)
    assert error.value.code == "already_booked"


def test_booking_outside_the_window_is_refused(cast):
    activity = make_activity(
        cast.organiser,
        cast.member_row.branch,
        booking_opens_at=timezone.now() + dt.timedelta(days=1),
    )
    with pytest.raises(BookingError) as error:
        services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    assert error.value.code == "booking_not_open"


def test_a_mistaken_mark_is_undone_while_no_money_moved(cast, activity):
    booking = book_and_pay(activity, cast.member_row, cast.member)
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=False, early=True)
    booking = services.attendance_undo(booking=booking, actor=cast.organiser)
    assert booking.status == B.CONFIRMED and booking.fee_status == F.HELD
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    with pytest.raises(BookingError) as error:
        services.attendance_undo(booking=booking, actor=cast.organiser)
    assert error.value.code == "money_moved"


def test_a_kept_fee_moves_to_fees_kept_in_the_books_and_back_on_undo(cast, activity):
    from finance.selectors import account_balance

    booking = book_and_pay(activity, cast.member_row, cast.member)
    assert account_balance("fees_held") == 500 and account_balance("fees_kept") == 0
    booking = services.attendance_mark(
        booking=booking, actor=cast.organiser, attended=False, early=True
    )
    assert account_balance("fees_held") == 0 and account_balance("fees_kept") == 500
    services.attendance_undo(booking=booking, actor=cast.organiser)
    assert account_balance("fees_held") == 500 and account_balance("fees_kept") == 0
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    assert account_balance("fees_held") == 0 and account_balance("fees_kept") == 0
