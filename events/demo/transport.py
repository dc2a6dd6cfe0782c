"""The demo's trip with transport: an accessible minibus to the lake with 8 seats and 2
wheelchair spaces. One wheelchair user has booked a space; a second can book the last
one; a third then finds none left, and the organisers see it. Made through the
services, safe to run again (the trip already there is left as it is)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from coop.dates import day_at
from coop.demo import Loaded
from events import services
from events.demo.cast import Demo, cast
from events.models import Activity
from members.models import AccessNeed, Member
from members.services import member_update

TITLE = "Day out at the lake by minibus"


def _wheelchair_users(demo: Demo) -> list[Member]:
    """Three demo members who use a wheelchair: those whose needs say so, and (when there
    are fewer than three) the last members, whose needs are added to."""
    users = [m for m in demo.others if AccessNeed.WHEELCHAIR in m.access_needs][:3]
    for member in reversed(demo.others):
        if len(users) == 3:
            break
        if member not in users:
            needs = [*member.access_needs, AccessNeed.WHEELCHAIR]
            member_update(member=member, actor=demo.organiser, changes={"access_needs": needs})
            member.refresh_from_db()
            users.append(member)
    return users


def _trip(demo: Demo) -> Activity:
    day = timezone.localdate() + dt.timedelta(days=19)
    starts = day_at(day, 10)
    activity = services.activity_create(
        actor=demo.organiser,
        title=TITLE,
        summary="We go to the lake in an accessible minibus. Bring a packed lunch.",
        picture="events/pictures/minibus.svg",
        picture_alt="A minibus",
        branch=demo.branches["riverside"],
        meeting_point="The cafe by the lake",
        places=10,
        cost_pence=500,
        fee_pence=0,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=5, minutes=30),
        booking_opens_at=day_at(day - dt.timedelta(days=30), 9),
        booking_closes_at=starts - dt.timedelta(hours=2),
        cancel_by=starts - dt.timedelta(days=2),
        step_free=True,
        accessible_toilet=True,
    )
    activity = services.activity_publish(activity=activity, actor=demo.organiser)
    services.transport_set(
        activity=activity,
        actor=demo.organiser,
        kind="accessible_minibus",
        seats=8,
        wheelchair_spaces=2,
        driver="Dave",
        pickup_point="Riverside Library",
        pickup_at=starts - dt.timedelta(minutes=30),
        return_point="Riverside Library",
        return_at=starts + dt.timedelta(hours=6),
    )
    return activity


def loaded_transport() -> Loaded:
    """The demo loader (coop.demo): the lake trip and who has booked to travel."""
    demo = cast()
    branch = demo.branches["riverside"]
    wheelchair = _wheelchair_users(demo)
    if not Activity.objects.filter(title=TITLE, branch=branch).exists():
        with transaction.atomic():
            trip = _trip(demo)
        walkers = [m for m in demo.others if AccessNeed.WHEELCHAIR not in m.access_needs]
        riders = walkers[-4:]
        for member, travel in [(wheelchair[0], True), *((m, True) for m in riders[:3])]:
            services.booking_create(
                activity=trip, member=member, actor=member.user, payment="cash", travel=travel
            )
        services.booking_create(
            activity=trip, member=riders[3], actor=riders[3].user, payment="cash", travel=False
        )
    second, third = wheelchair[1], wheelchair[2]
    return Loaded(
        counts={"trips with transport": Activity.objects.filter(transport__isnull=False).count()},
        notes=[
            f'Getting there and back: "{TITLE}" has 1 of its 2 wheelchair spaces taken.',
            f"Sign in as {second.user.username} (a wheelchair user) to book the last one.",
            f"Then as {third.user.username}: no space is left, and the organiser sees it.",
        ],
    )
