"""Each person's fair share of an activity's costs, worked out from its cost lines: the
venue, transport and other costs, less the grants that pay part of them, divided by the
places, rounded up to a round figure. Support workers are never in it: the co-operative
pays for them."""

import functools
from dataclasses import dataclass
from typing import Any

from django.db import connection

from coop.money import format_pence
from coop.sql import column, table
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


@functools.cache
def _amounts_sql() -> str:
    """All share_for and member_cost_lines read besides the cost lines, for activity %s
    (given five times; SupportBooking.Status.BOOKED after the 2nd and 3rd): the grants,
    the support workers booked (their cost, and whether any are), whether support workers
    are needed and whether the share is charged."""
    grant, worker, need, share = CostGrant, SupportBooking, SupportNeed, CostShare
    booked = f"{column(worker, 'activity')} = %s AND {column(worker, 'status')} = %s"
    return (
        f"SELECT (SELECT COALESCE(SUM({column(grant, 'amount_pence')}), 0) FROM {table(grant)}"
        f" WHERE {column(grant, 'activity')} = %s),"
        f" (SELECT COALESCE(SUM({column(worker, 'cost_pence')}), 0) FROM {table(worker)}"
        f" WHERE {booked}),"
        f" EXISTS (SELECT 1 FROM {table(worker)} WHERE {booked}),"
        f" EXISTS (SELECT 1 FROM {table(need)} WHERE {column(need, 'activity')} = %s"
        f" AND {column(need, 'workers_needed')} > 0),"
        f" EXISTS (SELECT 1 FROM {table(share)} WHERE {column(share, 'activity')} = %s"
        f" AND {column(share, 'charged')})"
    )


def _amounts(activity: Activity) -> dict[str, Any]:
    """The grants, the support workers booked (their cost, and whether any are), whether
    the share is charged and whether support workers are needed: one plain query (the
    ORM's building of it, five subqueries, cost about 2 ms of Python against 0.2 ms of
    PostgreSQL's time, and a booking that gets a place pays it under the activity's
    lock, in its "You are booked" message)."""
    pk, booked = activity.pk, str(SupportBooking.Status.BOOKED)
    with connection.cursor() as cursor:
        cursor.execute(_amounts_sql(), [pk, pk, booked, pk, booked, pk, pk])
        grants, support, support_booked, needed, charged = cursor.fetchone()
    return {
        "grants_pence": int(grants),
        "support_pence": int(support),
        "support_booked": bool(support_booked),
        "support_needed": bool(needed),
        "share_charged": bool(charged),
    }


@functools.cache
def _lines_sql() -> str:
    """The (planned, real, expense, what) of activity %s's cost lines, in their order."""
    line = CostLine
    order = ", ".join(column(line, name) for name in ("created_at", "id"))
    return (
        f"SELECT {column(line, 'planned_pence')}, {column(line, 'real_pence')},"
        f" {column(line, 'expense')}, {column(line, 'what')} FROM {table(line)}"
        f" WHERE {column(line, 'activity')} = %s ORDER BY {order}"
    )


def share_for(activity: Activity, amounts: dict[str, Any] | None = None) -> Share:
    """The activity's costs and each person's share, in whole pence (in two queries;
    `amounts`: _amounts(), when the caller has read it)."""
    with connection.cursor() as cursor:
        cursor.execute(_lines_sql(), [activity.pk])
        lines = cursor.fetchall()
    amounts = _amounts(activity) if amounts is None else amounts
    planned = sum(planned for planned, _, _, _ in lines)
    real = sum(real if expense is not None else planned for planned, real, expense, _ in lines)
    grants = amounts["grants_pence"]
    support = amounts["support_pence"]
    what: list[str] = []
    for *_, words in lines:
        if words not in what:
            what.append(words)
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
