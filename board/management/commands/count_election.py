"""manage.py count_election PATH.blt --method scottish-stv|meek|irv|plurality [--seats N]
[--seed N] [--json]

Counts a BLT ballot file and prints the winners and a stage-by-stage count sheet, or the
result as JSON. Anyone can recount coop's exported ballots the same way.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from board.elections.counting import METHODS, BltError, CountError, count, read_blt, render_sheet


class Command(BaseCommand):
    help = "Count a BLT ballot file and print the winners and the count sheet."
    # A recount touches neither the database nor the URLs: a fault elsewhere in the site
    # must not stop anyone checking a result.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the BLT file to count")
        parser.add_argument("--method", required=True, choices=METHODS)
        parser.add_argument(
            "--seats", type=int, help="seats to fill (default: the number in the file)"
        )
        parser.add_argument(
            "--seed",
            type=int,
            help="seed for any tie settled by lot (default: a fresh one, printed with the result)",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            election = read_blt(path)
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}") from None
        except IsADirectoryError:
            raise CommandError(f"{path} is a folder, not a BLT file") from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except BltError as error:
            raise CommandError(f"{path} is not a valid BLT file: {error}") from None

        try:
            result = count(
                election, options["method"], seats=options["seats"], seed=options["seed"]
            )
        except CountError as error:
            raise CommandError(f"Cannot count {path}: {error}") from None

        if options["json"]:
            self.stdout.write(result.to_json())
            return
        self.stdout.write("Elected: " + ("; ".join(result.elected) or "nobody"))
        self.stdout.write("")
        self.stdout.write(render_sheet(result), ending="")
