"""Send the outbox's messages that are due (emails and texts), with retries. Run it every
few minutes from cron or a systemd timer beside the task worker; safe to run in several
places at once."""

from django.core.management.base import BaseCommand

from members.outbox.sending import send_due


class Command(BaseCommand):
    help = "Send the emails and texts that are due, trying again later those that fail."

    def handle(self, *args, **options) -> None:
        counts = send_due()
        self.stdout.write(
            f"Sent {counts['sent']}; {counts['waiting']} to try again later; "
            f"{counts['failed']} could not be sent (organisers see them)."
        )
