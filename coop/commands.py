"""A management command that does a job now, or with --queue hands it to a task worker."""

from typing import Any

from django.core.management.base import BaseCommand


class QueueableCommand(BaseCommand):
    """Subclasses give `task` (a django-tasks task taking no arguments), `run()` (the work,
    done now) and `report(result)` (what to print about it)."""

    task: Any = None

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue the work for a task worker instead of doing it now.",
        )

    def run(self) -> Any:
        raise NotImplementedError

    def report(self, result: Any) -> str:
        raise NotImplementedError

    def handle(self, *args, **options) -> None:
        if options["queue"]:
            self.stdout.write(f"Queued: {self.task.enqueue().id}")
            return
        self.stdout.write(self.report(self.run()))
