from django.core.management.base import BaseCommand

from events.services import tidy_all


class Command(BaseCommand):
    help = (
        "Let go of card holds and waiting-list offers whose time ran out (offering the places "
        "to the next people waiting) and mark unmarked bookings as no-shows a day after the "
        "activity. Safe to run as often as you like: run it every few minutes."
    )

    def handle(self, *args, **options) -> None:
        result = tidy_all()
        self.stdout.write(
            f"Looked at {result['activities_tidied']} activities; "
            f"{result['no_shows']} bookings became no-shows."
        )
