"""Load the demo co-operative: every app's demo loader (coop.demo), in order."""

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from coop import demo


class Command(BaseCommand):
    help = "Load the demo co-operative. Safe to run twice: it adds only what is missing."

    def handle(self, *args, **options) -> None:
        # The demo's past is made through the real services, which tell members what
        # happened through the outbox. Those messages are history: they are "sent" to
        # nowhere (kept in memory), and a summary is printed instead of each of them.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            TEXT_BACKEND="members.outbox.backends.LocmemTextBackend",
        ):
            loaded = demo.load_all()
        # "trips with transport 1", never "1 trips with transport".
        counts = ", ".join(f"{what} {n}" for what, n in loaded.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo co-operative ready. In it: {counts}."))
        for line in loaded.summary + loaded.notes:
            self.stdout.write(line)
