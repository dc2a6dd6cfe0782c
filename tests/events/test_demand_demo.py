"""The demo shows unmet demand (issue 22): members said which times suit them, one weekend
day suits most of them but has few or no activities coming, and the seaside trip is full
with a waiting list. Safe to load again."""

import pytest
from django.utils import timezone

from coop.models import AuditEntry
from events.demand import unmet_demand
from events.demo.activities import load_activities
from events.demo.demand import load_demand
from members.demo import load_people
from members.models import Member

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_popular_day_with_too_few_activities_and_a_full_trip():
    load_people()
    load_activities()
    popular = load_demand()
    demand = unmet_demand(start=timezone.now())
    assert popular in [t.code for t in demand.too_few]
    times = {t.code: t for t in demand.times}
    assert times[popular].members == max(t.members for t in demand.times)
    active = Member.objects.filter(status=Member.Status.ACTIVE).count()
    assert active // 2 < demand.said < active  # most said; a few have not yet
    seaside = [r for r in demand.full if r.activity.title == "Seaside trip by minibus"]
    assert [(r.waiting, r.no_place) for r in seaside] == [(1, 1)]
    may = Member.objects.get(user__username="member")
    assert may.good_times == ["weekday_evening", popular]
    entries = AuditEntry.objects.count()
    assert load_demand() == popular and AuditEntry.objects.count() == entries  # once only
