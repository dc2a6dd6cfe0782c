"""Build the quarterly report for the board.

manage.py quarterly_report 2026-Q3 --version easy-read --format pdf --out report.pdf
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coop.errors import CoopError
from finance.quarters import Quarter
from finance.reports.figures import quarter_figures
from finance.reports.render import FORMATS, VERSIONS, render_report


class Command(BaseCommand):
    help = "Write the quarterly report (easy-read or standard; PDF, HTML or CSV) to a file."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version picks the report's version; it replaces Django's own --version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser) -> None:
        parser.add_argument("quarter", help="Like 2026-Q3")
        parser.add_argument(
            "--version", dest="report_version", choices=VERSIONS, default="standard"
        )
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="pdf")
        parser.add_argument("--out", required=True, help="The file to write")

    def handle(self, *args, **options) -> None:
        try:
            quarter = Quarter.parse(options["quarter"])
            content = render_report(
                quarter_figures(quarter), version=options["report_version"], fmt=options["fmt"]
            )
        except CoopError as error:
            raise CommandError(error.message) from error
        out = Path(options["out"])
        try:
            out.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Could not write {out}: {error.strerror}") from error
        what = f"{options['report_version']} {options['fmt']}"
        self.stdout.write(f"Wrote the {what} report for {quarter.label} to {out}.")
