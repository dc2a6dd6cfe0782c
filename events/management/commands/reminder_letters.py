from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.letters import reminder_letter_bookings, reminder_letters_pdf
from events.models import Activity


class Command(BaseCommand):
    help = (
        "Make one easy-read PDF with a reminder letter for each member of the activity "
        "whose reminder is a letter (run send_reminders first)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("activity", type=int, help="The activity's number (id).")
        parser.add_argument("--out", required=True, help="Where to write the PDF.")

    def handle(self, *args, **options) -> None:
        activity = Activity.objects.filter(pk=options["activity"]).first()
        if activity is None:
            raise CommandError(f"There is no activity {options['activity']}.")
        bookings = reminder_letter_bookings(activity)
        if not bookings:
            raise CommandError(
                f"There are no reminder letters to print for {activity.title}. "
                "Run send_reminders first, or nobody chose a letter."
            )
        path = Path(options["out"])
        path.write_bytes(reminder_letters_pdf(activity, bookings))
        self.stdout.write(f"Wrote {len(bookings)} letters to {path}.")
