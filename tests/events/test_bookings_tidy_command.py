import datetime as dt

import pytest
from django.core.management import call_command

from events import services
from events.models import Activity, Booking
from tests.events.conftest import make_activity

pytestmark = pytest.mark.django_db(transaction=True)


def _ten_days_ago(activity: Activity) -> None:
    """Move the activity, with its booking and cancel-by times, ten days into the past."""
    past = dt.timedelta(days=10)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=activity.starts_at - past,
        ends_at=activity.ends_at - past,
        booking_opens_at=activity.booking_opens_at - past,
        booking_closes_at=activity.booking_closes_at - past,
        cancel_by=activity.cancel_by - past,
    )


def test_tidy_command_marks_no_shows_and_is_safe_to_repeat(cast, capsys):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    booking = services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    _ten_days_ago(activity)
    call_command("bookings_tidy")
    assert "1 bookings became no-shows" in capsys.readouterr().out
    booking.refresh_from_db()
    assert booking.status == Booking.Status.NO_SHOW
    call_command("bookings_tidy")
    assert "0 bookings became no-shows" in capsys.readouterr().out


def test_a_booking_cancelled_while_the_sweep_runs_is_skipped_and_the_rest_marked(cast, monkeypatch):
    """The sweep lists the bookings due; one is cancelled before its turn. The sweep
    leaves it alone and carries on with the others (it used to stop with an error)."""
    from events.services import attendance
    from tests.events.conftest import make_members

    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    first, second, third = make_members(cast, 3)
    bookings = [
        services.booking_create(activity=activity, member=m, actor=m.user)
        for m in (first, second, third)
    ]
    _ten_days_ago(activity)
    real_mark = attendance.attendance_mark
    cancelled = []

    def cancel_the_second_first(**kwargs):
        if not cancelled:
            cancelled.append(services.booking_cancel(booking=bookings[1], actor=second.user))
        return real_mark(**kwargs)

    monkeypatch.setattr(attendance, "attendance_mark", cancel_the_second_first)
    assert services.no_show_sweep() == 2
    statuses = [Booking.objects.get(pk=b.pk).status for b in bookings]
    assert statuses == [Booking.Status.NO_SHOW, Booking.Status.CANCELLED, Booking.Status.NO_SHOW]
