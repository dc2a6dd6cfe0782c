"""The fee's words as a member sees them in the browser: the activity page after its
cancel-by time, the booking check page with cash, a booking paid part back, a cancelled
booking (no fee lines), my bookings; each page passing axe at 1280 and 320 px."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Activity, Booking
from tests.browser.conftest import sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast
from tests.events.conftest import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def text(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def test_the_activity_and_check_pages_say_what_happens_to_the_fee_now(page, live_server, client):
    cast = make_cast()
    activity = make_activity(cast.organiser, cast.member_row.branch)
    sign_in(page, live_server, client, cast.member)
    detail = live_server.url + reverse("activity-detail", kwargs={"pk": activity.pk})
    assert check_page(page, detail) == {}
    assert "If you cannot come, cancel by" in text(page)
    # The cancel-by time passes: no more promise of the fee back on cancelling.
    Activity.objects.filter(pk=activity.pk).update(cancel_by=timezone.now() - dt.timedelta(hours=1))
    page.goto(detail)
    assert "It is too late to cancel and get the booking fee back now." in text(page)
    assert "cancel by" not in text(page).lower()
    page.goto(live_server.url + reverse("book", kwargs={"pk": activity.pk}))
    page.check("#id_bring-bring_0")
    submit(page, "Continue")
    page.check("input[value=cash]")
    submit(page, "Continue")
    words = text(page)
    assert "Pay £5 in cash to an organiser" in words  # the way chosen, in words
    assert "Give it to the organiser at The bowling alley on" in words
    assert "It is too late to cancel and get the booking fee back now." in words
    submit(page, "Book my place")
    words = text(page)
    assert "Please pay the booking fee of £5 in cash." in words
    assert "Give it to the organiser at The bowling alley" in words


def test_a_part_refund_and_a_cancelled_booking_in_words(page, live_server, client):
    cast = make_cast()
    activity = make_activity(cast.organiser, cast.member_row.branch)
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.organiser, payment="cash_received"
    )
    # Part of the fee given back in cash by finance; the rest still held.
    from finance.models import Payment
    from finance.services import refund_cash_handed_back, refund_start

    refund = refund_start(
        payment=Payment.objects.get(pk=booking.payment_id),
        reason="lane shut",
        actor=cast.finance,
        amount_pence=200,
    )
    refund_cash_handed_back(refund=refund, actor=cast.finance)
    booking.refresh_from_db()
    assert booking.fee_status == Booking.FeeStatus.PART_REFUNDED
    sign_in(page, live_server, client, cast.member)
    url = live_server.url + reverse("booking-detail", kwargs={"pk": booking.pk})
    assert check_page(page, url) == {}
    words = text(page)
    assert "You paid the booking fee of £5. We gave £2 of it back to you." in words
    assert "You get the other £3 back when you come." in words
    # A cancelled booking with nothing paid: no fee lines, nothing to bring.
    other = make_activity(cast.organiser, cast.member_row.branch, title="Curry night")
    unpaid = services.booking_create(
        activity=other, member=cast.member_row, actor=cast.member, payment="cash"
    )
    services.booking_cancel(booking=unpaid, actor=cast.member)
    page.goto(live_server.url + reverse("booking-detail", kwargs={"pk": unpaid.pk}))
    words = text(page)
    assert "Booking fee" not in words and "Bring on the day" not in words
    assert check_page(page, live_server.url + reverse("my-bookings")) == {}
    words = text(page)
    assert "We gave £2 of it back to you." in words
    assert "raw" not in words and "part_refunded" not in words and "awaiting" not in words
