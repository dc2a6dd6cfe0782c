"""The demo's evaluations, members' say and ideas: made through the services, the same
every time, safe to load twice."""

import pytest

from coop.models import AuditEntry
from events.demo.activities import load_activities
from events.demo.after import load_after
from events.models import (
    Booking,
    Evaluation,
    EvaluationPhoto,
    Feedback,
    Suggestion,
    SuggestionInterest,
)
from members.demo import load_people

pytestmark = pytest.mark.django_db


def test_load_after_twice_changes_nothing():
    load_people()
    load_activities()
    first = load_after()
    audits = AuditEntry.objects.count()
    assert first == {"evaluations": 2, "evaluation_photos": 4, "feedback": 1, "suggestions": 3}
    assert load_after() == first
    assert AuditEntry.objects.count() == audits
    fish = Evaluation.objects.get(activity__title="Meal out: fish and chips")
    assert (fish.came, fish.no_shows, fish.incident_for_board) == (1, 2, True)
    # The other 3 are shared with members: tests/events/test_photo_demo.py
    photo = EvaluationPhoto.objects.get(activity=fish.activity)
    assert photo.alt.startswith("A plate of fish and chips")
    assert all(m.photo_consent for m in photo.members.all())
    may_fish = Feedback.objects.get()
    assert (may_fish.face, may_fish.booking.member.user.username) == ("good", "member")
    picnic = Booking.objects.get(
        activity__title="Picnic in the park", member__user__username="member"
    )
    assert not Feedback.objects.filter(booking=picnic).exists()  # left for May to answer
    cinema = Suggestion.objects.get(what="A trip to the cinema")
    assert cinema.status == "planned" and cinema.reason
    assert SuggestionInterest.objects.filter(suggestion__what="Go to the zoo").count() == 3
