from coop.commands import QueueableCommand
from events.services import whats_on_send
from events.tasks import whats_on_send_task


class Command(QueueableCommand):
    help = (
        'Send the "what is on" message about activities published since the last one: '
        "emails and texts go into the outbox (the task worker sends them), letters wait to be "
        "printed (whats_on_letters), phone calls go on the organiser's list. Publishing "
        "queues this by itself; running it again is safe: nobody hears about an activity "
        "twice."
    )
    task = whats_on_send_task

    def run(self) -> dict[str, int]:
        return whats_on_send()

    def report(self, counts: dict[str, int]) -> str:
        return (
            f"New messages: {counts['rounds']}. {counts['queued']} emails and texts on their "
            f"way; {counts['letter_ready']} letters to print; {counts['to_call']} phone calls "
            f"to make; {counts['failed']} failed (they are tried again next time)."
        )
