"""Each fee wording, from events.fee_words: before the cancel-by time and after it, paid,
cash (whom to pay and when), given back, part given back, kept, waived, and a cancelled
booking with nothing paid (no fee lines at all)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from events.fee_words import (
    activity_fee_lines,
    activity_money_lines,
    booking_fee_lines,
    booking_state_line,
    mark_news,
)
from events.models import Activity, Booking
from members.models import Member

B = Booking.Status
F = Booking.FeeStatus
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 10, 0))


def activity() -> Activity:
    starts = NOW + dt.timedelta(days=4, hours=8)  # Saturday 5 December at 6pm
    return Activity(
        title="Curry night",
        meeting_point="The Taj, Mill Road",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        cost_pence=1000,
        fee_pence=200,
        cancel_by=starts - dt.timedelta(days=2),  # Thursday 3 December at 6pm
    )


def booking(status=B.CONFIRMED, fee=F.HELD, method="card", refunded=0) -> Booking:
    return Booking(
        activity=activity(),
        member=Member(first_name="May", last_name="Okafor"),
        status=status,
        fee_status=fee,
        payment_method=method,
        fee_pence=200,
        refunded_pence=refunded,
    )


LATER = NOW + dt.timedelta(days=3)  # after the cancel-by time


def test_the_activity_before_the_cancel_by_time():
    assert activity_fee_lines(activity(), now=NOW) == [
        "It costs £10 on the day.",
        "You pay £2 to book. You get it back when you come.",
        "If you cannot come, cancel by Thursday 3 December at 6pm. Then you get it back.",
    ]


def test_an_activitys_money_in_short_lines_is_the_activity_pages_first_lines():
    paid = activity()
    assert activity_money_lines(paid) == activity_fee_lines(paid, now=NOW)[:2]
    assert activity_money_lines(paid) == [
        "It costs £10 on the day.",
        "You pay £2 to book. You get it back when you come.",
    ]
    free = activity()
    free.cost_pence = free.fee_pence = 0
    assert activity_money_lines(free) == ["It is free on the day."]
    assert activity_money_lines(free) == activity_fee_lines(free, now=NOW)


def test_the_activity_after_the_cancel_by_time_does_not_promise_the_fee_back_on_cancelling():
    lines = activity_fee_lines(activity(), now=LATER)
    assert lines[-1] == "It is too late to cancel and get the booking fee back now."
    assert not any("cancel by" in line for line in lines)


def test_the_check_page_with_cash_says_whom_to_pay_and_when():
    lines = activity_fee_lines(activity(), fee_pence=400, payment="cash", now=NOW)
    assert "You pay £4 to book. You get it back when you come." in lines
    assert "Please pay the booking fee of £4 in cash." in lines
    assert "Give it to the organiser at The Taj, Mill Road on Saturday 5 December." in lines
    assert "Please give it before it starts at 6pm." in lines


def test_paid_before_and_after_the_cancel_by_time():
    assert booking_fee_lines(booking(), now=NOW) == [
        "You paid the booking fee of £2 by card. You get it back when you come.",
        "If you cannot come, cancel by Thursday 3 December at 6pm. Then you get it back.",
    ]
    assert booking_fee_lines(booking(method="cash"), now=LATER) == [
        "You paid the booking fee of £2 in cash. You get it back when you come.",
        "It is too late to cancel and get the booking fee back now.",
    ]


@pytest.mark.parametrize("now", [NOW, LATER])
def test_the_activity_page_and_the_booking_page_say_the_cancel_by_time_the_same_way(now):
    said = activity_fee_lines(activity(), now=now)[-1]
    assert booking_fee_lines(booking(), now=now)[-1] == said
    assert booking_fee_lines(booking(fee=F.PART_REFUNDED, refunded=50), now=now)[-1] == said


def test_cash_to_pay():
    assert booking_fee_lines(booking(fee=F.AWAITING, method="cash"), now=NOW) == [
        "Please pay the booking fee of £2 in cash.",
        "Give it to the organiser at The Taj, Mill Road on Saturday 5 December.",
        "Please give it before it starts at 6pm.",
        "You get it back when you come.",
    ]


def test_given_back_part_given_back_kept_and_waived():
    assert booking_fee_lines(booking(fee=F.REFUND_PENDING)) == [
        "Your booking fee of £2 is coming back to you.",
        "It goes back to your bank card. This can take up to 10 days.",
    ]
    assert booking_fee_lines(booking(fee=F.REFUNDED, refunded=200)) == [
        "We gave your booking fee of £2 back to you."
    ]
    assert booking_fee_lines(booking(fee=F.PART_REFUNDED, refunded=50), now=NOW)[:2] == [
        "You paid the booking fee of £2. We gave £0.50 of it back to you.",
        "You get the other £1.50 back when you come.",
    ]
    assert booking_fee_lines(booking(status=B.NO_SHOW, fee=F.KEPT))[0] == (
        "We kept your booking fee of £2, because you did not come."
    )
    assert booking_fee_lines(booking(status=B.CANCELLED, fee=F.KEPT))[0] == (
        "We kept your booking fee of £2, because you cancelled late."
    )
    assert booking_fee_lines(booking(fee=F.WAIVED, method="waived")) == [
        "You do not need to pay a booking fee for this activity."
    ]


@pytest.mark.parametrize("fee", [F.NONE, F.AWAITING, F.WAIVED])
def test_a_cancelled_booking_with_nothing_paid_has_no_fee_lines(fee):
    assert booking_fee_lines(booking(status=B.CANCELLED, fee=fee, method="cash")) == []


def test_no_fee_line_shows_a_code():
    codes = {*F.values, *Booking.PaymentMethod.values} - {"none"}
    for fee in F.values:
        for status in B.values:
            for line in booking_fee_lines(booking(status=status, fee=fee, method="cash"), now=NOW):
                assert not set(line.lower().replace(".", " ").replace(",", " ").split()) & (
                    codes - {"cash", "card", "kept", "held", "waived", "refunded"}
                ), line


def test_each_press_says_what_happened_to_the_fee():
    here = booking(status=B.ATTENDED, fee=F.REFUND_PENDING, method="cash")
    assert mark_news(here) == (
        "May Okafor is marked here. Their fee of £2 goes back in cash: please give it to them."
    )
    gone = booking(status=B.NO_SHOW, fee=F.KEPT)
    assert mark_news(gone) == "May Okafor is marked not here. We keep their fee of £2."
    unpaid = booking(status=B.ATTENDED, fee=F.WAIVED)
    unpaid.fee_set_by_attendance = True
    assert mark_news(unpaid) == (
        "May Okafor is marked here. They had not paid the fee. They do not need to pay it now."
    )


def test_a_held_place_says_until_when_and_is_not_called_booked():
    held = booking(status=B.AWAITING_PAYMENT, fee=F.AWAITING)
    held.hold_expires_at = NOW + dt.timedelta(minutes=30)
    assert booking_state_line(held, now=NOW) == (
        "Your place is kept until Tuesday 1 December at 10:30am. "
        "Pay the booking fee by card to finish booking."
    )
    assert booking_state_line(held, who="May", now=NOW).startswith("May's place is kept until")
    held.hold_expires_at = None
    assert booking_state_line(held).startswith("Your place is kept for a short time.")
    assert booking_state_line(booking()) == "Booked."
    assert booking_state_line(booking(status=B.ATTENDED)) == "Came."
    assert "payment" not in " ".join(B.labels + F.labels).lower()


def test_for_someone_answering_for_may_each_line_names_her_and_never_says_you():
    assert activity_fee_lines(activity(), now=NOW, who="May")[1:] == [
        "May pays £2 to book. May gets it back when May comes.",
        "If May cannot come, cancel by Thursday 3 December at 6pm. Then May gets it back.",
    ]
    assert booking_fee_lines(booking(fee=F.PART_REFUNDED, refunded=50), now=NOW, who="May")[:2] == [
        "The booking fee of £2 is paid. We gave £0.50 of it back to May.",
        "May gets the other £1.50 back when May comes.",
    ]
    assert booking_fee_lines(booking(status=B.NO_SHOW, fee=F.KEPT), who="May") == [
        "We kept May's booking fee of £2, because May did not come.",
        "Was May ill, or was there an emergency? Please tell us. We may give it back.",
    ]
    you = re.compile(r"\b(you|your)\b", re.IGNORECASE)
    for fee in F.values:
        for status in B.values:
            for method in ("cash", "card"):
                made = booking(status=status, fee=fee, method=method, refunded=50)
                mine = booking_fee_lines(made, now=NOW)
                theirs = booking_fee_lines(made, now=NOW, who="May")
                assert len(mine) == len(theirs)
                assert [line for line in theirs if you.search(line)] == [], (status, fee)
    for payment in ("", "cash", "waived"):
        lines = activity_fee_lines(activity(), fee_pence=400, payment=payment, now=NOW, who="May")
        assert [line for line in lines if you.search(line)] == [], payment


def test_a_hold_that_ran_out_does_not_say_the_place_is_kept():
    """The timer lets the place go a little after the hold ends: until then the member
    read "Your place is kept until" a time already gone."""
    held = booking(status=B.AWAITING_PAYMENT, fee=F.AWAITING)
    held.hold_expires_at = NOW - dt.timedelta(minutes=1)
    said = booking_state_line(held, now=NOW)
    assert said == "The time to pay ran out. Your place is not kept now."
    assert booking_state_line(held, who="May", now=NOW) == (
        "The time to pay ran out. May's place is not kept now."
    )
    assert booking_fee_lines(held, now=NOW) == []
