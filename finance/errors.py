"""Finance's domain errors: their messages are shown to people as they are."""

from coop.errors import CoopError


class PaymentError(CoopError):
    """A payment cannot be taken, or cannot change as asked."""


class RefundError(CoopError):
    """Money cannot be paid back as asked."""


class LedgerError(CoopError):
    """A ledger posting cannot be made as asked."""


class ReconciliationError(CoopError):
    """Reconciling with Stripe cannot go on as asked."""


class WebhookRefused(CoopError):
    """A webhook delivery is not a correctly signed, recent Stripe event: nothing is kept."""

    code = "webhook_refused"


class ReportError(CoopError):
    """A report cannot be made as asked (a quarter that is not one, an unknown format)."""

    code = "invalid"
