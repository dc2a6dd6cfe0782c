"""Organisers create, publish and cancel activities."""

from django.db import transaction
from django.utils import timezone

from coop.actors import Actor
from coop.audit import audit
from coop.dates import HELD, check_in_range
from coop.errors import CoopError
from coop.states import check_transition
from events.cost_share import share_for
from events.models import Activity, Booking
from events.services.bookings import booking_cancel_by_coop
from events.services.reminders import LONGEST_HOURS
from events.services.support import support_publish_check
from events.services.transport import transport_follow
from events.services.whats_on import whats_on_queue

__all__ = ["activity_cancel", "activity_create", "activity_publish", "activity_update"]

ActivityStatus = Activity.Status
TRANSITIONS = {
    ActivityStatus.DRAFT: {ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED},
    ActivityStatus.PUBLISHED: {ActivityStatus.CANCELLED},
    ActivityStatus.CANCELLED: set(),
}


def _check_reminder_hours(value) -> None:
    if not isinstance(value, list) or not value:
        raise CoopError("Please choose at least 1 time to remind people.", code="bad_reminders")
    for hours in value:
        if isinstance(hours, bool) or not isinstance(hours, int) or not 0 < hours <= LONGEST_HOURS:
            raise CoopError(
                "Reminders go between 1 hour and 14 days before the activity.",
                code="bad_reminders",
            )


def _check_in_range(fields: dict) -> None:
    for name in Activity.TIME_FIELDS:
        if name in fields:
            check_in_range(fields[name], HELD)


def _check(fields: dict) -> None:
    if fields["ends_at"] <= fields["starts_at"]:
        raise CoopError("The activity must end after it starts.", code="bad_times")
    if fields["booking_closes_at"] > fields["starts_at"]:
        raise CoopError("Booking must close before the activity starts.", code="bad_times")
    if fields["booking_opens_at"] >= fields["booking_closes_at"]:
        raise CoopError("Booking must open before it closes.", code="bad_times")
    if fields["cancel_by"] > fields["starts_at"]:
        raise CoopError("The last day to cancel must be before the activity.", code="bad_times")
    if "reminder_hours" in fields:
        _check_reminder_hours(fields["reminder_hours"])


@transaction.atomic
def activity_create(*, actor: Actor, **fields) -> Activity:
    """A new activity, as a draft until it is published. Raises CoopError on bad times or
    reminder times (whole hours, 1 hour to 14 days before), DateOutOfRange on a time
    outside sense."""
    _check_in_range(fields)
    _check(fields)
    activity = Activity.objects.create(created_by=actor, **fields)
    audit(actor=actor, action="activity.created", target=activity)
    return activity


def _share_follows_places(activity: Activity, changed: list[str]) -> list[str]:
    """A draft whose share is charged takes the share for its new places as its cost on
    the day (as it does when its costs change: events.services.costs), unless the
    organiser typed a cost on the day with them. Returns ["cost_pence"] when it changed."""
    if "places" not in changed or "cost_pence" in changed:
        return []
    if activity.status != ActivityStatus.DRAFT:
        return []
    share = share_for(activity)
    if not share.charged or activity.cost_pence == share.each_pence:
        return []
    activity.cost_pence = share.each_pence
    return ["cost_pence"]


@transaction.atomic
def activity_update(*, activity: Activity, actor: Actor, **fields) -> Activity:
    """Change an activity. Places cannot go below the places already taken."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == ActivityStatus.CANCELLED:
        raise CoopError("This activity is cancelled. It cannot be changed.")
    merged = {
        f: fields.get(f, getattr(activity, f))
        for f in ("starts_at", "ends_at", "booking_opens_at", "booking_closes_at", "cancel_by")
    }
    _check_in_range({k: v for k, v in fields.items() if getattr(activity, k, v) != v})
    _check(merged)
    if "reminder_hours" in fields:
        _check_reminder_hours(fields["reminder_hours"])
    taken = sum(
        activity.bookings.filter(status__in=Booking.HOLDING).values_list("places_used", flat=True)
    )
    if fields.get("places", activity.places) < taken:
        raise CoopError(f"{taken} places are booked already. Places cannot be fewer.")
    changed = [name for name, value in fields.items() if getattr(activity, name) != value]
    starts_at, ends_at = activity.starts_at, activity.ends_at
    for name in changed:
        setattr(activity, name, fields[name])
    # Its transport moves with it (or the move is refused when it no longer fits).
    transport_follow(
        activity,
        start_moved=activity.starts_at - starts_at,
        end_moved=activity.ends_at - ends_at,
        actor=actor,
    )
    changed += _share_follows_places(activity, changed)
    if changed:
        activity.save()
        audit(actor=actor, action="activity.updated", target=activity, data={"fields": changed})
    return activity


@transaction.atomic
def activity_publish(
    *, activity: Activity, actor: Actor, without_support: bool = False
) -> Activity:
    """Members can see and book it, and a "what is on" run is queued to tell every member
    (events.services.whats_on: activities published together share one message).
    Publishing twice changes nothing. Short of support workers, it is refused unless
    `without_support` (the organiser's confirmation, recorded: events.services.support)."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == ActivityStatus.PUBLISHED:
        return activity
    check_transition(TRANSITIONS, activity.status, ActivityStatus.PUBLISHED, what="activity")
    support_publish_check(activity=activity, actor=actor, without_support=without_support)
    activity.status = ActivityStatus.PUBLISHED
    activity.save(update_fields=["status"])
    audit(actor=actor, action="activity.published", target=activity)
    transaction.on_commit(whats_on_queue)
    return activity


def activity_cancel(*, activity: Activity, actor: Actor, reason: str) -> Activity:
    """The co-operative cancels the activity: every booking is cancelled, every fee paid is
    refunded in full (whatever the deadline), and everyone is told. Safe to repeat: a
    second call finishes any booking the first did not reach."""
    if not reason.strip():
        raise CoopError(
            "Please say why the activity is cancelled. Members will be told.",
            code="reason_needed",
        )
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.status != ActivityStatus.CANCELLED:
            activity.status = ActivityStatus.CANCELLED
            activity.cancelled_reason = reason.strip()
            activity.save(update_fields=["status", "cancelled_reason"])
            audit(
                actor=actor,
                action="activity.cancelled",
                target=activity,
                data={"reason": reason.strip(), "at": timezone.now().isoformat()},
            )
    for booking in activity.bookings.filter(status__in=Booking.LIVE):
        booking_cancel_by_coop(booking=booking, actor=actor)
    return activity
