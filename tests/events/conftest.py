import datetime as dt

import pytest
from django.utils import timezone

from events import services
from events.models import Activity
from members import services as member_services
from members.models import Member
from tests.factories import UserFactory


def make_activity(
    actor,
    branch,
    *,
    places=5,
    fee_pence=500,
    cost_pence=700,
    days=7,
    at: dt.time | None = None,
    publish=True,
    **extra,
) -> Activity:
    """An activity `days` from now; with `at`, at that local time on that day instead, for
    tests whose words depend on the time of day (a pick-up the evening before one that
    starts just after midnight)."""
    now = timezone.now()
    starts = now + dt.timedelta(days=days)
    if at is not None:
        day = timezone.localdate(starts)
        starts = timezone.make_aware(dt.datetime.combine(day, at))
    fields = dict(
        title="Bowling",
        summary="We go bowling together.",
        picture="events/pictures/bowling.svg",
        picture_alt="A bowling ball and pins",
        branch=branch,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        meeting_point="The bowling alley",
        places=places,
        cost_pence=cost_pence,
        fee_pence=fee_pence,
        booking_opens_at=now - dt.timedelta(days=1),
        booking_closes_at=starts - dt.timedelta(hours=2),
        cancel_by=starts - dt.timedelta(days=2),
    )
    fields.update(extra)
    activity = services.activity_create(actor=actor, **fields)
    if publish:
        activity = services.activity_publish(activity=activity, actor=actor)
    return activity


def make_members(cast, n: int) -> list[Member]:
    """n more active members who agreed the guidelines, each with a sign-in."""
    from members.selectors import guidelines_current

    members = []
    for i in range(n):
        user = UserFactory(username=f"m{i}-{timezone.now().timestamp()}")
        member = member_services.member_add(
            actor=cast.admin,
            user=user,
            branch=cast.member_row.branch,
            first_name=f"M{i}",
            last_name="Test",
            status=Member.Status.ACTIVE,
            admitted_on=dt.date(2025, 1, 1),
            email=f"m{i}@example.org",
            contact_preferences=["email"],
        )
        member_services.guidelines_agree(member=member, guidelines=guidelines_current(), actor=user)
        members.append(member)
    return members


@pytest.fixture
def activity(cast) -> Activity:
    return make_activity(cast.organiser, cast.member_row.branch)


@pytest.fixture
def free_activity(cast) -> Activity:
    return make_activity(cast.organiser, cast.member_row.branch, fee_pence=0, title="Park")


@pytest.fixture(autouse=True)
def fresh_localstripe():
    """Each test starts with an empty fake Stripe."""
    import os
    import urllib.request

    base = os.environ.get("STRIPE_API_BASE")
    if base:
        request = urllib.request.Request(f"{base}/_config/data", method="DELETE")
        urllib.request.urlopen(request, timeout=5).close()
    yield


def activity_form_data(cast, year: int = 2030, **changes) -> dict:
    """What an organiser sends from the new-activity page: a trip to the sea in June."""
    data = {
        "title": "Seaside",
        "summary": "A minibus to the sea.",
        "description": "",
        "picture": "events/pictures/seaside.svg",
        "picture_alt": "The sea",
        "branch": cast.member_row.branch.pk,
        "starts_at": f"{year}-06-01T10:00",
        "ends_at": f"{year}-06-01T17:00",
        "meeting_point": "The office",
        "places": 8,
        "cost_pence": "5",
        "fee_pence": "0",
        "booking_opens_at": f"{year}-05-01T09:00",
        "booking_closes_at": f"{year}-05-30T17:00",
        "cancel_by": f"{year}-05-29T17:00",
        "reminder_hours": ["72", "24"],
    }
    return data | changes
