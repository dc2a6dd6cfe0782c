"""Each person's fair share of an activity's costs, worked out from its cost lines: the
venue, transport and other costs, less the grants that pay part of them, divided by the
places, rounded up to a round figure. Support workers are never in it: the co-operative
pays for them."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from coop.money import format_pence
from events.models import (
    Activity,
    CostGrant,
    CostLine,
    CostShare,
    SupportBooking,
    SupportNeed,
)

SUPPORT_PAID = "The co-operative pays for the support workers. You do not pay for them."

# The share is rounded up to a whole 50p, so it is easy to pay in coins on the day. Rounding
# up adds at most 49p a person; the co-operative pays for any places left empty.
ROUND_TO_PENCE = 50


def round_up(pence: int, step: int = ROUND_TO_PENCE) -> int:
    return -(-pence // step) * step


def words_and(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


@dataclass(frozen=True)
class Share:
    planned_pence: int  # venue, transport and other, as planned
    real_pence: int  # the same, paid where paid, else as planned
    grants_pence: int
    support_pence: int  # booked support workers: the co-operative pays
    places: int
    exact_pence: int  # (planned less grants) / places, rounded up to whole pence
    each_pence: int  # the same rounded up to a round figure: what a person is asked
    real_each_pence: int
    what: str  # "driver and fuel"
    charged: bool

    @property
    def member_line(self) -> str:
        """The words members read when the activity is advertised."""
        if not self.what:
            return ""
        if self.charged and self.each_pence:
            # Said after "It costs £5 on the day.": the same £5, not a second one.
            return f"That {format_pence(self.each_pence)} pays your share of {self.what}."
        return f"The co-operative pays for {self.what}. You do not pay for it."


def _each(total: int, places: int) -> int:
    return -(-max(total, 0) // max(places, 1))


def _total(rows: QuerySet, field: str) -> Coalesce:
    """Over activities: the sum of `field` over these rows of the activity, 0 for none."""
    summed = rows.filter(activity=OuterRef("pk")).order_by().values("activity")
    return Coalesce(
        Subquery(summed.annotate(total=Sum(field)).values("total")), 0, output_field=IntegerField()
    )


def _amounts(activity: Activity) -> dict[str, Any]:
    """All share_for and member_cost_lines read besides the cost lines, in one query: the
    grants, the support workers booked (their cost, and whether any are), whether the
    share is charged and whether support workers are needed."""
    booked = SupportBooking.objects.filter(status=SupportBooking.Status.BOOKED)
    return (
        Activity.objects.filter(pk=activity.pk)
        .values(
            grants_pence=_total(CostGrant.objects.all(), "amount_pence"),
            support_pence=_total(booked, "cost_pence"),
            support_booked=Exists(booked.filter(activity=OuterRef("pk"))),
            support_needed=Exists(
                SupportNeed.objects.filter(activity=OuterRef("pk"), workers_needed__gt=0)
            ),
            share_charged=Exists(CostShare.objects.filter(activity=OuterRef("pk"), charged=True)),
        )
        .get()
    )


def share_for(activity: Activity, amounts: dict[str, Any] | None = None) -> Share:
    """The activity's costs and each person's share, in whole pence (in two queries;
    `amounts`: _amounts(), when the caller has read it)."""
    lines = list(CostLine.objects.filter(activity=activity))
    amounts = _amounts(activity) if amounts is None else amounts
    planned = sum(line.planned_pence for line in lines)
    real = sum(line.real_pence if line.expense_id else line.planned_pence for line in lines)
    grants = amounts["grants_pence"]
    support = amounts["support_pence"]
    what: list[str] = []
    for line in lines:
        if line.what not in what:
            what.append(line.what)
    exact = _each(planned - grants, activity.places)
    return Share(
        planned_pence=planned,
        real_pence=real,
        grants_pence=grants,
        support_pence=support,
        places=activity.places,
        exact_pence=exact,
        each_pence=round_up(exact),
        real_each_pence=round_up(_each(real - grants, activity.places)),
        what=words_and(what),
        charged=amounts["share_charged"],
    )


def member_cost_lines(activity: Activity) -> list[str]:
    """What members read wherever the activity is advertised or reminded (its page, "what
    is on" by email, text, call or letter, the calendar feed, reminders, the booked
    message and page), after the cost on the day: each person's share and what it is
    for, when it is the cost on the day (or the co-operative pays it all and the day is
    free), and that the co-operative pays for the support workers."""
    lines = []
    amounts = _amounts(activity)
    share = share_for(activity, amounts)
    if share.what:
        if share.charged and activity.cost_pence == share.each_pence:
            lines.append(share.member_line)
            if share.grants_pence and share.each_pence:  # a grant paying it all: said above
                lines.append("A grant pays for part of it. So you pay less.")
        elif not share.charged and activity.cost_pence == 0:
            lines.append(share.member_line)
    if amounts["support_needed"] or amounts["support_booked"]:
        lines.append(SUPPORT_PAID)
    return lines
