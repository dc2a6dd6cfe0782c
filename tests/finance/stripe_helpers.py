"""Pay a card payment the way Stripe.js would, but server-side against the Stripe server the
settings point at (localstripe in tests)."""

import stripe

from finance import stripe_client
from finance.models import Payment
from finance.services import payment_sync


def confirm_card_payment(payment: Payment, payment_method: str = "pm_card_visa") -> Payment:
    """Confirm the payment's PaymentIntent with a test card, then payment_sync. A declined
    card ("pm_card_chargeCustomerFail") is left on the intent for payment_sync to record."""
    if not payment.stripe_payment_intent_id:
        raise ValueError(f"Payment {payment.pk} has no PaymentIntent to confirm.")
    intents = stripe_client.client().v1.payment_intents
    # localstripe cannot take payment_method on confirm itself: set it first, then confirm.
    intents.update(payment.stripe_payment_intent_id, params={"payment_method": payment_method})
    try:
        intents.confirm(payment.stripe_payment_intent_id)
    except stripe.CardError:
        pass  # a decline: the intent now says so, and payment_sync reads it from there
    return payment_sync(payment=payment)
