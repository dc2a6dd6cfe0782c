"""Background jobs for the well-being questions."""

from django_tasks import task


@task()
def wellbeing_ask_task() -> int:
    """Ask the members whose time has come. Safe to run as often as you like."""
    from wellbeing.services import ask_due

    return ask_due()
