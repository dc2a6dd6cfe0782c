"""Fee news and waiting-list offers, each by the member's own way (email, text, letter, a
call from an organiser, or no way at all), with a supporter's copy; nothing told twice;
an offer by letter or phone lasts long enough to reach them."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from coop.audit import audit_trail
from coop.dates import add_working_hours, easy_date, easy_time, working_start
from events import services
from events.models import Booking
from events.services.expiry import booking_expire
from events.services.fees import booking_kept_fee_return
from events.services.waiting import offer_expiry, offer_next
from members.models import Member
from members.outbox.models import Message
from tests.events.after_helpers import book
from tests.events.conftest import make_activity, make_members
from tests.outbox_helpers import WAY_DETAILS, WAYS, add_supporter, check_told, messages

pytestmark = pytest.mark.django_db

B = Booking.Status
F = Booking.FeeStatus
S = Message.Status


def member_with_way(cast, way: str) -> Member:
    """An active member who hears by `way`, with a supporter who asked for copies."""
    (member,) = make_members(cast, 1)
    Member.objects.filter(pk=member.pk).update(**WAY_DETAILS[way])
    member.refresh_from_db()
    add_supporter(member, f"helper-{member.pk}", f"hana{member.pk}@example.org")
    return member


def did_not_come(cast, activity, way: str, *, fee: int) -> tuple[Member, Booking]:
    """A member who hears by `way`, booked with a `fee` held, marked as not coming."""
    member = member_with_way(cast, way)
    booking = book(activity, member, B.CONFIRMED, F.HELD, fee=fee)
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=False, early=True)
    return member, booking


@pytest.fixture
def activity(cast):
    return make_activity(cast.organiser, cast.member_row.branch, days=10)


# -- the fee ---------------------------------------------------------------------------------
@pytest.mark.parametrize("way", WAYS)
def test_fee_given_back_when_they_came(cast, activity, way):
    member = member_with_way(cast, way)
    booking = book(activity, member, B.CONFIRMED, F.HELD, fee=500)
    Booking.objects.filter(pk=booking.pk).update(payment_method="card")
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    mine = check_told(
        member,
        "fee_returned",
        way,
        "Thank you for coming to Bowling.",
        "Your booking fee of £5 is coming back to you.",
        "It goes back to your bank card.",
    )
    assert mine.subject == "Your booking fee is coming back: Bowling"
    assert not messages(member, "fee_kept")


@pytest.mark.parametrize("way", WAYS)
def test_fee_kept_when_they_did_not_come(cast, activity, way):
    member, _ = did_not_come(cast, activity, way, fee=750)
    when = activity.starts_at
    mine = check_told(
        member,
        "fee_kept",
        way,
        f"Bowling was on {easy_date(when)} at {easy_time(when)}.",
        "We kept your booking fee of £7.50, because you did not come.",
        "Were you ill, or was there an emergency? Please tell us. We may give it back.",
    )
    assert mine.subject == "We keep your booking fee: Bowling"
    assert not messages(member, "fee_returned")


@pytest.mark.parametrize("way", WAYS)
def test_kept_fee_given_back_by_an_organiser(cast, activity, way):
    member, booking = did_not_come(cast, activity, way, fee=500)
    booking_kept_fee_return(booking=booking, actor=cast.organiser, reason="In hospital")
    check_told(
        member,
        "fee_returned",
        way,
        "We have decided to give back your booking fee for Bowling.",
        "We will give it back to you in cash.",
    )
    assert len(messages(member, "fee_kept")) == 2  # told first that it was kept
    # Asked again: refunded once, told once.
    booking_kept_fee_return(booking=booking, actor=cast.organiser, reason="In hospital")
    assert len(messages(member, "fee_returned")) == 2


@pytest.mark.parametrize(
    ("came", "kind", "said"),
    [
        (True, "fee_returned", ["Your booking fee of £4 is coming back to you."]),
        (
            False,
            "fee_kept",
            [
                "We kept your booking fee of £4, because you did not come.",
                "We gave £1 of it back to you.",
            ],
        ),
    ],
)
def test_after_a_part_refund_the_fee_news_says_what_is_still_held(cast, activity, came, kind, said):
    """£1 of £5 was given back in Stripe's dashboard: coming back or kept is £4, not £5."""
    member = member_with_way(cast, "email")
    booking = book(activity, member, B.CONFIRMED, F.PART_REFUNDED, fee=500, refunded=100)
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=came, early=True)
    mine = check_told(member, kind, "email", *said)
    assert "£5" not in mine.body


def test_a_payment_after_the_booking_ended_comes_back(cast, activity):
    from finance.services import payment_record_cash

    member = member_with_way(cast, "letter")
    booking = book(activity, member, B.CANCELLED, F.NONE, fee=500)
    payment_record_cash(
        member=member,
        amount_pence=500,
        reference=f"booking:{booking.pk}",
        description="Booking fee: Bowling",
        actor=cast.organiser,
    )
    booking.refresh_from_db()
    assert booking.fee_status == F.REFUND_PENDING
    check_told(
        member,
        "fee_returned",
        "letter",
        "Your payment for Bowling came after your booking had ended.",
        "We will give it back to you in cash.",
    )


def test_fee_news_is_told_once_per_booking_and_outcome(cast, activity):
    member = member_with_way(cast, "email")
    booking = book(activity, member, B.CONFIRMED, F.HELD, fee=500)
    for _ in range(2):
        services.attendance_mark(booking=booking, actor=cast.organiser, attended=False, early=True)
    # A mistaken "Not here", undone and marked again: still one message.
    services.attendance_undo(booking=booking, actor=cast.organiser)
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=False, early=True)
    assert len(messages(member, "fee_kept")) == 2  # the member's and the supporter's
    # Then "Here" after all: the fee comes back, told once however often it is marked.
    for _ in range(2):
        services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    assert len(messages(member, "fee_returned")) == 2
    keys = set(Message.objects.filter(member=member).values_list("key", flat=True))
    assert f"fee_kept:booking:{booking.pk}:member" in keys
    assert f"fee_returned:booking:{booking.pk}:member" in keys


def test_no_show_sweep_keeps_the_fee_and_tells_once(cast):
    from tests.events.after_helpers import past_activity

    member = member_with_way(cast, "phone")
    gone = past_activity(cast.organiser, cast.member_row.branch, days=-3)
    book(gone, member, B.CONFIRMED, F.HELD, fee=500)
    assert services.no_show_sweep() == 1
    assert services.no_show_sweep() == 0
    check_told(
        member, "fee_kept", "phone", "We kept your booking fee of £5, because you did not come."
    )


@pytest.mark.parametrize(
    "late, words",
    [
        (False, "Your booking fee of £5 is coming back to you."),
        (True, "We kept your booking fee of £5, because you cancelled late."),
    ],
)
def test_a_cancellation_says_what_happens_to_the_fee_in_one_message(cast, late, words):
    """Cancelling tells the member once, and that message says what happens to the fee:
    no second "fee" message."""
    days = 1 if late else 10
    activity = make_activity(cast.organiser, cast.member_row.branch, days=days)
    member = member_with_way(cast, "letter")
    booking = book(activity, member, B.CONFIRMED, F.HELD, fee=500)
    services.booking_cancel(booking=booking, actor=member.user)
    (mine,) = Message.objects.filter(member=member, recipient="member")
    assert mine.kind == "booking_cancelled" and words in mine.body
    assert not Message.objects.filter(kind__startswith="fee_").exists()


def test_the_co_operative_cancelling_says_the_fee_comes_back(cast, activity):
    member = member_with_way(cast, "phone")
    book(activity, member, B.CONFIRMED, F.HELD, fee=500)
    services.activity_cancel(activity=activity, actor=cast.organiser, reason="The alley closed")
    (mine,) = Message.objects.filter(member=member, recipient="member")
    assert mine.kind == "booking_activity_cancelled" and mine.status == S.TO_CALL
    assert "Your booking fee of £5 is coming back to you." in mine.body
    assert not Message.objects.filter(kind__startswith="fee_").exists()


# -- waiting-list offers fit the way ---------------------------------------------------------
def waiting(activity, member) -> Booking:
    booking = book(activity, member, B.WAITING, F.NONE)
    Booking.objects.filter(pk=booking.pk).update(waiting_since=timezone.now())
    return booking


def test_a_letter_offer_lasts_five_working_days_and_is_ready_to_print_at_once(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1, days=10)
    member = member_with_way(cast, "letter")
    booking = waiting(activity, member)
    before = timezone.now()
    (offered,) = offer_next(activity)
    assert offered.pk == booking.pk and offered.status == B.OFFERED
    # At least 5 working days: second-class post, and time to answer.
    assert offered.offer_expires_at >= add_working_hours(before, 120)
    assert offered.offer_expires_at - before >= dt.timedelta(days=5)
    mine = check_told(member, "booking_offered", "letter", "A place is free for you on Bowling.")
    assert mine.to.endswith("NF1 1AA") and "Or call us on" in mine.body


def test_a_phone_offer_is_on_the_call_list_at_once_and_lasts_two_working_days(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1, days=10)
    member = member_with_way(cast, "phone")
    waiting(activity, member)
    before = timezone.now()
    (offered,) = offer_next(activity)
    assert offered.offer_expires_at >= add_working_hours(before, 48)
    assert offered.offer_expires_at - before >= dt.timedelta(hours=48)
    mine = check_told(member, "booking_offered", "phone", "A place is free for you on Bowling.")
    # On the organisers' call list now, before any timer runs.
    assert Message.objects.filter(pk=mine.pk, status=S.TO_CALL).exists()
    assert mine.created_at >= before


@pytest.mark.parametrize("way", ["email", "text", "none"])
@override_settings(BOOKING_OFFER_HOURS=24)
def test_email_and_text_offers_last_a_day(cast, way):
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1, days=10)
    member = member_with_way(cast, way)
    waiting(activity, member)
    before = timezone.now()
    (offered,) = offer_next(activity)
    assert (
        dt.timedelta(hours=24)
        <= offered.offer_expires_at - before
        <= dt.timedelta(hours=24, minutes=1)
    )
    check_told(member, "booking_offered", way, "A place is free for you on Bowling.")


def test_no_time_for_a_letter_passes_the_place_to_the_next_person(cast):
    """The activity is in 3 days: a letter could not reach them and be answered, so the
    letter-only member keeps waiting and the next person (by email) is offered the place."""
    activity = make_activity(cast.organiser, cast.member_row.branch, places=1, days=3)
    writer, caller = member_with_way(cast, "letter"), member_with_way(cast, "phone")
    emailer = member_with_way(cast, "email")
    first, second = waiting(activity, writer), waiting(activity, caller)
    third = waiting(activity, emailer)
    with override_settings(BOOKING_OFFER_HOURS_PHONE=24 * 5):
        (offered,) = offer_next(activity)
    assert offered.pk == third.pk
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == B.WAITING
    assert not messages(writer, "booking_offered") and not messages(caller, "booking_offered")
    assert offered.offer_expires_at <= activity.starts_at


def test_working_hours_skip_the_weekend():
    tz = timezone.get_current_timezone()
    friday = dt.datetime(2026, 3, 13, 15, 0, tzinfo=tz)
    assert add_working_hours(friday, 48) == dt.datetime(2026, 3, 17, 15, 0, tzinfo=tz)
    assert add_working_hours(friday, 120) == dt.datetime(2026, 3, 20, 15, 0, tzinfo=tz)
    saturday = dt.datetime(2026, 3, 14, 10, 0, tzinfo=tz)
    assert add_working_hours(saturday, 24) == dt.datetime(2026, 3, 17, 0, 0, tzinfo=tz)
    monday = dt.datetime(2026, 3, 16, 9, 30, tzinfo=tz)
    assert add_working_hours(monday, 24) == dt.datetime(2026, 3, 17, 9, 30, tzinfo=tz)
    # Across the clocks going forward (Sunday 29 March 2026): wall-clock hours.
    before_dst = dt.datetime(2026, 3, 27, 12, 0, tzinfo=tz)
    assert add_working_hours(before_dst, 24) == dt.datetime(2026, 3, 30, 12, 0, tzinfo=tz)


def test_work_starts_at_9am_on_a_working_day():
    tz = timezone.get_current_timezone()
    at = lambda *args: dt.datetime(2026, 3, *args, tzinfo=tz)  # noqa: E731
    assert working_start(at(14, 14, 0), 9) == at(16, 9, 0)  # Saturday 2pm -> Monday 9am
    assert working_start(at(15, 23, 30), 9) == at(16, 9, 0)  # Sunday night -> Monday 9am
    assert working_start(at(16, 7, 0), 9) == at(16, 9, 0)  # Monday 7am -> Monday 9am
    assert working_start(at(16, 10, 15), 9) == at(16, 10, 15)  # in the working day: now
    assert working_start(at(13, 22, 0), 9) == at(13, 22, 0)  # Friday evening: now


@pytest.mark.parametrize(
    ("way", "ends"),
    [
        # From Monday 9am: 5 working days for a letter, 2 for a call.
        ("letter", dt.datetime(2026, 3, 23, 9, 0)),
        ("phone", dt.datetime(2026, 3, 18, 9, 0)),
        # Email and text: a day from when it was made.
        ("email", dt.datetime(2026, 3, 15, 14, 0)),
    ],
)
@override_settings(
    BOOKING_OFFER_HOURS=24,
    BOOKING_OFFER_HOURS_PHONE=48,
    BOOKING_OFFER_HOURS_LETTER=120,
    WORKING_DAY_STARTS_HOUR=9,
)
def test_an_offer_made_at_a_weekend_counts_from_monday_9am(cast, way, ends):
    tz = timezone.get_current_timezone()
    saturday = dt.datetime(2026, 3, 14, 14, 0, tzinfo=tz)
    starts = dt.datetime(2026, 4, 1, 14, 0, tzinfo=tz)
    member = member_with_way(cast, way)
    assert offer_expiry(member, now=saturday, starts_at=starts) == ends.replace(tzinfo=tz)


def test_a_weekend_letter_offer_that_would_end_after_the_start_is_not_made(cast):
    tz = timezone.get_current_timezone()
    saturday = dt.datetime(2026, 3, 14, 14, 0, tzinfo=tz)
    # Counted from the weekend it would end as Friday 20 March ends, before the start;
    # from Monday 9am it ends on Monday 23 March at 9am, after it.
    starts = dt.datetime(2026, 3, 23, 8, 0, tzinfo=tz)
    assert offer_expiry(member_with_way(cast, "letter"), now=saturday, starts_at=starts) is None


# -- a place kept for them that has gone ----------------------------------------------------
def ran_out(activity, member, status: str) -> Booking:
    """An offer, or a hold while paying by card (no payment started), that ran out a
    minute ago; the timer's task lets it go."""
    gone = timezone.now() - dt.timedelta(minutes=1)
    booking = book(activity, member, status, F.AWAITING, fee=500)
    Booking.objects.filter(pk=booking.pk).update(offer_expires_at=gone, hold_expires_at=gone)
    assert booking_expire(booking_id=booking.pk) is True
    booking.refresh_from_db()
    assert booking.status == B.CANCELLED
    return booking


@pytest.mark.parametrize(
    ("status", "because"),
    [
        (B.OFFERED, "This is because you did not say yes in time."),
        (B.AWAITING_PAYMENT, "This is because the card payment was not finished in time."),
    ],
)
@pytest.mark.parametrize("way", WAYS)
def test_an_offer_or_hold_that_runs_out_says_the_place_has_gone(
    cast, activity, status, because, way
):
    member = member_with_way(cast, way)
    booking = ran_out(activity, member, status)
    mine = check_told(
        member,
        "booking_place_gone",
        way,
        "The place we kept for you on Bowling has gone.",
        because,
        "You can book again if there is a place. Or you can join the waiting list.",
        f"/activities/{activity.pk}/",
    )
    assert mine.subject == "The place we kept for you has gone: Bowling"
    assert "cancelled" not in mine.body
    assert not messages(member, "booking_cancelled")
    # The audit says the timer did it, not the member (nor anyone for them).
    (entry,) = (
        audit_trail(booking).filter(action__startswith="booking.").exclude(action="booking.created")
    )
    assert (entry.action, entry.actor, entry.on_behalf_of) == ("booking.ran_out", None, None)
    assert entry.data["by"] == "timer"
