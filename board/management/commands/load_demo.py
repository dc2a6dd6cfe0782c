"""Load the demo co-operative. It lives in board because board may use every app:
people (members), activities and bookings (events), money (finance), elections (board)."""

from django.core.management.base import BaseCommand

from board.demo import DEMO_BOX_KEY, load_elections
from board.demo_meetings import load_meetings
from events.demo import load_activities, load_after
from members.demo import DEMO_PASSWORD, load_people

SIGNINS = [
    ("member", "a member who has agreed the guidelines"),
    ("supporter", "supports the member"),
    ("organiser", "co-chair: organiser and board member"),
    ("board", "board member"),
    ("finance", "finance officer"),
    ("returning", "returning officer"),
    ("admin", "administrator (also the Django admin)"),
]


class Command(BaseCommand):
    help = "Load the demo co-operative. Safe to run twice: it adds only what is missing."

    def handle(self, *args, **options) -> None:
        people = load_people()
        activities = load_activities()
        load_after()
        elections = load_elections()
        meetings = load_meetings()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo co-operative ready: {people['members']} members, {people['users']} users, "
                f"{activities.get('activities', 0)} activities, "
                f"{activities.get('bookings', 0)} bookings, "
                f"{len(elections)} elections, {meetings['meetings']} board meetings."
            )
        )
        self.stdout.write("Sign in at http://127.0.0.1:8000/signin/ as:")
        for username, what in SIGNINS:
            self.stdout.write(f"  {username:<10} password {DEMO_PASSWORD}  — {what}")
        self.stdout.write(
            f"The open election's ballot box opens with the key {DEMO_BOX_KEY} "
            "(demo only: a real key is shown once to the returning officer)."
        )
