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

from coop.audit import audit
from coop.errors import InvalidTransition
from events.models import Booking

__all__ = ["BOOKING_MOVES", "FEE_MOVES", "NEW", "fee_held_pence", "move"]

B = Booking.Status
F = Booking.FeeStatus
NEW = ""  # a booking not saved yet

BOOKING_MOVES: dict[str, set[str]] = {
    NEW: {B.WAITING, B.AWAITING_PAYMENT, B.CONFIRMED},
    B.WAITING: {B.OFFERED, B.CANCELLED},
    B.OFFERED: {B.AWAITING_PAYMENT, B.CONFIRMED, B.CANCELLED},
    B.AWAITING_PAYMENT: {B.CONFIRMED, B.CANCELLED},
    B.CONFIRMED: {B.ATTENDED, B.NO_SHOW, B.CANCELLED},
    B.ATTENDED: {B.NO_SHOW, B.CONFIRMED, B.CANCELLED},
    B.NO_SHOW: {B.ATTENDED, B.CONFIRMED, B.CANCELLED},
    B.CANCELLED: set(),
}

FEE_MOVES: dict[str, set[str]] = {
    F.NONE: {F.AWAITING, F.WAIVED, F.REFUND_PENDING},
    F.AWAITING: {F.HELD, F.WAIVED, F.NONE},
    F.HELD: {F.PART_REFUNDED, F.REFUND_PENDING, F.REFUNDED, F.KEPT},
    F.PART_REFUNDED: {F.PART_REFUNDED, F.REFUND_PENDING, F.REFUNDED, F.KEPT, F.HELD},
    F.REFUND_PENDING: {F.REFUND_PENDING, F.REFUNDED},
    F.KEPT: {F.KEPT, F.HELD, F.PART_REFUNDED, F.REFUND_PENDING, F.REFUNDED},
    F.WAIVED: {F.AWAITING, F.NONE, F.REFUND_PENDING},
    F.REFUNDED: {F.REFUND_PENDING},
}

# The fee states in which the co-operative holds the member's money for them (in the
# ledger's "booking fees held" account): all that was paid, less what came back.
HOLDING_FEE = (F.HELD, F.PART_REFUNDED, F.REFUND_PENDING)


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
    actor: Any,
    action: str,
    status: str | None = None,
    fee: str | None = None,
    data: dict[str, Any] | None = None,
    on_behalf_of: Any = None,
    **fields: Any,
) -> Booking:
    """Move the booking (locked by the caller, or not saved yet) to `status` and/or its
    fee to `fee`, set any other `fields` with them, save, and audit `action` once.
    A move the tables do not allow (staying put included, unless the table lists it)
    raises InvalidTransition and changes nothing: the checks come before any field is
    touched."""
    before = (booking.status, booking.fee_status)
    if status is not None:
        _check(BOOKING_MOVES, B, booking.status, status, "booking")
    if fee is not None:
        _check(FEE_MOVES, F, booking.fee_status, fee, "fee")
    if status is not None:
        booking.status = status
    if fee is not None:
        booking.fee_status = fee
    for name, value in fields.items():
        setattr(booking, name, value)
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
