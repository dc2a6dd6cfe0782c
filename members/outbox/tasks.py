"""The outbox's background job, through Django's tasks API."""

from django_tasks import task


@task()
def outbox_send_task() -> dict[str, int]:
    """Send every message that is due (queued when a message is written; run by the timer
    too, through `manage.py send_outbox`)."""
    # The outbox services queue this task: importing the sender (which uses them) at the
    # top would be a cycle.
    from members.outbox.sending import send_due

    return send_due()
