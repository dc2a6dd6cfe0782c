"""Send the card refunds that have not reached Stripe yet. Safe to run often (say, every
few minutes from a timer): a refund being sent by someone else right now is left alone."""

from django.core.management.base import BaseCommand

from finance import selectors
from finance.models import Refund
from finance.services import refund_send


class Command(BaseCommand):
    help = "Try again to send card refunds that are still waiting to reach Stripe."

    def handle(self, *args, **options) -> None:
        sent = waiting = 0
        for refund in selectors.refunds_to_send():
            refund = refund_send(refund=refund, force=True)
            if refund.status == Refund.Status.PENDING:
                waiting += 1
                self.stderr.write(f"Refund {refund.pk} still waiting: {refund.error}")
            else:
                sent += 1
        self.stdout.write(f"{sent} refund(s) done, {waiting} still waiting.")
