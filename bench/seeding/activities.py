"""Activities, and their bookings in every state with the fee's payment and refund rows.

Bookings' `status` and `fee_status` are written here directly, in bulk, not through
events.services.booking_states.move(): only states and pairs that move() can reach are
used, and no audit rows are written for them (the benchmark measures reads)."""

import datetime as dt

from bench.seeding.base import BATCH, Seeding, ids
from events.models import Activity, Booking
from finance.models import Payment, Refund
from members.models import Member

BOOKINGS_PER_ACTIVITY = 50  # 100,000 bookings at L; the same per activity at every size
Status = Booking.Status
FeeStatus = Booking.FeeStatus


def seed_activities(run: Seeding) -> None:
    rnd, activities = run.rnd, []
    for i in range(run.size["activities"]):
        # Three in four are over, one in four still to come.
        starts = run.now + dt.timedelta(days=rnd.randint(-270, 89), hours=rnd.randint(-2, 6))
        status = Activity.Status.CANCELLED if rnd.random() < 0.03 else Activity.Status.PUBLISHED
        activities.append(
            Activity(
                title=f"Activity {i + 1}",
                summary="We meet and do something nice together.",
                picture="coop/pictures/meet.svg",
                picture_alt="People meeting",
                branch=run.branches[i % len(run.branches)],
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                meeting_point="The front door of the library",
                places=rnd.randint(30, 60),
                fee_pence=rnd.choice([0, 0, 300, 500]),
                booking_opens_at=starts - dt.timedelta(days=60),
                booking_closes_at=starts - dt.timedelta(hours=2),
                cancel_by=starts - dt.timedelta(days=2),
                status=status,
                created_by=run.staff["organiser"],
            )
        )
    run.activities = Activity.objects.bulk_create(activities, batch_size=BATCH)
    run.counts["activities"] = len(activities)


class _Rows:
    """The bookings, payments and refunds of a run, with the keys they are given."""

    def __init__(self, bookings: int) -> None:
        self.booking_ids = iter(ids(Booking, bookings))
        self.payment_ids = iter(ids(Payment, bookings))
        self.bookings: list[Booking] = []
        self.payments: list[Payment] = []
        self.refunds: list[Refund] = []


def seed_bookings(run: Seeding) -> None:
    per = min(BOOKINGS_PER_ACTIVITY, len(run.members))
    rows = _Rows(len(run.activities) * per)
    for activity in run.activities:
        taken = 0
        for member in run.rnd.sample(run.members, per):
            booking = _booking(run, activity, member, rows, full=taken >= activity.places)
            if booking.status in Booking.HOLDING:
                taken += 1
            rows.bookings.append(booking)
    Booking.objects.bulk_create(rows.bookings, batch_size=BATCH)
    Payment.objects.bulk_create(rows.payments, batch_size=BATCH)
    Refund.objects.bulk_create(rows.refunds, batch_size=BATCH)
    run.counts.update(
        bookings=len(rows.bookings), payments=len(rows.payments), refunds=len(rows.refunds)
    )
    run.counts["booking_statuses"] = len({b.status for b in rows.bookings})


def _booking(
    run: Seeding, activity: Activity, member: Member, rows: _Rows, *, full: bool
) -> Booking:
    """One booking in a state its activity allows, with its fee's rows."""
    rnd, now = run.rnd, run.now
    over = activity.starts_at < now
    created = activity.booking_opens_at + dt.timedelta(hours=1)
    booking = Booking(
        id=next(rows.booking_ids),
        activity=activity,
        member=member,
        fee_pence=activity.fee_pence,
        booked_by=member.user,
        waiting_since=None,
    )
    booking.created_at = created
    if activity.status == Activity.Status.CANCELLED or rnd.random() < 0.08:
        status = Status.CANCELLED
    elif over:
        status = Status.CANCELLED if full else rnd.choice([Status.ATTENDED] * 4 + [Status.NO_SHOW])
    elif full:
        status = Status.WAITING
    else:
        status = rnd.choice([Status.CONFIRMED] * 6 + [Status.AWAITING_PAYMENT, Status.OFFERED])
        if status == Status.AWAITING_PAYMENT and not activity.fee_pence:
            status = Status.CONFIRMED
    booking.status = status
    if status == Status.CANCELLED:
        booking.cancelled_at = created + dt.timedelta(days=1)
    elif status == Status.WAITING:
        booking.waiting_since = created
    elif status == Status.OFFERED:
        booking.offer_expires_at = now + dt.timedelta(hours=24)
    elif status in (Status.ATTENDED, Status.NO_SHOW):
        booking.attendance_marked_by = run.staff["organiser"]
        booking.attendance_marked_at = activity.ends_at
    _fee(run, booking, over, rows)
    return booking


def _fee(run: Seeding, booking: Booking, over: bool, rows: _Rows) -> None:
    """The fee's state and its payment and refund rows, as the services would leave them."""
    rnd, fee, status = run.rnd, booking.fee_pence, booking.status
    if not fee:
        booking.fee_status, booking.payment_method = FeeStatus.NONE, Booking.PaymentMethod.NONE
        return
    method = rnd.choice(["card", "card", "cash", "waived"])
    booking.payment_method = method
    if method == "waived":
        booking.fee_status, booking.fee_note = FeeStatus.WAIVED, "Hardship"
        return
    if status == Status.WAITING or status == Status.OFFERED:
        booking.fee_status = FeeStatus.AWAITING
        return
    paid = status != Status.AWAITING_PAYMENT and not (method == "cash" and rnd.random() < 0.3)
    if not paid and status in (Status.CONFIRMED, Status.AWAITING_PAYMENT):
        booking.fee_status = FeeStatus.AWAITING
        if method == "card":
            rows.payments.append(_payment(booking, next(rows.payment_ids), method, "pending"))
            booking.payment_id = rows.payments[-1].id
        return
    payment = _payment(booking, next(rows.payment_ids), method, "succeeded")
    rows.payments.append(payment)
    booking.payment_id = payment.id
    if status == Status.CONFIRMED:
        booking.fee_status = FeeStatus.HELD
    elif status == Status.NO_SHOW:
        booking.fee_status = FeeStatus.KEPT
    else:  # attended, or cancelled: the fee goes back
        pending = status == Status.CANCELLED and rnd.random() < 0.1
        booking.fee_status = FeeStatus.REFUND_PENDING if pending else FeeStatus.REFUNDED
        booking.refunded_pence = 0 if pending else fee
        rows.refunds.append(_refund(booking, payment, method, pending=pending, over=over))


def _payment(booking: Booking, pk: int, method: str, status: str) -> Payment:
    when = booking.created_at
    return Payment(
        id=pk,
        member=booking.member,
        reference=f"booking:{booking.id}",
        description=f"Booking fee: {booking.activity.title}",
        method=method,
        status=status,
        amount_pence=booking.fee_pence,
        stripe_payment_intent_id=f"pi_seed_{pk}" if method == "card" else None,
        created_at=when,
        succeeded_at=when if status == "succeeded" else None,
    )


def _refund(
    booking: Booking, payment: Payment, method: str, *, pending: bool, over: bool
) -> Refund:
    status = ("to_hand_back" if method == "cash" else "pending") if pending else "succeeded"
    when = booking.activity.ends_at if over else booking.cancelled_at
    return Refund(
        payment=payment,
        amount_pence=booking.fee_pence,
        payment_amount_pence=booking.fee_pence,
        status=status,
        method=method,
        reason="Booking fee back",
        created_at=when,
        succeeded_at=when if status == "succeeded" else None,
    )
