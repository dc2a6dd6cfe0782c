from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.letters import whats_on_letter_messages, whats_on_letters_pdf
from events.models import WhatsOnRound


class Command(BaseCommand):
    help = (
        'Make one easy-read PDF with a one-page "what is on" letter for each member whose '
        "way is a letter: the newest message, or the one given with --round."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="Where to write the PDF.")
        parser.add_argument("--round", type=int, help="The message's number (id).")

    def handle(self, *args, **options) -> None:
        rounds = WhatsOnRound.objects.order_by("-created_at", "-id")
        if options["round"] is not None:
            rounds = rounds.filter(pk=options["round"])
        round = rounds.first()
        if round is None:
            raise CommandError(
                f"There is no message {options['round']}."
                if options["round"] is not None
                else "No message has gone yet. Run send_whats_on first."
            )
        letters = whats_on_letter_messages(round)
        try:
            pdf = whats_on_letters_pdf(round, letters)
        except ValueError as error:
            raise CommandError(f"{error} (message {round.pk})") from None
        path = Path(options["out"])
        path.write_bytes(pdf)
        self.stdout.write(f"Wrote {len(letters)} letters to {path} (message {round.pk}).")
