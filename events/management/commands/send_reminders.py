from django.core.management.base import BaseCommand

from events.services import reminders_send


class Command(BaseCommand):
    help = (
        "Send the reminders due now: emails and texts go, letters wait to be printed "
        "(reminder_letters), phone calls go on the organiser's call list. Safe to run as "
        "often as you like: nobody is reminded twice. Run it every hour."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue the work for a task worker instead of doing it now.",
        )

    def handle(self, *args, **options) -> None:
        if options["queue"]:
            from events.tasks import reminders_send_task

            result = reminders_send_task.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        counts = reminders_send()
        self.stdout.write(
            f"Sent {counts['sent']}; {counts['letter_ready']} letters to print; "
            f"{counts['to_call']} phone calls to make; {counts['failed']} failed "
            "(they are tried again next time)."
        )
