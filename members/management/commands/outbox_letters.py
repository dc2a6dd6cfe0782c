"""The day's batch of letters from the outbox as one easy-read PDF. Run it each morning,
early enough for the post (for example from cron at 8am), then print and post the file.
The letters stay on the organisers' list until they are marked printed: with
--mark-printed here, or with the "Printed" button on the "Messages to deal with" page."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from members.outbox.letters import letters_pdf
from members.outbox.services import message_printed
from members.outbox.work import letter_batch


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date like 2025-03-31.") from None


class Command(BaseCommand):
    help = (
        "Make one easy-read PDF with every letter waiting to be printed, written by the end "
        "of the day (today, or --date), each with the full postal address placed for a "
        "window envelope. With --mark-printed they leave the organisers' list."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--date", type=_day, help="The day of the batch, like 2025-03-31 (default today)."
        )
        parser.add_argument(
            "--mark-printed",
            action="store_true",
            help="Mark the letters in the file printed (do it only when they will be posted).",
        )

    def handle(self, *args, **options) -> None:
        day = options["date"] or timezone.localdate()
        batch = letter_batch(day=day)
        if not batch:
            raise CommandError(f"There are no letters to print for {day.isoformat()}.")
        path = Path(options["out"])
        path.write_bytes(letters_pdf(batch))
        letters = f"{len(batch)} letter{'s' if len(batch) != 1 else ''}"
        if options["mark_printed"]:
            count = message_printed(messages=batch, actor=None)
            self.stdout.write(f"Wrote {letters} to {path} and marked {count} printed.")
        else:
            self.stdout.write(
                f"Wrote {letters} to {path}. They are not marked printed: press Printed on "
                "the Messages to deal with page, or run again with --mark-printed."
            )
