from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from board.meetings.papers.pack import VERSIONS, pack_pdf
from board.models import Meeting


class Command(BaseCommand):
    help = "Write a board meeting's pack (agenda and papers) as one tagged PDF."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version picks the pack's version; it replaces Django's own --version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser) -> None:
        parser.add_argument("meeting_id", type=int)
        parser.add_argument(
            "--version", dest="pack_version", choices=sorted(VERSIONS), default="easy-read"
        )
        parser.add_argument("--out", required=True, help="Where to write the PDF.")

    def handle(self, *args, meeting_id: int, pack_version: str, out: str, **options) -> None:
        version = pack_version
        meeting = Meeting.objects.filter(pk=meeting_id).first()
        if meeting is None:
            raise CommandError(f"There is no meeting {meeting_id}.")
        path = Path(out)
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        content = pack_pdf(meeting, version)
        path.write_bytes(content)
        self.stdout.write(f"Wrote {path} ({len(content):,} bytes, {version}).")
