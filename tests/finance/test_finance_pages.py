import pytest
from django.test import override_settings
from django.urls import reverse

from board.meetings import services as meeting_services
from finance import services
from finance.models import Refund
from finance.views import PAYMENTS_PER_PAGE
from tests.board.meeting_helpers import make_board, plan
from tests.conftest import ROLES
from tests.finance.helpers import (
    closed_port_url,
    paid_card,
    paid_in_bulk,
    pending_refund,
    record_cash,
)

pytestmark = pytest.mark.django_db

PAGES = ["finance-payments", "finance-cash"]


@pytest.mark.parametrize("name", PAGES)
def test_the_finance_officer_sees_the_page(client, cast, name):
    client.force_login(cast.finance)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", [r for r in ROLES if r != "finance"] + ["outsider"])
def test_everyone_else_is_refused(client, cast, name, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse(name)).status_code == 403


def test_signed_out_people_are_asked_to_sign_in(client, cast):
    assert client.get(reverse("finance-payments")).status_code == 302


def test_payments_list_every_payment_with_its_refunds_and_filters_by_status(client, cast):
    card = paid_card(cast)
    services.refund_start(payment=card, reason="Came along", actor=None)
    record_cash(cast)
    client.force_login(cast.finance)

    page = client.get(reverse("finance-payments")).content.decode()
    assert "2 payments" in page
    assert "Booking fee for bowling" in page and "Booking fee for the seaside trip" in page
    assert "£5: Being sent" in page

    paid = client.get(reverse("finance-payments"), {"status": "succeeded"})
    assert "2 payments" in paid.content.decode()
    none = client.get(reverse("finance-payments"), {"status": "cancelled"}).content.decode()
    assert "No payments match." in none


def test_a_status_that_is_not_in_the_list_gets_a_clear_error(client, cast):
    client.force_login(cast.finance)
    response = client.get(reverse("finance-payments"), {"status": "stolen"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Please choose one of the kinds of payment listed." in page


def test_a_refund_stuck_at_stripe_is_listed_first_and_try_again_now_sends_it(
    client, cast, calls, django_capture_on_commit_callbacks
):
    payment = paid_card(cast)
    with override_settings(STRIPE_API_BASE=closed_port_url()):
        with django_capture_on_commit_callbacks(execute=True):
            stuck = services.refund_start(payment=payment, reason="Came along", actor=None)
    client.force_login(cast.finance)
    page = client.get(reverse("finance-payments")).content.decode()
    assert page.index("Refunds that need a look") < page.index("Every payment")
    assert "1 refund waiting" in page
    assert "Try again now" in page

    response = client.post(reverse("finance-refund-retry", args=[stuck.pk]), follow=True)

    stuck.refresh_from_db()
    assert stuck.status == Refund.Status.SUCCEEDED
    assert calls.refunded == [stuck.pk]
    assert "£5 has been paid back." in response.content.decode()
    assert "Every refund has reached the member" in response.content.decode()


def test_try_again_now_on_a_refund_that_is_done_says_so(client, cast):
    refund = services.refund_start(payment=record_cash(cast), reason="Cancelled", actor=None)
    client.force_login(cast.finance)
    response = client.post(reverse("finance-refund-retry", args=[refund.pk]), follow=True)
    assert "This refund does not need another try." in response.content.decode()


def test_cash_to_hand_back_is_listed_and_marked_handed_back(client, cast, calls):
    refund = services.refund_start(payment=record_cash(cast), reason="Cancelled", actor=None)
    client.force_login(cast.finance)
    page = client.get(reverse("finance-cash")).content.decode()
    assert "1 member to pay back" in page and "May Okafor" in page

    response = client.post(reverse("finance-cash-handed-back", args=[refund.pk]), follow=True)

    refund.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED
    assert calls.refunded == [refund.pk]
    page = response.content.decode()
    assert "Done. £5 was handed back to May Okafor." in page
    assert "There is no cash to hand back." in page


@pytest.mark.parametrize("role", ["member", "organiser", "outsider"])
def test_only_finance_can_press_the_buttons(client, cast, role):
    refund = services.refund_start(payment=record_cash(cast), reason="Cancelled", actor=None)
    client.force_login(cast.by_role(role))
    assert client.post(reverse("finance-cash-handed-back", args=[refund.pk])).status_code == 403
    assert client.post(reverse("finance-refund-retry", args=[refund.pk])).status_code == 403
    refund.refresh_from_db()
    assert refund.status == Refund.Status.TO_HAND_BACK


def test_the_finance_home_links_to_both_pages(client, cast):
    client.force_login(cast.finance)
    page = client.get(reverse("finance-home")).content.decode()
    assert reverse("finance-payments") in page and reverse("finance-cash") in page


def test_payments_come_newest_first_a_page_at_a_time(client, cast):
    paid_in_bulk(cast, PAYMENTS_PER_PAGE + 2, method="cash", description="Fee number {i:02}")
    client.force_login(cast.finance)
    first = client.get(reverse("finance-payments")).content.decode()
    assert f"{PAYMENTS_PER_PAGE + 2} payments, newest first, page 1 of 2" in first
    assert f"Fee number {PAYMENTS_PER_PAGE + 1}" in first and "Fee number 00" not in first
    assert "Older payments" in first
    second = client.get(reverse("finance-payments"), {"page": 2}).content.decode()
    assert "Fee number 00" in second and "Newer payments" in second


def test_the_finance_home_starts_with_what_waits(client, cast):
    client.force_login(cast.finance)
    empty = client.get(reverse("finance-home")).content.decode()
    assert "No refunds to look at." in empty
    assert "No cash to hand back." in empty
    assert "No board sitting fees to pay." in empty

    failed = pending_refund(cast)
    Refund.objects.filter(pk=failed.pk).update(status=Refund.Status.FAILED)
    services.refund_start(payment=record_cash(cast), reason="Cancelled", actor=None)
    meeting = plan(cast, days=0)
    meeting_services.attendance_save(
        meeting=meeting, statuses={make_board(cast)[0].pk: "present"}, actor=cast.board
    )
    page = client.get(reverse("finance-home")).content.decode()
    payments, cash, fees = (
        reverse(n) for n in ["finance-payments", "finance-cash", "sitting-fees"]
    )
    assert f'<a href="{payments}">Refunds waiting or failed to look at: 1</a>' in page
    assert f'<a href="{cash}">Cash to hand back to members: 1</a>' in page
    assert f'<a href="{fees}">Board sitting fees to pay: 1</a>' in page
    assert "No refunds to look at." not in page and "No cash to hand back." not in page
    assert reverse("finance-ledger") in page  # the full list stays below
