"""A booking's two states — where the person stands (`status`) and where their fee stands
(`fee_status`) — and the one way to change either: `move()`, under the caller's row lock,
checked against the tables below, saved and audited. Nothing else writes these fields
(the benchmark's seeding writes rows directly and says so).

Where a booking can go:

    (new)            → waiting, awaiting payment, confirmed
    waiting          → offered, cancelled
    offered          → awaiting payment, confirmed, cancelled (declined, or ran out)
    awaiting payment → confirmed (paid), cancelled (hold ran out, card declined)
    confirmed        → attended, no-show, cancelled
    attended/no-show → the other, confirmed (a mark undone), cancelled (by the co-op)
    cancelled        → nothing

Where a fee can go (part given back: some came back by a refund made in Stripe, and the
rest is still held for the member, to come back or be kept like any held fee):

    none             → awaiting, waived ("not here" changed to "here"), refund pending
                       (paid after the booking ended)
    awaiting         → held (paid), waived, none (cancelled, declined, did not come)
    held             → part given back, refund pending, refunded, kept
    part given back  → part given back, refund pending, refunded, kept, held (the part
                       that came back failed after all)
    refund pending   → refund pending (a part came back meanwhile), refunded
    kept             → kept (a part came back), held / part given back (a mark undone),
                       refund pending (given back after all), refunded
    waived           → awaiting (a mark undone), none ("here" changed to "not here"),
                       refund pending (paid anyway)
    refunded         → refund pending (the refund failed after all: given back again)
"""

from typing import Any

from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import InvalidTransition
from coop.sql import insert
from events.models import Booking

__all__ = ["BOOKING_MOVES", "FEE_MOVES", "NEW", "fee_held_pence", "move"]

BookingStatus = Booking.Status
FeeStatus = Booking.FeeStatus
NEW = ""  # a booking not saved yet

BOOKING_MOVES: dict[str, set[str]] = {
    NEW: {BookingStatus.WAITING, BookingStatus.AWAITING_PAYMENT, BookingStatus.CONFIRMED},
    BookingStatus.WAITING: {BookingStatus.OFFERED, BookingStatus.CANCELLED},
    BookingStatus.OFFERED: {
        BookingStatus.AWAITING_PAYMENT,
        BookingStatus.CONFIRMED,
        BookingStatus.CANCELLED,
    },
    BookingStatus.AWAITING_PAYMENT: {BookingStatus.CONFIRMED, BookingStatus.CANCELLED},
    BookingStatus.CONFIRMED: {
        BookingStatus.ATTENDED,
        BookingStatus.NO_SHOW,
        BookingStatus.CANCELLED,
    },
    BookingStatus.ATTENDED: {
        BookingStatus.NO_SHOW,
        BookingStatus.CONFIRMED,
        BookingStatus.CANCELLED,
    },
    BookingStatus.NO_SHOW: {
        BookingStatus.ATTENDED,
        BookingStatus.CONFIRMED,
        BookingStatus.CANCELLED,
    },
    BookingStatus.CANCELLED: set(),
}

FEE_MOVES: dict[str, set[str]] = {
    FeeStatus.NONE: {FeeStatus.AWAITING, FeeStatus.WAIVED, FeeStatus.REFUND_PENDING},
    FeeStatus.AWAITING: {FeeStatus.HELD, FeeStatus.WAIVED, FeeStatus.NONE},
    FeeStatus.HELD: {
        FeeStatus.PART_REFUNDED,
        FeeStatus.REFUND_PENDING,
        FeeStatus.REFUNDED,
        FeeStatus.KEPT,
    },
    FeeStatus.PART_REFUNDED: {
        FeeStatus.PART_REFUNDED,
        FeeStatus.REFUND_PENDING,
        FeeStatus.REFUNDED,
        FeeStatus.KEPT,
        FeeStatus.HELD,
    },
    FeeStatus.REFUND_PENDING: {FeeStatus.REFUND_PENDING, FeeStatus.REFUNDED},
    FeeStatus.KEPT: {
        FeeStatus.KEPT,
        FeeStatus.HELD,
        FeeStatus.PART_REFUNDED,
        FeeStatus.REFUND_PENDING,
        FeeStatus.REFUNDED,
    },
    FeeStatus.WAIVED: {FeeStatus.AWAITING, FeeStatus.NONE, FeeStatus.REFUND_PENDING},
    FeeStatus.REFUNDED: {FeeStatus.REFUND_PENDING},
}

# The fee states in which the co-operative holds the member's money for them (in the
# ledger's "booking fees held" account): all that was paid, less what came back.
HOLDING_FEE = (FeeStatus.HELD, FeeStatus.PART_REFUNDED, FeeStatus.REFUND_PENDING)


def fee_held_pence(booking: Booking) -> int:
    """What the books should hold for this booking's fee."""
    if booking.fee_status in HOLDING_FEE:
        return booking.fee_pence - booking.refunded_pence
    return 0


def _label(choices: type, value: str) -> str:
    return str(choices(value).label).lower() if value else "new"


def _check(table: dict[str, set[str]], choices: type, before: str, after: str, what: str) -> None:
    if after not in table.get(before, set()):
        raise InvalidTransition(
            f"This {what} is {_label(choices, before)}. It cannot become {_label(choices, after)}.",
            code="not_allowed_now",
        )


def move(
    booking: Booking,
    *,
    actor: Actor,
    action: str,
    status: str | None = None,
    fee: str | None = None,
    data: dict[str, Any] | None = None,
    on_behalf_of: Actor = None,
    **fields: Any,
) -> Booking:
    """Move the booking (locked by the caller, or not saved yet) to `status` and/or its
    fee to `fee`, set any other `fields` with them, save, and audit `action` once.
    A move the tables do not allow (staying put included, unless the table lists it)
    raises InvalidTransition and changes nothing: the checks come before any field is
    touched."""
    before = (booking.status, booking.fee_status)
    if status is not None:
        _check(BOOKING_MOVES, BookingStatus, booking.status, status, "booking")
    if fee is not None:
        _check(FEE_MOVES, FeeStatus, booking.fee_status, fee, "fee")
    if status is not None:
        booking.status = status
    if fee is not None:
        booking.fee_status = fee
    for name, value in fields.items():
        setattr(booking, name, value)
    if booking._state.adding:
        # A new booking and its history record in one statement: it is written under the
        # activity's lock, which every booking of the activity waits on.
        insert([booking], history_user=saved_user(actor))
    else:
        booking.save()
    audit(
        actor=actor,
        action=action,
        target=booking,
        on_behalf_of=on_behalf_of,
        data={
            "from": list(before),
            "to": [booking.status, booking.fee_status],
            "refunded_pence": booking.refunded_pence,
            **(data or {}),
        },
    )
    return booking
