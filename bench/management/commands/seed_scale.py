"""manage.py seed_scale --size L|M|S|T [--flush] [--seed N], with bench.settings

Fills the database with a large synthetic federation for the benchmark (`make bench`),
with bulk inserts: see bench.seeding.scale for what each size makes.

Never run it on a database you care about: --flush empties every table first.
"""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.seeding.base import SIZES
from bench.seeding.scale import seed_scale
from members.models import Member


class Command(BaseCommand):
    help = "Fill the database with a large synthetic federation, for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", required=True, choices=list(SIZES))
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--flush", action="store_true", help="empty every table first (destroys data)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["flush"]:
            call_command("flush", interactive=False, verbosity=0)
        elif Member.objects.exists():
            raise CommandError("The database has members already: use --flush to empty it.")
        started = time.monotonic()
        counts = seed_scale(options["size"], seed=options["seed"])
        counts["seconds"] = round(time.monotonic() - started, 1)
        self.stdout.write(
            "seed_scale {}: {}".format(
                options["size"], ", ".join(f"{k} {v}" for k, v in counts.items())
            )
        )
