"""Transport for tests, set through the service as an organiser would."""

import datetime as dt

from events import services
from events.models import Activity, Transport
from members import services as member_services
from members.models import Member


def add_transport(activity: Activity, actor, **over) -> Transport:
    fields = dict(
        kind=Transport.Kind.ACCESSIBLE_MINIBUS,
        seats=12,
        wheelchair_spaces=2,
        driver="Sam",
        pickup_point="Riverside Library",
        pickup_at=activity.starts_at - dt.timedelta(minutes=30),
        return_point="Riverside Library",
        return_at=activity.ends_at + dt.timedelta(minutes=30),
    )
    fields.update(over)
    return services.transport_set(activity=activity, actor=actor, **fields)


def in_a_wheelchair(member: Member, actor) -> Member:
    """The member's access needs say they use a wheelchair (through the members service)."""
    member_services.member_update(
        member=member, actor=actor, changes={"access_needs": [*member.access_needs, "wheelchair"]}
    )
    member.refresh_from_db()
    return member


def trip(cast, places: int = 6, **over) -> Activity:
    """ "Seaside", free to book, in May's branch, with transport (`over` changes it). It
    starts at 2pm, so the pick-up half an hour before is on the same day whenever the tests
    run."""
    from tests.events.conftest import make_activity

    activity = make_activity(
        cast.organiser,
        cast.member_row.branch,
        places=places,
        fee_pence=0,
        title="Seaside",
        at=dt.time(14),
    )
    add_transport(activity, cast.organiser, **over)
    return activity


def book(activity: Activity, member: Member, **kw):
    """The member books for themself."""
    return services.booking_create(activity=activity, member=member, actor=member.user, **kw)
