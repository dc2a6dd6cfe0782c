"""Reads about activities and bookings, with the places counted in the same query."""

import datetime as dt

from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Activity, Booking
from members.models import Branch, Member, User
from members.selectors import supported_members

B = Booking.Status


def with_places(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Annotate places taken and the waiting count, so a list needs one query."""
    return activities.annotate(
        taken=Coalesce(
            Sum("bookings__places_used", filter=Q(bookings__status__in=Booking.HOLDING)),
            Value(0),
            output_field=IntegerField(),
        ),
        waiting=Count("bookings", filter=Q(bookings__status=B.WAITING)),
    )


def activity_list(
    *,
    branch: Branch | None = None,
    month: dt.date | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> QuerySet[Activity]:
    """Published activities still to come (or in a window), soonest first."""
    activities = Activity.objects.filter(status=Activity.Status.PUBLISHED).select_related("branch")
    activities = activities.filter(starts_at__gte=start or timezone.now())
    if end is not None:
        activities = activities.filter(starts_at__lt=end)
    if branch is not None:
        activities = activities.filter(branch=branch)
    if month is not None:
        activities = activities.filter(starts_at__year=month.year, starts_at__month=month.month)
    return with_places(activities).order_by("starts_at", "id")


def activity_get(*, pk: int, published_only: bool = True) -> Activity:
    activities = Activity.objects.select_related("branch")
    if published_only:
        activities = activities.exclude(status=Activity.Status.DRAFT)
    return with_places(activities).get(pk=pk)


def organiser_activity_list() -> QuerySet[Activity]:
    return with_places(Activity.objects.select_related("branch")).order_by("-starts_at")


def bookings_for_member(member: Member) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(member=member)
        .select_related("activity__branch")
        .order_by("-activity__starts_at")
    )


def bookings_i_can_see(user: User) -> QuerySet[Booking]:
    """My bookings and those of members I support."""
    members = Member.objects.filter(Q(user=user) | Q(pk__in=supported_members(user)))
    return (
        Booking.objects.filter(member__in=members)
        .select_related("activity__branch", "member")
        .order_by("-activity__starts_at")
    )


def activity_bookings(activity: Activity) -> QuerySet[Booking]:
    return activity.bookings.select_related("member", "member__branch").order_by(
        "waiting_since", "created_at", "id"
    )


def booking_for_member(member: Member, activity: Activity) -> Booking | None:
    return Booking.objects.filter(member=member, activity=activity, status__in=Booking.LIVE).first()
