from django.core.management.base import BaseCommand

from events.services import whats_on_send


class Command(BaseCommand):
    help = (
        'Send the "what is on" message about activities published since the last one: '
        "emails and texts go, letters wait to be printed (whats_on_letters), phone calls go "
        "on the organiser's list. Publishing queues this by itself; running it again is "
        "safe: nobody hears about an activity twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue the work for a task worker instead of doing it now.",
        )

    def handle(self, *args, **options) -> None:
        if options["queue"]:
            from events.tasks import whats_on_send_task

            result = whats_on_send_task.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        counts = whats_on_send()
        self.stdout.write(
            f"New messages: {counts['rounds']}. Sent {counts['sent']}; "
            f"{counts['letter_ready']} letters to print; {counts['to_call']} phone calls to "
            f"make; {counts['failed']} failed (they are tried again next time)."
        )
