"""The demo's photos for members (issue 22): three from Riverside's past Bowling, shared;
one is of a member who later said no to photos, so members see two, on the trip's page
and on Northfield's Bowling still to come."""

import pytest
from django.test import Client
from django.urls import reverse

from coop.models import AuditEntry
from events import photo_selectors
from events.demo.activities import load_activities
from events.demo.after import load_after
from events.models import Activity, EvaluationPhoto, PhotoShare
from members.demo import load_people
from members.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_shares_three_photos_and_members_see_two():
    load_people()
    load_activities()
    load_after()
    audits = AuditEntry.objects.count()
    load_after()
    assert AuditEntry.objects.count() == audits  # loading twice changes nothing
    bowling = Activity.objects.get(title="Bowling", branch__slug="riverside")
    assert PhotoShare.objects.filter(photo__activity=bowling).count() == 3
    shown = photo_selectors.trip_photos(bowling)
    assert len(shown) == 2
    (hidden,) = EvaluationPhoto.objects.filter(activity=bowling).exclude(
        pk__in=[p.pk for p in shown]
    )
    assert [m.photo_consent for m in hidden.members.all()] == [False]
    said_no = AuditEntry.objects.filter(
        action="member.updated", target_id=str(hidden.members.get().pk)
    ).last()
    assert said_no.actor == hidden.members.get().user  # she said no herself, later
    northfield = Activity.objects.get(title="Bowling", branch__slug="northfield")
    assert photo_selectors.last_time_photos(northfield) == shown
    may = Client()
    may.force_login(User.objects.get(username="member"))
    page = may.get(reverse("activity-detail", args=[northfield.pk])).content.decode()
    assert "Photos from last time" in page
    for photo in shown:
        assert f'alt="{photo.alt}"' in page
    assert hidden.alt not in page
