import pytest
from django.urls import reverse

from finance import stripe_client
from finance.models import Payment
from tests.finance.helpers import start_card
from tests.finance.stripe_helpers import confirm_card_payment

pytestmark = pytest.mark.django_db


def test_the_member_sees_card_entry_and_a_cash_choice(client, cast):
    payment = start_card(cast)
    client.force_login(cast.member)
    response = client.get(reverse("pay", args=[payment.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Pay £5 by card</h1>" in page
    assert "Booking fee for bowling" in page
    assert f'data-client-secret="{payment.client_secret}"' in page
    assert 'data-publishable-key="pk_test_coop"' in page
    assert "this page needs JavaScript" in page
    assert '<a href="/me/">Pay in cash on the day instead</a>' in page
    assert "https://js.stripe.com/v3/" in page


def test_a_supporter_of_the_member_sees_the_page(client, cast):
    payment = start_card(cast)
    client.force_login(cast.supporter)
    assert client.get(reverse("pay", args=[payment.pk])).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "organiser", "finance", "admin"])
def test_anyone_else_gets_not_found(client, cast, who):
    payment = start_card(cast)
    client.force_login(cast.by_role(who))
    assert client.get(reverse("pay", args=[payment.pk])).status_code == 404
    assert client.get(reverse("pay-return", args=[payment.pk])).status_code == 404


def test_signed_out_people_are_asked_to_sign_in(client, cast):
    payment = start_card(cast)
    response = client.get(reverse("pay", args=[payment.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("signin"))


def test_without_a_publishable_key_the_page_offers_cash_only(client, cast, settings):
    payment = start_card(cast)
    settings.STRIPE_PUBLISHABLE_KEY = ""
    client.force_login(cast.member)
    page = client.get(reverse("pay", args=[payment.pk])).content.decode()
    assert "Card payment is not working just now." in page
    assert "data-client-secret" not in page
    assert "js.stripe.com" not in page
    assert "Pay in cash on the day instead" in page


def test_coming_back_from_card_entry_records_the_payment_and_goes_on(client, cast, calls):
    payment = start_card(cast)
    intents = stripe_client.client().v1.payment_intents
    intents.update(payment.stripe_payment_intent_id, params={"payment_method": "pm_card_visa"})
    intents.confirm(payment.stripe_payment_intent_id)  # as Stripe.js does in the browser

    client.force_login(cast.supporter)
    response = client.get(reverse("pay-return", args=[payment.pk]), follow=True)

    assert response.redirect_chain == [("/me/", 302)]
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert calls.succeeded == [payment.pk]
    assert "Thank you. You have paid £5." in [str(m) for m in response.context["messages"]]


def test_coming_back_never_leaves_the_site(client, cast):
    payment = start_card(cast)
    Payment.objects.filter(pk=payment.pk).update(next_url="https://evil.example/")
    client.force_login(cast.member)
    response = client.get(reverse("pay-return", args=[payment.pk]))
    assert response["Location"] == reverse("pay", args=[payment.pk])


def test_a_paid_payment_page_says_so(client, cast):
    payment = confirm_card_payment(start_card(cast))
    client.force_login(cast.member)
    page = client.get(reverse("pay", args=[payment.pk])).content.decode()
    assert "<h1>You have paid £5</h1>" in page
    assert "data-client-secret" not in page
