"""A past Bowling with photos, for the tests of photos shared with members (issue 22)."""

import io
from dataclasses import dataclass

from PIL import Image

from events import services
from events.models import Activity, Booking, EvaluationPhoto
from members.models import Member
from tests.events.after_helpers import book, past_activity
from tests.events.conftest import make_activity, make_members


def png(colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


@dataclass
class Trip:
    bowling: Activity  # 3 days ago
    next_bowling: Activity  # in 7 days
    may: Member  # came, agreed to photos
    ali: Member  # came, agreed to photos
    bo: Member  # came, did not agree to photos
    cy: Member  # booked, did not come; agreed to photos
    photo: EvaluationPhoto  # of May and Ali


def add_photo(trip_or_activity, cast, members, colour="blue", alt="May and Ali bowling."):
    activity = getattr(trip_or_activity, "bowling", trip_or_activity)
    return services.evaluation_photo_add(
        activity=activity, actor=cast.organiser, data=png(colour), alt=alt, members=members
    )


def make_trip(cast) -> Trip:
    branch = cast.member_row.branch
    bowling = past_activity(cast.organiser, branch, days=-3)
    ali, bo, cy = make_members(cast, 3)
    Member.objects.filter(pk__in=[cast.member_row.pk, ali.pk, cy.pk]).update(photo_consent=True)
    may = Member.objects.get(pk=cast.member_row.pk)
    for member in (may, ali, bo):
        book(bowling, member, Booking.Status.ATTENDED)
    book(bowling, cy, Booking.Status.NO_SHOW)
    next_bowling = make_activity(cast.organiser, branch, days=7, title="bowling")
    photo = add_photo(bowling, cast, [may, ali])
    return Trip(bowling, next_bowling, may, Member.objects.get(pk=ali.pk), bo, cy, photo)
