"""Bookings made, changed, moved and deleted past the services, on two activities: what
the places' triggers must keep (One: 2 taken, 1 waiting; Two: 3 taken, 0 waiting). Used
through `manage.py shell` on SQLite (tests/test_project.py)."""

import datetime as dt

from django.utils import timezone

from events.models import Activity, Booking
from members.models import Branch, Member, User


def _activity(branch: Branch, title: str) -> Activity:
    starts = timezone.now() + dt.timedelta(days=7)
    return Activity.objects.create(
        title=title,
        summary="Out together.",
        branch=branch,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        meeting_point="The square",
        places=10,
        booking_opens_at=starts - dt.timedelta(days=9),
        booking_closes_at=starts - dt.timedelta(hours=2),
        cancel_by=starts - dt.timedelta(days=2),
    )


def book_and_change() -> tuple[Activity, Activity]:
    branch = Branch.objects.create(name="Places")
    one, two = _activity(branch, "One"), _activity(branch, "Two")
    members = [
        Member.objects.create(
            user=User.objects.create(username=f"places{i}"),
            branch=branch,
            first_name=f"P{i}",
            last_name="Test",
            status=Member.Status.ACTIVE,
            membership_number=f"P{i}",
        )
        for i in range(4)
    ]
    status = Booking.Status
    a = Booking.objects.create(activity=one, member=members[0], status=status.CONFIRMED)
    b = Booking.objects.create(activity=one, member=members[1], status=status.WAITING)
    Booking.objects.create(activity=one, member=members[2], status=status.CANCELLED)
    c = Booking.objects.create(activity=one, member=members[3], status=status.OFFERED)
    a.places_used = 2
    a.save()  # One: 3 taken, 1 waiting
    c.activity = two
    c.places_used = 3
    c.save()  # One: 2 taken; Two: 3 taken
    b.status = status.ATTENDED
    b.save()  # One: 3 taken, 0 waiting
    b.status = status.WAITING
    b.save()  # One: 2 taken, 1 waiting
    Booking.objects.create(activity=two, member=members[1], status=status.NO_SHOW).delete()
    return one, two
