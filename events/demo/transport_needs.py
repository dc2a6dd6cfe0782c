"""The demo's rider short of a wheelchair space: a wheelchair user booked to ride on the
cinema minibus when her needs did not yet say "wheelchair"; they say so now, and no
space is kept. The organiser sees it on their home and keeps a space. Made through the
services, safe to run again (the trip already there is left as it is)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from coop.dates import day_at
from coop.demo import Loaded
from events import services
from events.demo.cast import cast
from events.demo.transport import _wheelchair_users
from events.models import Activity
from members.models import AccessNeed
from members.services import member_update

TITLE = "Cinema trip by minibus"


def _trip(organiser, branch) -> Activity:
    day = timezone.localdate() + dt.timedelta(days=24)
    starts = day_at(day, 14)
    activity = services.activity_create(
        actor=organiser,
        title=TITLE,
        summary="We see a film together. The minibus takes us there and back.",
        picture="events/pictures/minibus.svg",
        picture_alt="A minibus",
        branch=branch,
        meeting_point="The cinema foyer",
        places=6,
        cost_pence=0,
        fee_pence=0,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        booking_opens_at=day_at(day - dt.timedelta(days=30), 9),
        booking_closes_at=starts - dt.timedelta(hours=2),
        cancel_by=starts - dt.timedelta(days=2),
        step_free=True,
        accessible_toilet=True,
    )
    activity = services.activity_publish(activity=activity, actor=organiser)
    services.transport_set(
        activity=activity,
        actor=organiser,
        kind="accessible_minibus",
        seats=6,
        wheelchair_spaces=1,
        driver="Dave",
        pickup_point="Riverside Library",
        pickup_at=starts - dt.timedelta(minutes=30),
        return_point="Riverside Library",
        return_at=starts + dt.timedelta(hours=4),
    )
    return activity


def loaded_transport_needs() -> Loaded:
    """The demo loader (coop.demo): the cinema trip and its rider with no space kept."""
    demo = cast()
    rider = _wheelchair_users(demo)[1]
    if not Activity.objects.filter(title=TITLE).exists():
        needs = list(rider.access_needs)
        with transaction.atomic():
            trip = _trip(demo.organiser, demo.branches["riverside"])
            # Her needs were written down only after she booked to ride.
            before = [n for n in needs if n != AccessNeed.WHEELCHAIR]
            member_update(member=rider, actor=demo.organiser, changes={"access_needs": before})
            rider.refresh_from_db()
            services.booking_create(activity=trip, member=rider, actor=rider.user, payment="cash")
            member_update(member=rider, actor=demo.organiser, changes={"access_needs": needs})
    return Loaded(
        counts={},
        notes=[
            f'Wheelchair spaces: on "{TITLE}" {rider.display_name} needs a space now; '
            "none is kept. The organiser's home says so, and they can keep one."
        ],
    )
