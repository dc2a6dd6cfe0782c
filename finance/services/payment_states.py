"""A payment's states and the one way to move between them: under the caller's row lock,
audited, and announced to the app that owns the reference (finance.hooks) inside the same
transaction."""

import stripe
from django.utils import timezone

from coop.actors import Actor, user_id
from coop.audit import audit
from coop.states import check_transition
from finance import hooks
from finance.models import Payment
from finance.services.postings import post_payment_succeeded
from members.models import Member, User

TRANSITIONS: dict[str, set[str]] = {
    Payment.Status.PENDING: {
        Payment.Status.SUCCEEDED,
        Payment.Status.FAILED,
        Payment.Status.CANCELLED,
    },
    # Stripe took the money after we had stopped waiting for it (a cancel raced the
    # member's click): the records follow the money.
    Payment.Status.FAILED: {Payment.Status.SUCCEEDED},
    Payment.Status.CANCELLED: {Payment.Status.SUCCEEDED},
    Payment.Status.SUCCEEDED: set(),
}


def stripe_error_text(error: stripe.StripeError) -> str:
    """What went wrong, for the finance officer (kept on the row)."""
    return (getattr(error, "user_message", None) or str(error) or type(error).__name__)[:1000]


def on_behalf_of(member: Member, actor: Actor) -> User | None:
    """The member, when someone else (a supporter, an organiser) acted for them."""
    actor_pk = user_id(actor)
    if actor_pk and member.user_id and actor_pk != member.user_id:
        return member.user
    return None


def lock_payment(payment: Payment) -> Payment:
    return Payment.objects.select_for_update().get(pk=payment.pk)


def move_payment(payment: Payment, to: str, *, actor: Actor = None, error: str = "") -> None:
    """Change status under the caller's lock, audit it, and tell the reference's owner."""
    before = payment.status
    check_transition(TRANSITIONS, before, to, what="payment")
    payment.status = to
    if to == Payment.Status.SUCCEEDED:
        payment.succeeded_at = timezone.now()
        payment.error = error
    elif error:
        payment.error = error
    payment.save()
    audit(
        actor=actor,
        action=f"payment.{to}",
        target=payment,
        on_behalf_of=on_behalf_of(payment.member, actor),
        data={"from": before, "to": to, "reference": payment.reference, "error": payment.error},
    )
    if to == Payment.Status.SUCCEEDED:
        post_payment_succeeded(payment, actor=actor)
        hooks.payment_succeeded(payment)
    else:
        hooks.payment_failed(payment)
