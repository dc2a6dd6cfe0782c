"""Reads about the people around the board: partner seats, the co-chairs' helper and their
hours, training."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from board.terms.people import BoardTraining, ChairsHelper, HelperHours, PartnerSeat


def partner_seats_on(day: dt.date) -> list[PartnerSeat]:
    """The partner organisations' seats running on `day`, by organisation."""
    return list(PartnerSeat.objects.on(day).order_by("organisation"))


def voting_partner_seats_on(day: dt.date) -> int:
    """How many partner seats the board's rules give a vote at meetings on `day`."""
    return PartnerSeat.objects.on(day).filter(has_vote=True).count()


def helpers_on(day: dt.date) -> list[ChairsHelper]:
    """The co-chairs' helpers working for the co-operative on `day`."""
    return list(ChairsHelper.objects.on(day).order_by("name"))


@dataclass(frozen=True)
class HelperMonth:
    helper: str
    month: dt.date  # the first day of the month
    minutes: int
    pay_pence: int
    days: int


def helper_months(*, since: dt.date) -> list[HelperMonth]:
    """The helpers' hours and pay for each month from the month of `since`, newest first."""
    rows = (
        HelperHours.objects.filter(worked_on__gte=since.replace(day=1))
        .annotate(month=TruncMonth("worked_on"))
        .values("helper__name", "month")
        .annotate(
            minutes=Sum("minutes"), pay=Sum("pay_pence"), days=Count("worked_on", distinct=True)
        )
        .order_by("-month", "helper__name")
    )
    return [
        HelperMonth(
            helper=row["helper__name"],
            month=row["month"],
            minutes=row["minutes"],
            pay_pence=row["pay"],
            days=row["days"],
        )
        for row in rows
    ]


def helper_hours_recent(*, since: dt.date) -> list[HelperHours]:
    """Each piece of work since `since`, newest first."""
    return list(
        HelperHours.objects.filter(worked_on__gte=since)
        .select_related("helper")
        .order_by("-worked_on", "-pk")
    )


def training_list(*, limit: int = 20) -> list[BoardTraining]:
    """The newest training first."""
    return list(BoardTraining.objects.order_by("-held_on", "-pk")[:limit])
