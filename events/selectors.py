"""Reads about activities and bookings, with the places counted in the same query."""

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_date
from events.models import Activity, Booking, Reminder, WhatsOnMessage
from events.permissions import can_manage_activities
from events.services.reminders import REMINDED
from members.models import Branch, Member, User
from members.outbox.today import Work, letters_since
from members.selectors import supported_members


def with_places(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Annotate places taken and the waiting count, so a list needs one query. Correlated
    subqueries (not a join with GROUP BY) let a page's LIMIT apply first and keep the
    paginator's COUNT free of the bookings table."""
    bookings = Booking.objects.filter(activity=OuterRef("pk")).order_by().values("activity")
    taken = bookings.filter(status__in=Booking.HOLDING).annotate(n=Sum("places_used"))
    waiting = bookings.filter(status=Booking.Status.WAITING).annotate(n=Count("id"))
    return activities.annotate(
        taken=Coalesce(Subquery(taken.values("n")), Value(0), output_field=IntegerField()),
        waiting=Coalesce(Subquery(waiting.values("n")), Value(0), output_field=IntegerField()),
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


def activity_get(*, pk: int, published_only: bool = True, counted: bool = True) -> Activity:
    """With places taken and waiting counted, unless `counted` is False (for a caller that
    counts again under the activity's lock, as booking does)."""
    activities = Activity.objects.select_related("branch")
    if published_only:
        activities = activities.exclude(status=Activity.Status.DRAFT)
    return (with_places(activities) if counted else activities).get(pk=pk)


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
    # The member ids first: an OR with a subquery inside the bookings query made
    # PostgreSQL scan every booking.
    ids = list(Member.objects.filter(user=user).values_list("pk", flat=True))
    ids += list(supported_members(user).values_list("pk", flat=True))
    return (
        Booking.objects.filter(member_id__in=ids)
        .select_related("activity__branch", "member")
        .order_by("-activity__starts_at")
    )


def activity_bookings(activity: Activity) -> QuerySet[Booking]:
    return activity.bookings.select_related("member", "member__branch").order_by(
        "waiting_since", "created_at", "id"
    )


def booking_for_member(member: Member, activity: Activity) -> Booking | None:
    return Booking.objects.filter(member=member, activity=activity, status__in=Booking.LIVE).first()


def work_today(now: dt.datetime, user: User) -> tuple[list[Work], list[Work]]:
    """Today's reminder and "what's on" calls to make and letters to print, for the top of
    the organisers' messages page (registered with members.outbox.today at start-up):
    calls still waiting for activities to come; letters written since the last working
    day ended (nobody marks these printed). Nothing for someone who cannot open them."""
    if not can_manage_activities(user):
        return [], []
    waiting_calls = (Reminder.Status.TO_CALL, Reminder.Status.NO_ANSWER)
    reminders = (
        Reminder.objects.filter(
            booking__status__in=REMINDED,
            booking__activity__status=Activity.Status.PUBLISHED,
            booking__activity__starts_at__gt=now,
        )
        .order_by("booking__activity__starts_at", "booking__activity_id")
        .values("booking__activity_id", "booking__activity__title", "booking__activity__starts_at")
    )
    since = letters_since(now)

    def per_activity(rows, about: str, url: str) -> list[Work]:
        return [
            Work(
                f"{about} {row['booking__activity__title']}, "
                f"{easy_date(row['booking__activity__starts_at'])}",
                row["n"],
                reverse(url, args=[row["booking__activity_id"]]),
            )
            for row in rows.annotate(n=Count("id"))
        ]

    calls = per_activity(
        reminders.filter(way=Reminder.Way.PHONE, status__in=waiting_calls),
        "Reminders for",
        "reminder-calls",
    )
    whats_on_calls = WhatsOnMessage.objects.filter(
        way=Reminder.Way.PHONE, status__in=waiting_calls
    ).count()
    calls.append(Work("What's on: new activities", whats_on_calls, reverse("whats-on")))
    letters = per_activity(
        reminders.filter(
            way=Reminder.Way.LETTER,
            status=Reminder.Status.LETTER_READY,
            recipient="member",
            created_at__gte=since,
        ),
        "Reminder letters (PDF) for",
        "reminder-letters",
    )
    rounds = (
        WhatsOnMessage.objects.filter(
            way=Reminder.Way.LETTER,
            status=Reminder.Status.LETTER_READY,
            recipient="member",
            created_at__gte=since,
        )
        .order_by("round_id")
        .values("round_id")
        .annotate(n=Count("id"))
    )
    letters += [
        Work(
            "What's on letters (PDF)", row["n"], reverse("whats-on-letters", args=[row["round_id"]])
        )
        for row in rounds
    ]
    return calls, letters
