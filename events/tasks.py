"""Background jobs for activities, through Django's tasks API (django-tasks on 5.2)."""

from django_tasks import task


@task()
def reminders_send_task() -> dict[str, int]:
    """Send the reminders due now. Safe to run as often as you like: nothing goes twice."""
    # The services queue this task: importing them at the top would be a cycle.
    from events.services.reminders import reminders_send

    return reminders_send()


@task()
def whats_on_send_task() -> dict[str, int]:
    """Tell every member about newly published activities, one message each a round.
    Queued when an organiser publishes; safe to run again: nothing goes twice."""
    # The services queue this task: importing them at the top would be a cycle.
    from events.services.whats_on import whats_on_send

    return whats_on_send()


@task()
def booking_expire_task(*, booking_id: int) -> bool:
    """Let go of one booking's card hold or waiting-list offer once it has run out.
    Queued for that time when the hold or offer is made; safe to run late or twice."""
    # The services queue this task: importing them at the top would be a cycle.
    from events.services.expiry import booking_expire

    return booking_expire(booking_id=booking_id)
