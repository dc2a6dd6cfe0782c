"""Fiona, the finance officer, reaches each task that waits for her from her home page and
does it: a refund that failed, cash to hand back, a board sitting fee. At 1,280 and 320 px
with JavaScript on and off: every page axe clean with no sideways scroll."""

import pytest
from django.urls import reverse

from board.meetings import services as meeting_services
from board.meetings.models import SittingFee
from events import services as event_services
from events.models import Booking
from finance.models import Refund
from tests.board.meeting_helpers import make_board, plan
from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast
from tests.events.conftest import make_activity
from tests.finance.helpers import pending_refund

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def waiting_for_fiona(cast) -> dict:
    """One of each task: a card refund Stripe refused, cash May paid for an activity she
    then cancelled, and a sitting fee for a board meeting held today."""
    failed = pending_refund(cast)
    Refund.objects.filter(pk=failed.pk).update(status=Refund.Status.FAILED, error="Declined")
    activity = make_activity(cast.organiser, cast.member_row.branch)
    booking = event_services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.organiser, payment="cash_received"
    )
    event_services.booking_cancel(booking=booking, actor=cast.member)
    board = make_board(cast)
    meeting = plan(cast, days=0)
    meeting_services.attendance_save(
        meeting=meeting, statuses={board[1].pk: "present"}, actor=cast.board
    )
    return {"failed": failed, "booking": booking}


def home(page, live_server) -> str:
    page.goto(live_server.url + reverse("finance-home"))
    return page.locator("main").inner_text()


def test_fiona_reaches_and_does_each_waiting_task(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    made = waiting_for_fiona(cast)
    sign_in(page, live_server, client, cast.finance)
    look = Looks(page)

    main = home(page, live_server)
    look("home")
    for line in (
        "Refunds waiting or failed to look at: 1",
        "Cash to hand back to members: 1",
        "Board sitting fees to pay: 1",
    ):
        assert line in main

    submit(page, "Cash to hand back to members: 1")
    assert page.locator("h1").inner_text() == "Cash to hand back"
    look("cash")
    submit(page, "Cash handed back")
    assert "£5 was handed back to May Okafor." in page.locator("main").inner_text()
    look("cash-done")
    booking = Booking.objects.get(pk=made["booking"].pk)
    assert booking.fee_status == Booking.FeeStatus.REFUNDED

    home(page, live_server)
    submit(page, "Refunds waiting or failed to look at: 1")
    look("refunds")
    submit(page, "Try again now")
    # A refused refund stays as a record; the money goes back as a new one.
    again = Refund.objects.exclude(pk=made["failed"].pk).get(payment=made["failed"].payment)
    assert again.status == Refund.Status.SUCCEEDED
    assert "Every refund has reached the member" in page.locator("main").inner_text()
    look("refund-done")

    home(page, live_server)
    submit(page, "Board sitting fees to pay: 1")
    look("sitting-fees")
    submit(page, "Paid by bank")
    assert SittingFee.objects.get().status == SittingFee.Status.PAID
    look("fee-paid")

    main = home(page, live_server)
    for line in ("No refunds to look at.", "No cash to hand back.", "No board sitting fees"):
        assert line in main
    assert look.failures == {}
