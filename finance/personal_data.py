"""What finance holds about a person: their payments and refunds. Nothing is erased on
request: money records must stay whole, and they hold no more than a member link, an
amount and what it was for."""

from typing import Any

from coop.money import format_pence
from finance import hooks
from finance.models.payments import Method
from finance.selectors import payments_of_user


def method_words(code: Any) -> Any:
    """How a payment is made, in words ("card" is "Card"); another record's "method" (a
    sitting fee's, a count's) as it is."""
    return dict(Method.choices).get(code, code)


def reference_words(reference: Any) -> Any:
    """A payment's reference as what it was for ("booking:26" is "Booking fee for Bowling
    on Sunday 13 December 2026"), for the own-data page; "A payment" if no app says."""
    if not isinstance(reference, str):
        return reference
    return hooks.describe([reference]).get(reference, "A payment")


def references_words(references: list[Any]) -> dict[Any, Any]:
    """reference_words for many references, in one read for each app."""
    words = hooks.describe(r for r in references if isinstance(r, str))
    return {r: words.get(r, "A payment") for r in references if isinstance(r, str)}


def export_payments(user: Any) -> dict[str, Any]:
    payments = []
    for payment in payments_of_user(user):
        payments.append(
            {
                "for": payment.description,
                "amount": format_pence(payment.amount_pence),
                "method": payment.get_method_display(),
                "status": payment.get_status_display(),
                "made_at": payment.created_at.isoformat(),
                "paid_back": [
                    f"{format_pence(refund.amount_pence)} ({refund.get_status_display()})"
                    for refund in payment.refunds.all()
                ],
            }
        )
    return {"payments": payments}
