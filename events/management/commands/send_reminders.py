from coop.commands import QueueableCommand
from events.services import reminders_send
from events.tasks import reminders_send_task


class Command(QueueableCommand):
    help = (
        "Write the reminders due now: emails and texts go into the outbox (the task worker "
        "sends them), letters wait to be printed (reminder_letters), phone calls go on the "
        "organiser's call list. Safe to run as often as you like: nobody is reminded twice. "
        "Run it every hour."
    )
    task = reminders_send_task

    def run(self) -> dict[str, int]:
        return reminders_send()

    def report(self, counts: dict[str, int]) -> str:
        return (
            f"{counts['queued']} emails and texts on their way; "
            f"{counts['letter_ready']} letters to print; "
            f"{counts['to_call']} phone calls to make; {counts['failed']} failed "
            "(they are tried again next time)."
        )
