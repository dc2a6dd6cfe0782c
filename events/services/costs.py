"""What an activity costs: its planned cost lines, paying them (spending against the
activity's branch in the ledger), grants that pay part of them (income to the branch),
and whether each person's fair share is the cost on the day (events.cost_share)."""

import datetime as dt

from django.db import transaction

from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import CoopError
from coop.money import format_pence
from events.cost_share import share_for
from events.models import Activity, CostGrant, CostLine, CostShare
from events.services.activities import activity_update
from events.services.support import evaluation_cost_sync
from finance.services import expense_record, income_record

__all__ = [
    "cost_grant_add",
    "cost_line_add",
    "cost_line_pay",
    "cost_line_remove",
    "cost_share_set",
]

MOST_PENCE = 1_000_000  # £10,000: more for one activity is a typing mistake


def _pence(value, what: str, *, above_zero: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CoopError(f"Please give {what} in pounds, like 5 or 5.50.")
    if value > MOST_PENCE or value < 0 or (above_zero and value == 0):
        low = "more than £0" if above_zero else "£0 or more"
        raise CoopError(f"Please give {what}: {low}, up to {format_pence(MOST_PENCE)}.")
    return value


def _open(activity: Activity) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == Activity.Status.CANCELLED:
        raise CoopError("This activity is cancelled. Its costs cannot change.")
    return activity


def _charge_again(activity: Activity, actor: Actor) -> None:
    """A draft whose share is charged takes the new share as its cost on the day. Once
    published, members were told a cost: it changes only when the organiser sets it."""
    if activity.status == Activity.Status.DRAFT:
        share = share_for(activity)
        if share.charged and activity.cost_pence != share.each_pence:
            activity_update(activity=activity, actor=actor, cost_pence=share.each_pence)


@transaction.atomic
def cost_line_add(
    *, activity: Activity, kind: str, what: str, planned_pence: int, actor: Actor, supplier=""
) -> CostLine:
    """A planned cost: venue, transport or other. `what` is the easy words members read
    ("driver and fuel"). Raises CoopError for bad input or a cancelled activity."""
    if kind not in CostLine.Kind.values:
        raise CoopError("Please say if the cost is the venue, transport or something else.")
    what = (what or "").strip()
    if not what or len(what) > 80:
        raise CoopError('Please say what it pays for, in up to 80 characters: "driver and fuel".')
    supplier = (supplier or "").strip()[:200]
    planned_pence = _pence(planned_pence, "the planned cost")
    activity = _open(activity)
    line = CostLine.objects.create(
        activity=activity,
        kind=kind,
        what=what,
        supplier=supplier,
        planned_pence=planned_pence,
        created_by=saved_user(actor),
    )
    audit(actor=actor, action="cost.planned", target=line, data={"pence": planned_pence})
    _charge_again(activity, actor)
    return line


@transaction.atomic
def cost_line_remove(*, line: CostLine, actor: Actor) -> Activity:
    """Take out a planned cost that is not paid. Raises CoopError for a paid one."""
    activity = _open(line.activity)
    line = CostLine.objects.select_for_update().filter(pk=line.pk).first()
    if line is None:
        return activity  # taken out already
    if line.expense_id:
        raise CoopError("This cost is paid, so it stays. The books keep what was paid.")
    audit(actor=actor, action="cost.removed", target=activity, data={"what": line.what})
    line.delete()
    _charge_again(activity, actor)
    return activity


@transaction.atomic
def cost_line_pay(
    *, line: CostLine, real_pence: int, paid_on: dt.date, paid_with: str, actor: Actor
) -> CostLine:
    """The real cost was paid: spending on activity costs against the activity's branch
    (Dr activity_costs, Cr bank or cash). Paying twice posts once. Raises CoopError for a
    bad amount, LedgerError for a bad day, way of paying, or a closed quarter."""
    line = CostLine.objects.select_for_update().select_related("activity").get(pk=line.pk)
    if line.expense_id:
        return line
    real_pence = _pence(real_pence, "the real cost", above_zero=True)
    activity = line.activity
    line.expense = expense_record(
        account_code="activity_costs",
        supplier=line.supplier or line.what,
        description=f"{activity.title}: {line.what}"[:200],  # title 120 + what 80 is more
        spent_on=paid_on,
        amount_pence=real_pence,
        paid_with=paid_with,
        actor=actor,
        key=f"activity-cost:{line.pk}",
        branch=activity.branch,
    )
    line.real_pence, line.paid_on = real_pence, paid_on
    line.save(update_fields=["expense", "real_pence", "paid_on"])
    audit(actor=actor, action="cost.paid", target=line, data={"pence": real_pence})
    evaluation_cost_sync(activity=activity)
    return line


@transaction.atomic
def cost_grant_add(
    *,
    activity: Activity,
    source: str,
    amount_pence: int,
    received_on: dt.date,
    paid_with: str,
    actor: Actor,
    key: str = "",
) -> CostGrant:
    """A grant that pays part of the activity: income to its branch (Dr bank or cash, Cr
    grants), taken off each person's share. With the form's one-time `key`, sending twice
    records it once. Raises CoopError or LedgerError for bad input, in words."""
    amount_pence = _pence(amount_pence, "the amount of the grant", above_zero=True)
    activity = _open(activity)
    income = income_record(
        account_code="grants",
        source=source,
        description=f"For {activity.title}",
        received_on=received_on,
        amount_pence=amount_pence,
        paid_with=paid_with,
        actor=actor,
        key=f"activity-grant:{activity.pk}:{key}" if key else None,
        branch=activity.branch,
    )
    grant = CostGrant.objects.filter(income=income).first()
    if grant is not None:
        return grant
    grant = CostGrant.objects.create(
        activity=activity,
        source=income.source,
        amount_pence=amount_pence,
        income=income,
        created_by=saved_user(actor),
    )
    audit(actor=actor, action="cost.grant", target=grant, data={"pence": amount_pence})
    _charge_again(activity, actor)
    return grant


@transaction.atomic
def cost_share_set(*, activity: Activity, charged: bool, actor: Actor) -> CostShare:
    """Charge each person's share as the cost on the day (it becomes the activity's
    cost_pence now), or not (the co-operative pays it all; the cost on the day stays as
    the organiser set it). Setting the same again changes nothing."""
    activity = _open(activity)
    share, _ = CostShare.objects.select_for_update().get_or_create(activity=activity)
    if share.charged != charged:
        share.charged = charged
        share.updated_by = saved_user(actor)
        share.save()
        audit(actor=actor, action="cost.share_set", target=activity, data={"charged": charged})
    if charged:
        each = share_for(activity).each_pence
        if activity.cost_pence != each:
            activity_update(activity=activity, actor=actor, cost_pence=each)
    return share
