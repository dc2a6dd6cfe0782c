"""Reads about activities and bookings, with the places taken read in the same query."""

import datetime as dt
import functools

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_date
from coop.sql import column, placeholders, table
from events.models import (
    Activity,
    Booking,
    Feedback,
    GroupMessage,
    Reminder,
    Suggestion,
    SuggestionInterest,
    WhatsOnMessage,
    WhatsOnRound,
)
from events.permissions import can_manage_activities
from events.services.reminders import REMINDED
from members.models import Branch, Member, SupportLink, User
from members.outbox.models import Message
from members.outbox.today import Work, letters_since
from members.selectors import member_for_user, supported_members


def with_places(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Annotate places taken and the waiting count, so a list needs one query: read from
    the row the database keeps for each activity (ActivityPlaces, kept by a trigger on the
    bookings), joined on the activity's id, not counted from its bookings."""
    return activities.annotate(
        taken=Coalesce(F("places_kept__taken"), Value(0)),
        waiting=Coalesce(F("places_kept__waiting"), Value(0)),
    )


# The access facts a list of activities can be narrowed to (Activity's own fields).
ACCESS = ("step_free", "accessible_toilet", "quiet_space")


def activity_list(
    *,
    branch: Branch | None = None,
    month: dt.date | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    access: tuple[str, ...] = (),
) -> QuerySet[Activity]:
    """Published activities still to come (or in a window), soonest first; with `access`
    (names of Activity's access fields), only those that have every one."""
    activities = _published().filter(starts_at__gte=start or timezone.now())
    if end is not None:
        activities = activities.filter(starts_at__lt=end)
    if branch is not None:
        activities = activities.filter(branch=branch)
    if month is not None:
        activities = activities.filter(starts_at__year=month.year, starts_at__month=month.month)
    activities = activities.filter(**{name: True for name in access if name in ACCESS})
    return activities.order_by("starts_at", "id")


@functools.cache
def _published() -> QuerySet[Activity]:
    """Published activities with their places taken, built once a process: building the
    query costs Python each time. Each caller filters a copy, so this one is never read.
    (What's on and the API's list read the same list in plain SQL: events.upcoming.)"""
    return with_places(
        Activity.objects.filter(status=Activity.Status.PUBLISHED).select_related("branch")
    )


@functools.cache
def _my_places_sql(activities: int) -> str:
    """SELECT (activity, status) of user %s's member's live bookings (the LIVE statuses
    next) on `activities` activities (their ids last)."""
    b, m = Booking, Member
    live = placeholders(len(Booking.LIVE))
    ids = placeholders(activities)
    return (
        f"SELECT {column(b, 'activity')}, {column(b, 'status')} FROM {table(b)}"
        f" JOIN {table(m)} ON {column(m, 'id')} = {column(b, 'member')}"
        f" WHERE {column(m, 'user')} = %s AND {column(b, 'status')} IN ({live})"
        f" AND {column(b, 'activity')} IN ({ids})"
    )


def my_places(user: User, activity_ids: list[int]) -> tuple[set[int], set[int]]:
    """Of these activities, those the user's own member is booked on and those they wait
    for (none for someone who is not a member). One plain query (What's on asks on every
    page; the ORM's building of it cost 0.3 ms): the member is joined, not read first."""
    if not activity_ids or not getattr(user, "pk", None):
        return set(), set()
    with connection.cursor() as cursor:
        cursor.execute(
            _my_places_sql(len(activity_ids)),
            [user.pk, *(str(status) for status in Booking.LIVE), *activity_ids],
        )
        mine = dict(cursor.fetchall())
    waiting = {pk for pk, status in mine.items() if status == Booking.Status.WAITING}
    return set(mine) - waiting, waiting


def activity_get(*, pk: int, published_only: bool = True) -> Activity:
    """With places taken and waiting counted."""
    activities = Activity.objects.select_related("branch")
    if published_only:
        activities = activities.exclude(status=Activity.Status.DRAFT)
    return with_places(activities).get(pk=pk)


def organiser_activity_list() -> QuerySet[Activity]:
    return with_places(Activity.objects.select_related("branch")).order_by("-starts_at")


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


def members_i_book_for(user: User) -> list[Member]:
    """My own member (`supported` False) and the members I support now (`supported` True,
    the links of members.selectors.supported_members), by name, in one query. Plain SQL:
    the same UNION built through the ORM costs about 2 ms of Python a page against 0.5 ms
    for this (measured at `make bench`'s L). Only the fields My bookings reads are loaded."""
    return list(Member.objects.raw(_members_i_book_for_sql(), [user.pk, user.pk]))


@functools.cache
def _members_i_book_for_sql() -> str:
    col = column
    fields = ", ".join(
        col(Member, name, "m") for name in ("id", "user", "first_name", "last_name", "known_as")
    )
    return (
        f"SELECT {fields}, false AS supported FROM {table(Member)} m"
        f" WHERE {col(Member, 'user', 'm')} = %s"
        f" UNION ALL SELECT {fields}, true FROM {table(Member)} m"
        f" JOIN {table(SupportLink)} l"
        f" ON {col(SupportLink, 'member', 'l')} = {col(Member, 'id', 'm')}"
        f" WHERE {col(SupportLink, 'supporter', 'l')} = %s"
        f" AND {col(SupportLink, 'accepted_at', 'l')} IS NOT NULL"
        f" AND {col(SupportLink, 'withdrawn_at', 'l')} IS NULL"
        f" ORDER BY {col(Member, 'last_name', None)}, {col(Member, 'first_name', None)}"
    )


# What My bookings reads of each booking and its activity (events.fee_words' sentences
# included). Only these are loaded: the rest (nine more dates, two JSON lists) cost more to
# turn into Python than the page spends on anything else. A field used but not listed
# costs a query per booking, which the page's query-count test catches.
MY_BOOKING_FIELDS = (
    "member_id",
    "status",
    "fee_status",
    "fee_pence",
    "refunded_pence",
    "payment_method",
    "hold_expires_at",
    "activity__title",
    "activity__starts_at",
    "activity__ends_at",
    "activity__cancel_by",
    "activity__meeting_point",
)


def bookings_of(members: list[Member]) -> list[Booking]:
    """These members' bookings, latest activity first, each with its activity and (from
    `members`, not read again) its member."""
    by_id = {member.pk: member for member in members}
    bookings = list(
        Booking.objects.filter(member_id__in=by_id)
        .select_related("activity")
        .only(*MY_BOOKING_FIELDS)
        .order_by("-activity__starts_at")
    )
    for booking in bookings:
        booking.member = by_id[booking.member_id]
    return bookings


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
    reminders = (
        Reminder.objects.filter(
            booking__status__in=REMINDED,
            booking__activity__status=Activity.Status.PUBLISHED,
            booking__activity__starts_at__gt=now,
        )
        .order_by("booking__activity__starts_at", "booking__activity_id")
        .values("booking__activity_id", "booking__activity__title", "booking__activity__starts_at")
    )
    return _calls_to_make(reminders), _letters_to_print(reminders, since=letters_since(now))


def _per_activity(rows: QuerySet, about: str, url: str) -> list[Work]:
    return [
        Work(
            f"{about} {row['booking__activity__title']}, "
            f"{easy_date(row['booking__activity__starts_at'])}",
            row["n"],
            reverse(url, args=[row["booking__activity_id"]]),
        )
        for row in rows.annotate(n=Count("id"))
    ]


def _calls_to_make(reminders: QuerySet) -> list[Work]:
    calls = _per_activity(
        reminders.filter(way=Reminder.Way.PHONE, status__in=Reminder.CALLS_TO_MAKE),
        "Reminders for",
        "reminder-calls",
    )
    whats_on_calls = whats_on_calls_to_make().count()
    calls.append(Work("What's on: new activities", whats_on_calls, reverse("whats-on")))
    return calls


def _letters_to_print(reminders: QuerySet, *, since: dt.datetime) -> list[Work]:
    letters = _per_activity(
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
    return letters + [
        Work(
            "What's on letters (PDF)", row["n"], reverse("whats-on-letters", args=[row["round_id"]])
        )
        for row in rounds
    ]


def evaluation_people(activity: Activity) -> dict:
    """Who came, who did not, who must not be in a photo, and what members said: the
    evaluation page's facts about an activity."""
    attended = list(
        activity.bookings.filter(status=Booking.Status.ATTENDED).select_related("member")
    )
    feedback = Feedback.objects.filter(booking__activity=activity).select_related("booking__member")
    return {
        "photos": activity.photos.prefetch_related("members"),
        "came": len(attended),
        "no_shows": activity.bookings.filter(status=Booking.Status.NO_SHOW).count(),
        "no_photos": [b.member for b in attended if not b.member.photo_consent],
        "feedback": feedback,
    }


def suggestion_list(user: User, member: Member | None = None) -> QuerySet[Suggestion]:
    """Every idea with how many would like to go, and whether this user (or the member
    their supporter speaks for) said so."""
    member = member or member_for_user(user)
    mine = (
        Exists(SuggestionInterest.objects.filter(suggestion=OuterRef("pk"), member=member))
        if member
        else Value(False)
    )
    return suggestions_counted().annotate(i_said=mine).order_by("status", "-created_at", "-id")


def suggestions_counted() -> QuerySet[Suggestion]:
    """Ideas with how many would like to go (`interested`)."""
    return Suggestion.objects.select_related("member").annotate(interested=Count("interests"))


def whats_on_round_list(*, limit: int) -> list[WhatsOnRound]:
    """The newest "what is on" rounds, each with how many messages went, letters wait to
    be printed and calls were to make."""
    sent = (Reminder.Status.QUEUED, Reminder.Status.SENT)
    return list(
        WhatsOnRound.objects.annotate(
            sent=Count("messages", filter=Q(messages__status__in=sent)),
            letters=Count(
                "messages",
                filter=Q(
                    messages__way=Reminder.Way.LETTER,
                    messages__status=Reminder.Status.LETTER_READY,
                    messages__recipient="member",
                ),
            ),
            calls=Count("messages", filter=Q(messages__way=Reminder.Way.PHONE)),
        )
        .prefetch_related("activities")
        .order_by("-created_at", "-id")[:limit]
    )


def whats_on_calls_to_make() -> QuerySet[WhatsOnMessage]:
    """ "What is on" messages still to phone through (not yet called, or no answer)."""
    return (
        WhatsOnMessage.objects.filter(
            way=Reminder.Way.PHONE,
            status__in=Reminder.CALLS_TO_MAKE,
        )
        .select_related("member", "round")
        .order_by("round__created_at", "member__last_name", "member__first_name", "id")
    )


def reminder_call_list(activity: Activity) -> QuerySet[Reminder]:
    """The activity's reminders by phone, in name order: the organiser's call list."""
    return (
        Reminder.objects.filter(booking__activity=activity, way=Reminder.Way.PHONE)
        .select_related("booking__member", "called_by")
        .order_by("booking__member__last_name", "booking__member__first_name", "slot", "id")
    )


def group_message_for_organisers(sent: GroupMessage) -> int:
    """How many of a group message's letters and calls still wait for an organiser now
    (not when it was written)."""
    return Message.objects.filter(
        kind="group_message",
        data__group_message=sent.pk,
        recipient=Message.Recipient.MEMBER,
        status__in=Message.FOR_ORGANISERS,
    ).count()


def payment_words(references: list[str]) -> dict[str, str]:
    """finance's describer for "booking:<id>": what the payment is for, with the activity's
    day and year ("Booking fee for Bowling on Saturday 12 December 2026"), in one read."""
    ids = {}
    for reference in references:
        number = reference.removeprefix("booking:")
        if number.isdigit():
            ids[int(number)] = reference
    bookings = Booking.objects.filter(pk__in=ids).select_related("activity")
    return {
        ids[b.pk]: f"Booking fee for {b.activity.title} on "
        f"{easy_date(b.activity.starts_at, with_year=True)}"
        for b in bookings
    }
