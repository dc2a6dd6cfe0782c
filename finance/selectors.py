"""Reads about money: payments for the finance officer, refunds needing attention."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Sum

from finance.models import Method, Payment, Refund
from members.models import User

PAGE_LIMIT = 500


def payment_list(*, status: str = "") -> QuerySet[Payment]:
    """Every payment, newest first, with its member and refunds."""
    payments = Payment.objects.select_related("member").prefetch_related(
        Prefetch("refunds", queryset=Refund.objects.order_by("created_at", "id"))
    )
    if status:
        payments = payments.filter(status=status)
    return payments.order_by("-created_at", "-id")


def refunds_needing_attention() -> QuerySet[Refund]:
    """Our card refunds still being sent, and failed ones nobody has asked for again."""
    live_again = Refund.objects.filter(
        payment=OuterRef("payment"), external=False, status__in=Refund.COUNTED
    )
    waiting = Refund.objects.filter(status=Refund.Status.PENDING, method=Method.CARD)
    failed = Refund.objects.filter(status=Refund.Status.FAILED).exclude(Exists(live_again))
    return (
        (waiting | failed)
        .filter(external=False)
        .select_related("payment__member")
        .order_by("created_at", "id")
    )


def refunds_to_send() -> QuerySet[Refund]:
    """Card refunds still waiting to reach Stripe, oldest first (for refunds_retry)."""
    return Refund.objects.filter(
        status=Refund.Status.PENDING, method=Method.CARD, external=False
    ).order_by("created_at", "id")


def cash_to_hand_back() -> QuerySet[Refund]:
    return (
        Refund.objects.filter(status=Refund.Status.TO_HAND_BACK)
        .select_related("payment__member")
        .order_by("created_at", "id")
    )


def refunded_pence(payment: Payment) -> int:
    """Paid back, or on its way back."""
    total = payment.refunds.filter(status__in=Refund.COUNTED).aggregate(t=Sum("amount_pence"))
    return total["t"] or 0


def payments_of_user(user: User) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(member__user=user)
        .prefetch_related("refunds")
        .order_by("created_at", "id")
    )
