"""Support on the day and costs in the demo, through the services: the seaside minibus
trip has its support worker booked, its transport planned and paid (spending against
Riverside), a grant, and each person's share charged: "That £5 pays your share of driver and fuel".
The games afternoon needs a support worker nobody has booked: it is flagged on the
organiser's home and held back from publishing. Safe to run again."""

from django.utils import timezone

from coop.demo import Loaded
from events import services
from events.demo.cast import Demo, cast
from events.models import Activity, SupportNeed


def _seaside(demo: Demo, activity: Activity) -> None:
    organiser, today = demo.organiser, timezone.localdate()
    services.support_need_set(activity=activity, workers_needed=1, actor=organiser)
    services.support_booking_add(
        activity=activity,
        name="Sam Patel",
        role="support_worker",
        minutes=8 * 60,
        cost_pence=9600,
        actor=organiser,
    )
    minibus = services.cost_line_add(
        activity=activity,
        kind="transport",
        what="driver and fuel",
        supplier="Riverside Community Transport",
        planned_pence=3000,
        actor=organiser,
    )
    services.cost_grant_add(
        activity=activity,
        source="Riverside Community Fund",
        amount_pence=1000,
        received_on=today,
        paid_with="bank",
        actor=organiser,
        key="demo",
    )
    services.cost_share_set(activity=activity, charged=True, actor=organiser)
    # The minibus is booked and paid for ahead.
    services.cost_line_pay(
        line=minibus, real_pence=3000, paid_on=today, paid_with="bank", actor=organiser
    )


def _games(demo: Demo, activity: Activity) -> None:
    services.support_need_set(activity=activity, workers_needed=1, actor=demo.organiser)


PLANS = {
    ("Seaside trip by minibus", "riverside"): _seaside,
    ("Games afternoon", "northfield"): _games,
}


def loaded_support_costs() -> Loaded:
    demo = cast()
    now = timezone.now()
    for (title, branch), plan in PLANS.items():
        activity = Activity.objects.filter(
            title=title, branch=demo.branches[branch], starts_at__gt=now
        ).first()
        if activity is not None and not SupportNeed.objects.filter(activity=activity).exists():
            plan(demo, activity)
    return Loaded(
        counts={
            "activities needing support": SupportNeed.objects.filter(workers_needed__gt=0).count()
        },
        summary=[
            "Seaside trip: support worker booked, minibus paid, each pays £5 for driver and fuel.",
            "Games afternoon: needs a support worker; held back from publishing.",
        ],
    )
