"""Background jobs for board meetings, through Django's tasks API."""

from django_tasks import task

from board.meetings.services.packs import packs_send_due


@task()
def meeting_packs_send_task() -> dict[str, dict[str, int]]:
    """Send every board pack that is due (run it every hour, like reminders)."""
    return {str(k): v for k, v in packs_send_due().items()}
