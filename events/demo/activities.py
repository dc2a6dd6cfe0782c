"""The demo co-operative's activities: ten across the two branches, past and to come,
with bookings in every state a member can meet — all made through the services, as an
organiser, a member or a supporter would. Cash only: the demo runs without Stripe, so no
booking waits for a card payment (awaiting_payment needs one).

Deterministic (the same activities, members and states every time, with dates counted
from today, some in each of the last three quarters) and safe to run again: an activity
already there (same title and branch) is left as it is, with its bookings."""

import datetime as dt
import functools
import operator

from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings
from django.utils import timezone

from coop.dates import day_at
from coop.demo import Loaded, clock_at
from events import services
from events.demo.cast import Demo, book, cast, hand_back
from events.demo.plans import PLANS, Plan
from events.forms import PICTURES
from events.models import Activity, Booking


def _attendance(demo: Demo, plan: Plan, activity: Activity) -> None:
    """Mark who came (not those who cancelled). The fee held for each who came is handed
    back; the fee of a paid booking whose member did not come is kept."""
    bookings = {b.member_id: b for b in activity.bookings.all()}
    for who, payment in plan.bookings:
        booking = bookings[demo.who(who).pk]
        if booking.status != Booking.Status.CONFIRMED:
            continue
        came = who not in plan.absent
        booking = services.attendance_mark(booking=booking, actor=demo.organiser, attended=came)
        if came and payment == "cash_received":
            hand_back(demo, booking, "came to the activity")


def _times(plan: Plan, day: dt.date, made_on: dt.date) -> dict[str, dt.datetime]:
    """The activity's times: on `day`, its booking open from two weeks before `made_on`."""
    starts, ends = day_at(day, plan.hours[0]), day_at(day, plan.hours[1])
    return {
        "starts_at": starts,
        "ends_at": ends,
        "booking_opens_at": day_at(made_on - dt.timedelta(days=14), 9),
        "booking_closes_at": starts - dt.timedelta(hours=2),
        "cancel_by": starts - dt.timedelta(days=2),
    }


def _make(demo: Demo, plan: Plan, day: dt.date, made_on: dt.date) -> Activity:
    """Made, published and booked by the services on `made_on` (the clock's day)."""
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
        **_times(plan, day, made_on),
        **plan.extra,
    )
    if plan.publish:
        activity = services.activity_publish(activity=activity, actor=demo.organiser)
    for who, payment in plan.bookings:
        book(demo, activity, demo.who(who), payment)
    if plan.then:
        plan.then(demo, activity)
    return activity


def _load(demo: Demo, plan: Plan, today: dt.date) -> Activity:
    """An activity to come is made today. A past one is made as it happened, with the
    clock set back (coop.demo.clock_at): made and booked ten days before it, and who came
    marked an hour after it ended, so its payments, refunds and ledger postings carry
    those days."""
    day = plan.day(today)
    if day > today:
        return _make(demo, plan, day, today)
    made_on = day - dt.timedelta(days=10)
    with clock_at(day_at(made_on, 10)):
        activity = _make(demo, plan, day, made_on)
    with clock_at(activity.ends_at + dt.timedelta(hours=1)):
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
