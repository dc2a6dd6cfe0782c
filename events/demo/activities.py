"""The demo co-operative's activities: ten across the two branches, past and to come,
with bookings in every state a member can meet — all made through the services, as an
organiser, a member or a supporter would. Cash only: the demo runs without Stripe, so no
booking waits for a card payment (awaiting_payment needs one).

Deterministic (the same activities, members and states every time, with dates counted
from today) and safe to run again: an activity already there (same title and branch) is
left as it is, with its bookings."""

import datetime as dt
import functools
import operator

from django.db import transaction
from django.db.models import F, Q
from django.test.utils import override_settings
from django.utils import timezone

from coop.dates import day_at
from coop.demo import Loaded
from events import services
from events.demo.cast import Demo, book, cast, hand_back
from events.demo.plans import PLANS, Plan
from events.forms import PICTURES
from events.models import Activity, Booking


def _attendance(demo: Demo, plan: Plan, activity: Activity) -> None:
    """Mark who came. The fee held for each who came is handed back; the fee of a
    paid booking whose member did not come is kept."""
    bookings = {b.member_id: b for b in activity.bookings.all()}
    for who, payment in plan.bookings:
        came = who not in plan.absent
        booking = services.attendance_mark(
            booking=bookings[demo.who(who).pk], actor=demo.organiser, attended=came
        )
        if came and payment == "cash_received":
            hand_back(demo, booking, "came to the activity")


def _times(plan: Plan, today: dt.date) -> dict[str, dt.datetime]:
    """The activity's times. A past activity gets the same shape of times starting
    tomorrow (booking is open now), to be moved back after its bookings are made."""
    day = today + dt.timedelta(days=plan.days if plan.days > 0 else 1)
    starts, ends = day_at(day, plan.hours[0]), day_at(day, plan.hours[1])
    return {
        "starts_at": starts,
        "ends_at": ends,
        "booking_opens_at": day_at(today - dt.timedelta(days=14), 9),
        "booking_closes_at": starts - dt.timedelta(hours=2),
        "cancel_by": starts - dt.timedelta(days=2),
    }


def _move_into_the_past(activity: Activity, days: int, today: dt.date) -> None:
    """The services will not make an activity in the past, nor book one (booking has
    closed), so a past activity is made to come and then moved back here, every time
    by the same amount. A queryset update is the only way to backdate: the services
    rightly refuse to, and it skips history, which is right for made-up data."""
    shift = day_at(today + dt.timedelta(days=1)) - day_at(today + dt.timedelta(days=days))
    Activity.objects.filter(pk=activity.pk).update(
        **{
            name: F(name) - shift
            for name in (
                "starts_at",
                "ends_at",
                "booking_opens_at",
                "booking_closes_at",
                "cancel_by",
            )
        }
    )
    activity.refresh_from_db()


def _load(demo: Demo, plan: Plan, today: dt.date) -> Activity:
    activity = services.activity_create(
        actor=demo.organiser,
        title=plan.title,
        summary=plan.summary,
        picture=plan.picture,
        picture_alt=dict(PICTURES)[plan.picture],
        branch=demo.branches[plan.branch],
        meeting_point=plan.meeting_point,
        places=plan.places,
        cost_pence=plan.cost_pence,
        fee_pence=plan.fee_pence,
        **_times(plan, today),
        **plan.extra,
    )
    if plan.publish:
        activity = services.activity_publish(activity=activity, actor=demo.organiser)
    for who, payment in plan.bookings:
        book(demo, activity, demo.who(who), payment)
    if plan.then:
        plan.then(demo, activity)
    if plan.days < 0:
        _move_into_the_past(activity, plan.days, today)
        _attendance(demo, plan, activity)
    return activity


def load_activities() -> dict[str, int]:
    """Make the demo activities that are missing. Returns how many there are, and how
    many bookings."""
    demo = cast()
    today = timezone.localdate()
    # Pretend bookings: nobody is emailed about them.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for plan in PLANS:
            branch = demo.branches[plan.branch]
            if Activity.objects.filter(title=plan.title, branch=branch).exists():
                continue
            # All of an activity or none of it, so a second run never finds half of one.
            # The services' after-commit work (refunds, offers) is also done in the plan,
            # so the demo is whole even when the caller holds a transaction open.
            with transaction.atomic():
                _load(demo, plan, today)
    ours = functools.reduce(
        operator.or_, (Q(title=plan.title, branch=demo.branches[plan.branch]) for plan in PLANS)
    )
    return {
        "activities": Activity.objects.filter(ours).count(),
        "bookings": Booking.objects.filter(activity__in=Activity.objects.filter(ours)).count(),
    }


def loaded_activities() -> Loaded:
    """The demo loader (coop.demo): the activities and their bookings."""
    made = load_activities()
    return Loaded(counts={"activities": made["activities"], "bookings": made["bookings"]})
