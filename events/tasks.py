"""Background jobs for activities, through Django's tasks API (django-tasks on 5.2)."""

from django_tasks import task


@task()
def reminders_send_task() -> dict[str, int]:
    """Send the reminders due now. Safe to run as often as you like: nothing goes twice."""
    from events.services.reminders import reminders_send

    return reminders_send()
