"""Support on the day: the organiser says how many support workers an activity needs and
books them (support workers or personal assistants, paid by the co-operative). An
activity without the support it needs is not published unless the organiser says so."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import CoopError
from coop.money import format_pence
from events.models import Activity, Evaluation, SupportBooking, SupportNeed
from finance.services import expense_record

__all__ = [
    "support_booking_add",
    "support_booking_cancel",
    "support_booking_pay",
    "support_need_set",
    "support_publish_check",
    "support_short",
]

# At most this many support workers for one activity; more is a typing mistake.
MOST_WORKERS = 20
# A booking of a support worker lasts at most a day.
MOST_MINUTES = 24 * 60
MOST_COST_PENCE = 100_000
Role = SupportBooking.Role
BOOKED = SupportBooking.Status.BOOKED


def _workers(count: int) -> str:
    return f"{count} support worker{'s' if count != 1 else ''}"


def _booked_words(booked: int) -> str:
    if booked == 0:
        return "None is booked yet."
    return f"Only {booked} {'is' if booked == 1 else 'are'} booked."


def support_short(activity: Activity) -> tuple[int, int]:
    """(needed, booked): how many support workers the activity needs and has booked."""
    need = SupportNeed.objects.filter(activity=activity).first()
    needed = need.workers_needed if need else 0
    booked = SupportBooking.objects.filter(activity=activity, status=BOOKED).count()
    return needed, booked


def _open(activity: Activity) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == Activity.Status.CANCELLED:
        raise CoopError("This activity is cancelled. Its support cannot change.")
    return activity


@transaction.atomic
def support_need_set(*, activity: Activity, workers_needed: int, actor: Actor) -> SupportNeed:
    """Say how many support workers the activity needs (0 or more). Setting the same again
    changes nothing. Raises CoopError for a number out of sense or a cancelled activity."""
    if isinstance(workers_needed, bool) or not isinstance(workers_needed, int):
        raise CoopError("Please give a number of support workers, like 1 or 2.")
    if not 0 <= workers_needed <= MOST_WORKERS:
        raise CoopError(f"Please give a number of support workers from 0 to {MOST_WORKERS}.")
    activity = _open(activity)
    need, _ = SupportNeed.objects.select_for_update().get_or_create(activity=activity)
    if need.workers_needed == workers_needed:
        return need
    before = need.workers_needed
    need.workers_needed = workers_needed
    need.updated_by = saved_user(actor)
    need.save()
    audit(
        actor=actor,
        action="support.need_set",
        target=activity,
        data={"before": before, "after": workers_needed},
    )
    return need


def _check_booking(name: str, role: str, minutes: int, cost_pence: int) -> str:
    name = (name or "").strip()
    if not name:
        raise CoopError("Please give the support worker's name.")
    if len(name) > 120:
        raise CoopError("Please give the name in up to 120 characters.")
    if role not in Role.values:
        raise CoopError("Please say if it is a support worker or a personal assistant.")
    for value in (minutes, cost_pence):
        if isinstance(value, bool) or not isinstance(value, int):
            raise CoopError("Please give the hours and the cost as numbers.")
    if not 0 < minutes <= MOST_MINUTES:
        raise CoopError("Please give how long they work: more than 0 hours, up to 24 hours.")
    if not 0 <= cost_pence <= MOST_COST_PENCE:
        raise CoopError(f"Please give a cost up to {format_pence(MOST_COST_PENCE)}.")
    return name


@transaction.atomic
def support_booking_add(
    *, activity: Activity, name: str, role: str, minutes: int, cost_pence: int, actor: Actor
) -> SupportBooking:
    """Book a support worker or personal assistant for the activity. Raises CoopError for
    bad input (in words) or a cancelled or finished activity."""
    name = _check_booking(name, role, minutes, cost_pence)
    activity = _open(activity)
    if activity.ends_at < timezone.now():
        raise CoopError("This activity has finished. Support can no longer be booked for it.")
    booking = SupportBooking.objects.create(
        activity=activity,
        name=name,
        role=role,
        minutes=minutes,
        cost_pence=cost_pence,
        created_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="support.booked",
        target=booking,
        data={"role": role, "minutes": minutes, "cost_pence": cost_pence},
    )
    return booking


@transaction.atomic
def support_booking_cancel(*, booking: SupportBooking, actor: Actor) -> SupportBooking:
    """Take a support worker off the activity. Cancelling twice changes nothing. Raises
    CoopError when they are already paid."""
    # The activity first, as publishing locks it: a publish and a cancel never cross.
    Activity.objects.select_for_update().filter(pk=booking.activity_id).exists()
    booking = SupportBooking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == SupportBooking.Status.CANCELLED:
        return booking
    if booking.expense_id:
        raise CoopError(f"{booking.name} is paid already, so the booking cannot be cancelled.")
    booking.status = SupportBooking.Status.CANCELLED
    booking.save(update_fields=["status"])
    audit(actor=actor, action="support.cancelled", target=booking)
    return booking


@transaction.atomic
def support_booking_pay(
    *, booking: SupportBooking, paid_on: dt.date, paid_with: str, actor: Actor
) -> SupportBooking:
    """The co-operative paid the support worker their cost: spending on support-worker
    costs against the activity's branch (Dr support_costs, Cr bank or cash). Paying twice
    posts once. Raises CoopError for a cancelled booking, LedgerError for a bad day or a
    closed quarter."""
    booking = (
        SupportBooking.objects.select_for_update().select_related("activity").get(pk=booking.pk)
    )
    if booking.expense_id:
        return booking
    if booking.status != BOOKED:
        raise CoopError("This support booking is cancelled, so there is nothing to pay.")
    if booking.cost_pence == 0:
        raise CoopError(f"{booking.name} costs nothing, so there is nothing to pay.")
    activity = booking.activity
    booking.expense = expense_record(
        account_code="support_costs",
        supplier=booking.name,
        description=f"{booking.get_role_display()} for {activity.title}",
        spent_on=paid_on,
        amount_pence=booking.cost_pence,
        paid_with=paid_with,
        actor=actor,
        key=f"support-booking:{booking.pk}",
        branch=activity.branch,
    )
    booking.save(update_fields=["expense"])
    audit(actor=actor, action="support.paid", target=booking, data={"pence": booking.cost_pence})
    evaluation_cost_sync(activity=activity)
    return booking


def support_publish_check(*, activity: Activity, actor: Actor, without_support: bool) -> None:
    """Called by activity_publish inside its transaction: refuse, in words, to publish an
    activity short of support workers, unless the organiser confirms publishing without
    all of them (kept on the need, and in the audit log)."""
    needed, booked = support_short(activity)
    if booked >= needed:
        return
    if not without_support:
        raise CoopError(
            f"This activity needs {_workers(needed)}. {_booked_words(booked)} "
            "Book them first, or tick that you publish without all the support booked.",
            code="support_missing",
        )
    need = SupportNeed.objects.select_for_update().get(activity=activity)
    need.short_confirmed_by = saved_user(actor)
    need.short_confirmed_at = timezone.now()
    need.save(update_fields=["short_confirmed_by", "short_confirmed_at"])
    audit(
        actor=actor,
        action="activity.published_without_support",
        target=activity,
        data={"needed": needed, "booked": booked},
    )


def real_cost_pence(activity: Activity) -> int | None:
    """What the activity really cost: its paid cost lines and paid support workers
    together, or None when nothing is paid yet."""
    from events.models import CostLine

    lines = CostLine.objects.filter(activity=activity, expense__isnull=False)
    support = SupportBooking.objects.filter(activity=activity, expense__isnull=False)
    paid = [line.real_pence for line in lines] + [s.cost_pence for s in support]
    return sum(paid) if paid else None


def evaluation_cost_sync(*, activity: Activity) -> None:
    """The evaluation's real cost is the sum of what was paid, once anything is paid."""
    real = real_cost_pence(activity)
    if real is None:
        return
    for evaluation in Evaluation.objects.filter(activity=activity).exclude(actual_cost_pence=real):
        evaluation.actual_cost_pence = real
        evaluation.save(update_fields=["actual_cost_pence", "updated_at"])
        audit(
            actor=None, action="evaluation.cost_from_paid", target=evaluation, data={"pence": real}
        )
