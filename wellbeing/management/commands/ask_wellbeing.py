from coop.commands import QueueableCommand
from wellbeing.services import ask_due
from wellbeing.tasks import wellbeing_ask_task


class Command(QueueableCommand):
    help = (
        "Ask the members whose time has come to answer the well-being questions: the "
        "first time when they join, then after the months the board sets, then every year. "
        "Each is told their way (the outbox). Safe to run as often as you like: nobody is "
        "asked twice. Run it once a day."
    )
    task = wellbeing_ask_task

    def run(self) -> int:
        return ask_due()

    def report(self, asked: int) -> str:
        return f"{asked} member{'s' if asked != 1 else ''} asked."
