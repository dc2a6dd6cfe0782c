"""The quarter most report tests read: one past activity, money in and out, a budget and
members joining and leaving, all dated in it."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Booking
from finance import services
from finance.quarters import Quarter
from tests.events.after_helpers import book, past_activity
from tests.events.conftest import make_members
from tests.factories import MemberFactory
from tests.finance.helpers import grant_and_bowling

B = Booking.Status


@pytest.fixture
def quarter_with_data(cast):
    """A past activity with 3 who came and 1 who did not; money in and out dated on the
    activity's day; a budget for its quarter; one member joined and one left then."""
    activity = past_activity(cast.organiser, cast.member_row.branch, days=-2, places=6)
    day = timezone.localdate(activity.starts_at)
    people = make_members(cast, 4)
    for person in people[:3]:
        book(activity, person, B.ATTENDED)
    book(activity, people[3], B.NO_SHOW)
    quarter = Quarter.of(day)
    grant_and_bowling(cast, day)
    quarters = [0, 0, 0, 0]
    quarters[quarter.number - 1] = 4000
    services.budget_set(
        year=day.year, account_code="activity_costs", quarters=quarters, actor=cast.finance
    )
    MemberFactory(admitted_on=day)
    MemberFactory(admitted_on=day - dt.timedelta(days=400), left_on=day)
    return quarter
