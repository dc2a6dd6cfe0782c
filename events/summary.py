"""The one source of the numbers about activities, used by the board's page and API, the
quarterly report (through finance.reports.providers) and the board pack: activities held
(only those that have started), who came and who did not (only where attendance is known),
the booking fees paid, given back, kept and still held, the members' faces and incidents.
Aggregated in SQL: a handful of grouped queries whatever the number of activities."""

import datetime as dt
from typing import Any

from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Activity, Booking, Evaluation, Feedback
from members.models import Branch

__all__ = ["activity_summary", "one_in"]

BookingStatus = Booking.Status
FeeStatus = Booking.FeeStatus

# A fee that reached the co-operative (whatever happened to it next).
PAID = (
    FeeStatus.HELD,
    FeeStatus.PART_REFUNDED,
    FeeStatus.KEPT,
    FeeStatus.REFUND_PENDING,
    FeeStatus.REFUNDED,
)
# The people booked who were expected to come.
EXPECTED = (BookingStatus.CONFIRMED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)
# The figures each grouped query gives, by branch (added up for the total).
ACTIVITIES = ("activities_held", "activities_to_come", "places")
ATTENDANCE = ("bookings", "attended", "no_shows")
MONEY = ("fees_kept_pence", "fees_refunded_pence", "fees_taken_pence")
INCIDENTS = ("incidents", "incidents_for_board")
ADDED_UP = (*ACTIVITIES, *ATTENDANCE, *MONEY, *INCIDENTS)


def one_in(total: int, part: int) -> int | None:
    """N for "1 in N" (rounded, at least 1); None when part is 0."""
    if not part:
        return None
    return max(1, round(total / part))


def _sum(expression: str | CombinedExpression, condition: Q | None = None) -> Coalesce:
    return Coalesce(Sum(expression, filter=condition), Value(0), output_field=IntegerField())


def _empty() -> dict[str, Any]:
    numbers: dict[str, Any] = dict.fromkeys(ADDED_UP, 0)
    numbers["faces"] = dict.fromkeys(Feedback.Face.values, 0)
    return numbers


def _finish(numbers: dict[str, Any]) -> dict[str, Any]:
    """Fill in the figures made from the others: whose attendance is known (came or did not
    come), "1 in N" of them did not come, and the fees still held, so that paid = given back
    + kept + still held."""
    numbers["attendance_known"] = numbers["attended"] + numbers["no_shows"]
    numbers["no_show_one_in"] = one_in(numbers["attendance_known"], numbers["no_shows"])
    numbers["fees_held_pence"] = (
        numbers["fees_taken_pence"] - numbers["fees_refunded_pence"] - numbers["fees_kept_pence"]
    )
    return numbers


def activity_summary(
    *, start: dt.datetime, end: dt.datetime, branch: Branch | None = None
) -> dict[str, Any]:
    """Numbers for published (not cancelled) activities starting in [start, end).

    Held are those that started before now (and before `end`); activities_to_come are the
    rest. bookings, attended and no_shows are for the activities held (bookings: the people
    expected, came or not or not yet marked); no_show_one_in is of attendance_known (came +
    did not come). Fees are for every activity in the period, held or to come: taken is every
    fee paid; kept is what the co-operative keeps (did not come, cancelled late); refunded is
    what has been given back; held is the rest, still held. until is when the figures stop
    (now, for a period not over: so_far). by_branch has the same numbers by branch name."""
    until = min(end, timezone.now())
    activities = Activity.objects.filter(
        status=Activity.Status.PUBLISHED, starts_at__gte=start, starts_at__lt=end
    )
    if branch is not None:
        activities = activities.filter(branch=branch)
    held = activities.filter(starts_at__lt=until)
    by_branch: dict[str, dict[str, Any]] = {}
    _add_activities(by_branch, activities, until)
    _add_bookings(by_branch, activities, until)
    _add_feedback(by_branch, held)
    _add_incidents(by_branch, held)
    total = _total(by_branch)
    total["by_branch"] = dict(sorted(by_branch.items()))
    total["start"], total["end"], total["until"] = start, end, until
    total["so_far"] = until < end
    total["branch"] = branch.name if branch is not None else None
    return total


def _row(by_branch: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    return by_branch.setdefault(name, _empty())


def _add_activities(by_branch: dict, activities: QuerySet[Activity], until: dt.datetime) -> None:
    started = Q(starts_at__lt=until)
    for line in (
        activities.values("branch__name")
        .annotate(
            activities_held=Count("id", filter=started),
            activities_to_come=Count("id", filter=~started),
            places=_sum("places", started),
        )
        .order_by()
    ):
        _row(by_branch, line["branch__name"]).update({key: line[key] for key in ACTIVITIES})


def _add_bookings(by_branch: dict, activities: QuerySet[Activity], until: dt.datetime) -> None:
    """Who came to the activities held; the fees of every activity in the period."""
    held = Q(activity__starts_at__lt=until)
    for line in (
        Booking.objects.filter(activity__in=activities)
        .values("activity__branch__name")
        .annotate(
            bookings=Count("id", filter=held & Q(status__in=EXPECTED)),
            attended=Count("id", filter=held & Q(status=BookingStatus.ATTENDED)),
            no_shows=Count("id", filter=held & Q(status=BookingStatus.NO_SHOW)),
            # A fee part given back before it was kept: only the rest is kept.
            fees_kept_pence=_sum(
                F("fee_pence") - F("refunded_pence"), Q(fee_status=FeeStatus.KEPT)
            ),
            fees_refunded_pence=_sum("refunded_pence"),
            fees_taken_pence=_sum("fee_pence", Q(fee_status__in=PAID)),
        )
        .order_by()
    ):
        numbers = _row(by_branch, line["activity__branch__name"])
        numbers.update({key: line[key] for key in (*ATTENDANCE, *MONEY)})


def _add_feedback(by_branch: dict, activities: QuerySet[Activity]) -> None:
    for line in (
        Feedback.objects.filter(booking__activity__in=activities)
        .values("booking__activity__branch__name", "face")
        .annotate(count=Count("id"))
        .order_by()
    ):
        faces = _row(by_branch, line["booking__activity__branch__name"])["faces"]
        faces[line["face"]] = line["count"]


def _add_incidents(by_branch: dict, activities: QuerySet[Activity]) -> None:
    for line in (
        Evaluation.objects.filter(activity__in=activities)
        .values("activity__branch__name")
        .annotate(
            incidents=Count("id", filter=~Q(incidents="")),
            incidents_for_board=Count("id", filter=Q(incident_for_board=True)),
        )
        .order_by()
    ):
        numbers = _row(by_branch, line["activity__branch__name"])
        numbers.update({key: line[key] for key in INCIDENTS})


def _total(by_branch: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The branches' numbers added up; each branch's (and the total's) "1 in N" filled in."""
    total = _empty()
    for numbers in by_branch.values():
        for key in ADDED_UP:
            total[key] += numbers[key]
        for face, count in numbers["faces"].items():
            total["faces"][face] += count
        _finish(numbers)
    return _finish(total)
