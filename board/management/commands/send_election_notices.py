from board.elections.services.notices import election_notices_due
from board.elections.tasks import election_notices_task
from coop.commands import QueueableCommand


class Command(QueueableCommand):
    help = (
        'Send "voting closes soon" to every elector when it is due (a day before the close; '
        "a week before by letter), each by their own way, and tell anyone who has not heard "
        "that nominations or voting are open. Run it every hour. Safe to run as often as "
        "you like: nobody is told anything twice."
    )
    task = election_notices_task

    def run(self) -> dict[int, dict[str, int]]:
        return election_notices_due()

    def report(self, told: dict[int, dict[str, int]]) -> str:
        if not told:
            return "No election notices are due."
        names = {
            "election_nominations": "nominations are open",
            "election_voting": "voting is open",
            "election_closing": "voting closes soon",
        }
        return "\n".join(
            f"Election {election_id}: "
            + ", ".join(f"{n} told {names[kind]}" for kind, n in counts.items() if n)
            + "."
            for election_id, counts in told.items()
        )
