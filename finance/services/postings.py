"""What each movement of money posts to the ledger. Called inside the transaction that
moved the money, so the books and the payment rows change together or not at all.

  card payment succeeded     Dr Stripe balance   Cr booking fees held
  cash payment recorded      Dr cash             Cr booking fees held
  refund succeeded           Dr fees held (or fees kept, for a kept fee)  Cr Stripe / cash
  refund failed after success: the refund's posting reversed
  fee kept (events)          Dr fees held        Cr booking fees kept
  fee no longer kept         Dr booking fees kept  Cr fees held
"""

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from coop.actors import Actor
from finance.errors import PaymentError
from finance.models import Entry, Method, Payment, Refund, Transaction
from finance.services.ledger import ledger_post, ledger_reverse

__all__ = ["fee_keep", "fee_kept_pence", "fee_unkeep"]

MONEY_ACCOUNT = {Method.CARD: "stripe", Method.CASH: "cash"}


def post_payment_succeeded(payment: Payment, *, actor: Actor = None) -> Transaction:
    """Inside the caller's transaction, once per payment."""
    how = "card" if payment.method == Method.CARD else "cash"
    return ledger_post(
        date=timezone.localdate(),
        description=f"Paid by {how}: {payment.description}",
        reference=payment.reference,
        lines=[
            (MONEY_ACCOUNT[payment.method], payment.amount_pence, 0),
            ("fees_held", 0, payment.amount_pence),
        ],
        actor=actor,
        key=f"payment:{payment.pk}:succeeded",
        payment=payment,
        branch=payment.branch,
    )


def fee_kept_pence(payment: Payment) -> int:
    """How much of this payment is income now (kept, and not paid back)."""
    totals = Entry.objects.filter(
        transaction__payment=payment, account__code="fees_kept"
    ).aggregate(debit=Sum("debit_pence"), credit=Sum("credit_pence"))
    return (totals["credit"] or 0) - (totals["debit"] or 0)


def _refunded_pence(payment: Payment) -> int:
    total = payment.refunds.filter(status=Refund.Status.SUCCEEDED).aggregate(
        total=Sum("amount_pence")
    )["total"]
    return total or 0


def post_refund_succeeded(refund: Refund, *, actor: Actor = None) -> Transaction:
    """Inside the caller's transaction (the payment is locked), once per refund. A kept
    fee paid back comes out of the income first."""
    payment = refund.payment
    key = f"refund:{refund.pk}:succeeded"
    existing = Transaction.objects.filter(key=key).first()
    if existing is not None:
        return existing
    from_kept = min(fee_kept_pence(payment), refund.amount_pence)
    lines = []
    if from_kept > 0:
        lines.append(("fees_kept", from_kept, 0))
    if refund.amount_pence - from_kept > 0:
        lines.append(("fees_held", refund.amount_pence - from_kept, 0))
    lines.append((MONEY_ACCOUNT[refund.method], 0, refund.amount_pence))
    return ledger_post(
        date=timezone.localdate(),
        description=f"Paid back: {payment.description}",
        reference=payment.reference,
        lines=lines,
        actor=actor,
        key=key,
        payment=payment,
        branch=payment.branch,
        refund=refund,
    )


def post_refund_failed(refund: Refund, *, actor: Actor = None) -> Transaction | None:
    """A refund Stripe said succeeded and then failed: its posting is reversed."""
    posted = Transaction.objects.filter(key=f"refund:{refund.pk}:succeeded").first()
    if posted is None:
        return None
    return ledger_reverse(
        txn=posted,
        actor=actor,
        date=timezone.localdate(),
        description=f"Refund did not reach the member: {refund.payment.description}",
    )


@transaction.atomic
def fee_keep(*, payment: Payment, actor: Actor) -> Transaction | None:
    """The fee is kept (after the deadline, or a no-show): what is left of the payment,
    not paid back and not kept yet, moves from fees held to fees kept (income). Keeping
    again does nothing and returns None, as does a payment fully paid back; a refund that
    failed after success leaves its amount to keep too. Raises PaymentError for a payment
    that has not gone through."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != Payment.Status.SUCCEEDED:
        raise PaymentError("Only a payment that went through can be kept.")
    left = payment.amount_pence - _refunded_pence(payment) - fee_kept_pence(payment)
    if left <= 0:
        return None
    return ledger_post(
        date=timezone.localdate(),
        description=f"Fee kept: {payment.description}",
        reference=payment.reference,
        lines=[("fees_held", left, 0), ("fees_kept", 0, left)],
        actor=actor,
        payment=payment,
        branch=payment.branch,
    )


@transaction.atomic
def fee_unkeep(*, payment: Payment, actor: Actor) -> Transaction | None:
    """The fee is no longer kept (attendance undone, or the keeping waived): what was
    kept moves back to fees held, owed to the member. Does nothing (returns None) when
    nothing is kept."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    kept = fee_kept_pence(payment)
    if kept <= 0:
        return None
    return ledger_post(
        date=timezone.localdate(),
        description=f"Fee no longer kept: {payment.description}",
        reference=payment.reference,
        lines=[("fees_kept", kept, 0), ("fees_held", 0, kept)],
        actor=actor,
        payment=payment,
        branch=payment.branch,
    )
