"""Who came to a board meeting, and the sitting fees that follow: owed once per meeting to
a board member who came, set by the board, paid by finance through the ledger. Every
change is audited."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from board.meetings.models import Attendance, Meeting, SittingFee, SittingFeeRate
from board.meetings.services.rules import meeting_locked, meeting_move
from board.terms.models import BoardMembership
from board.terms.selectors import board_members_on
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import CoopError
from finance.services.ledger import ledger_post
from members.models import Branch

__all__ = ["attendance_save", "sitting_fee_pay", "sitting_fee_rate_on", "sitting_fee_rate_set"]


def _can_record(meeting: Meeting, today: dt.date) -> None:
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.MINUTES_APPROVED):
        raise CoopError(
            f"This meeting is {meeting.get_status_display().lower()}. Its record cannot change.",
            code="meeting_closed",
        )
    if meeting.day > today:
        raise CoopError(
            "This meeting has not happened yet. Record it on the day.", code="too_early"
        )


def sitting_fee_rate_on(day: dt.date) -> SittingFeeRate | None:
    """The sitting fee rate in force on `day`, or None when none was set by then."""
    return SittingFeeRate.objects.filter(starts_on__lte=day).order_by("-starts_on").first()


@transaction.atomic
def attendance_save(
    *,
    meeting: Meeting,
    statuses: dict[int, str],
    actor: Actor,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Record who came (member id -> present, apologies or absent). The meeting becomes
    held. A board member marked present is owed the sitting fee once per meeting: saving
    again changes nothing, marking them not present cancels a fee not yet paid, and a paid
    fee cannot be taken back here. Observers sit without a fee. Returns counts of fees made
    owed and cancelled."""
    today = today or timezone.localdate()
    meeting = meeting_locked(meeting)
    _can_record(meeting, today)
    day = meeting.day
    _check_people(meeting, statuses, day)
    fees = {f.member_id: f for f in SittingFee.objects.select_for_update().filter(meeting=meeting)}
    _check_paid_fees(statuses, fees)
    fee_pence, observers = _fee_rate(day)
    counts = {"owed": 0, "cancelled": 0}
    now = timezone.now()
    for member_id, status in statuses.items():
        Attendance.objects.update_or_create(
            meeting=meeting,
            member_id=member_id,
            defaults={
                "status": status,
                "recorded_by": saved_user(actor),
            },
        )
        present = status == Attendance.Status.PRESENT
        # No fee set, or an observer (who sits without a fee): nothing becomes owed.
        amount = None if not fee_pence or member_id in observers else fee_pence
        change = _fee_follows(meeting, member_id, fees.get(member_id), present, amount, now)
        if change:
            counts[change] += 1
    if meeting.status in (Meeting.Status.PLANNED, Meeting.Status.PAPERS_SENT):
        meeting_move(meeting, Meeting.Status.HELD)
        meeting.held_at = now
        meeting.save(update_fields=["status", "held_at"])
    audit(
        actor=actor,
        action="meeting.attendance_saved",
        target=meeting,
        data={
            "statuses": {str(k): v for k, v in statuses.items()},
            "fees_owed": counts["owed"],
            "fees_cancelled": counts["cancelled"],
        },
    )
    return counts


def _check_people(meeting: Meeting, statuses: dict[int, str], day: dt.date) -> None:
    """Each status is one of Attendance's, and each person was on the board that day (or
    already marked for this meeting)."""
    valid = set(Attendance.Status.values)
    if any(status not in valid for status in statuses.values()):
        raise CoopError("Please choose came, sent apologies or did not come for each person.")
    allowed = {m.pk for m in board_members_on(day)}
    allowed |= set(meeting.attendance.values_list("member_id", flat=True))
    if set(statuses) - allowed:
        raise CoopError("Only people on the board on the day of the meeting can be marked.")


def _check_paid_fees(statuses: dict[int, str], fees: dict[int, SittingFee]) -> None:
    """A paid fee cannot be taken back here: refuse marking its member not present."""
    for member_id, status in statuses.items():
        fee = fees.get(member_id)
        if status != Attendance.Status.PRESENT and fee and fee.status == SittingFee.Status.PAID:
            name = fee.member.display_name
            raise CoopError(
                f"{name}'s sitting fee for this meeting is paid. Ask finance before changing "
                "whether they came.",
                code="fee_paid",
            )


def _fee_rate(day: dt.date) -> tuple[int, set[int]]:
    """The sitting fee for coming on `day` (0 when none is set), and the members who are
    observers then: they sit without a fee."""
    rate = sitting_fee_rate_on(day)
    observers = set(
        BoardMembership.objects.on(day)
        .filter(role=BoardMembership.Role.OBSERVER)
        .values_list("member_id", flat=True)
    )
    return (rate.amount_pence if rate is not None else 0), observers


def _fee_follows(
    meeting: Meeting,
    member_id: int,
    fee: SittingFee | None,
    present: bool,
    amount_pence: int | None,
    now: dt.datetime,
) -> str:
    """Make one member's sitting fee follow whether they came. Returns "owed" when a fee
    became owed, "cancelled" when one was cancelled, "" when nothing changed."""
    if present:
        if amount_pence is None:
            return ""
        if fee is None:
            SittingFee.objects.create(
                meeting=meeting, member_id=member_id, amount_pence=amount_pence, owed_at=now
            )
            return "owed"
        if fee.status == SittingFee.Status.CANCELLED:
            fee.status, fee.owed_at, fee.amount_pence = SittingFee.Status.OWED, now, amount_pence
            fee.save(update_fields=["status", "owed_at", "amount_pence"])
            return "owed"
        return ""
    if fee is not None and fee.status == SittingFee.Status.OWED:
        fee.status = SittingFee.Status.CANCELLED
        fee.save(update_fields=["status"])
        return "cancelled"
    return ""


@transaction.atomic
def sitting_fee_rate_set(*, amount_pence: int, starts_on: dt.date, actor: Actor) -> SittingFeeRate:
    """Set the sitting fee from `starts_on` on (setting the same day again replaces it).
    Raises CoopError for a negative amount."""
    if amount_pence is None or amount_pence < 0:
        raise CoopError("Please give the fee in pounds, like 20.00.", code="bad_amount")
    rate, _ = SittingFeeRate.objects.update_or_create(
        starts_on=starts_on,
        defaults={
            "amount_pence": amount_pence,
            "set_by": saved_user(actor),
        },
    )
    audit(
        actor=actor,
        action="sitting_fee.rate_set",
        target=rate,
        data={"amount_pence": amount_pence, "starts_on": str(starts_on)},
    )
    return rate


@transaction.atomic
def sitting_fee_pay(
    *,
    fee: SittingFee,
    method: str,
    actor: Actor,
    day: dt.date | None = None,
    branch: Branch | None = None,
) -> SittingFee:
    """Finance pays a sitting fee: posted to the ledger (board sitting fees out of the bank
    or cash) with the fee's own key, so paying twice pays once; the money of `branch`, or
    (None) of the whole co-operative."""
    fee = SittingFee.objects.select_for_update().select_related("member", "meeting").get(pk=fee.pk)
    if fee.status == SittingFee.Status.PAID:
        return fee
    if fee.status != SittingFee.Status.OWED:
        raise CoopError("This sitting fee is not owed.", code="fee_not_owed")
    if method not in SittingFee.Method.values:
        raise CoopError("Please choose bank transfer or cash.", code="bad_method")
    day = day or timezone.localdate()
    txn = ledger_post(
        date=day,
        description=f"Sitting fee: {fee.member.display_name}, {fee.meeting.title}",
        reference=f"sitting-fee:{fee.pk}",
        key=f"sitting-fee:{fee.pk}:paid",
        lines=[("board_fees", fee.amount_pence, 0), (method, 0, fee.amount_pence)],
        actor=actor,
        branch=branch,
    )
    fee.status, fee.paid_at, fee.method = SittingFee.Status.PAID, timezone.now(), method
    fee.paid_by = saved_user(actor)
    fee.ledger_transaction = txn
    fee.save()
    audit(
        actor=actor,
        action="sitting_fee.paid",
        target=fee,
        data={
            "amount_pence": fee.amount_pence,
            "method": method,
            "branch": branch.name if branch else "",
        },
    )
    return fee
