from django.core.management.base import BaseCommand

from board.services.packs import packs_send_due


class Command(BaseCommand):
    help = (
        "Send the papers of every board meeting whose pack is due (its set number of days "
        "before the meeting): emails and texts go, printed packs and phone calls go on the "
        "board's to-do list. Safe to run as often as you like: nobody gets a pack twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--queue", action="store_true", help="Queue the work for a task worker instead."
        )

    def handle(self, *args, **options) -> None:
        if options["queue"]:
            from board.tasks import meeting_packs_send_task

            self.stdout.write(f"Queued: {meeting_packs_send_task.enqueue().id}")
            return
        sent = packs_send_due()
        if not sent:
            self.stdout.write("No meeting papers are due.")
        for meeting_id, counts in sent.items():
            ways = ", ".join(f"{n} by {way}" for way, n in sorted(counts.items())) or "nobody"
            self.stdout.write(f"Meeting {meeting_id}: papers sent ({ways}).")
