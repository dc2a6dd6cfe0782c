from board.meetings.services.packs import packs_send_due
from board.meetings.tasks import meeting_packs_send_task
from coop.commands import QueueableCommand


class Command(QueueableCommand):
    help = (
        "Send the papers of every board meeting whose pack is due (its set number of days "
        "before the meeting): emails and texts go, printed packs and phone calls go on the "
        "board's to-do list. Safe to run as often as you like: nobody gets a pack twice."
    )
    task = meeting_packs_send_task

    def run(self) -> dict[int, dict[str, int]]:
        return packs_send_due()

    def report(self, sent: dict[int, dict[str, int]]) -> str:
        if not sent:
            return "No meeting papers are due."
        return "\n".join(
            f"Meeting {meeting_id}: papers sent ("
            + (", ".join(f"{n} by {way}" for way, n in sorted(counts.items())) or "nobody")
            + ")."
            for meeting_id, counts in sent.items()
        )
