import pytest

from events import services
from events.models import Booking, CalendarFeed
from events.services import calendar_feed_get_or_create
from finance.models import Payment, Refund
from members import services as member_services
from tests.events.conftest import make_activity

pytestmark = pytest.mark.django_db(transaction=True)


def test_erasing_a_member_keeps_bookings_payments_and_refunds_whole(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch)
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.organiser, payment="cash_received"
    )
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    calendar_feed_get_or_create(member=cast.member_row)
    member_services.member_erase(member=cast.member_row, actor=cast.admin, reason="Asked")
    booking.refresh_from_db()
    payment = Payment.objects.get(pk=booking.payment_id)
    assert payment.amount_pence == 500 and payment.member_id == cast.member_row.pk
    assert Refund.objects.filter(payment=payment).count() == 1
    assert Booking.objects.filter(member=cast.member_row).count() == 1
    assert not CalendarFeed.objects.filter(member=cast.member_row).exists()


def test_own_data_includes_bookings(client, cast):
    from coop.personal_data import export_for

    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    services.booking_create(activity=activity, member=cast.member_row, actor=cast.member)
    data = export_for(cast.member)
    assert data["activities"]["bookings"][0]["activity"] == "Bowling"
