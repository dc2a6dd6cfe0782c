"""Load the demo co-operative. It lives in board because board may use every app:
people (members), activities and bookings (events), money (finance), elections (board)."""

import datetime as dt
from collections import Counter

from django.core.management.base import BaseCommand
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone

from board.demo import DEMO_BOX_KEY, load_elections
from board.demo_meetings import load_meetings
from events.demo import load_activities, load_after
from members.demo import DEMO_PASSWORD, load_people
from members.outbox.models import Message
from members.outbox.sending import send_due

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
        # The demo's past is made through the real services, which tell members what
        # happened through the outbox. Those messages are history: they are "sent" to
        # nowhere (kept in memory), and a summary is printed instead of each of them.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            TEXT_BACKEND="members.outbox.backends.LocmemTextBackend",
        ):
            people = load_people()
            activities = load_activities()
            load_after()
            elections = load_elections()
            meetings = load_meetings()
            # With PostgreSQL the worker would send them later, to real people: they go
            # now, to nowhere, whatever the task backend.
            send_due(now=timezone.now() + dt.timedelta(days=1))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo co-operative ready: {people['members']} members, {people['users']} users, "
                f"{activities.get('activities', 0)} activities, "
                f"{activities.get('bookings', 0)} bookings, "
                f"{len(elections)} elections, {meetings['meetings']} board meetings."
            )
        )
        ways = Counter(
            dict(Message.objects.values_list("status").annotate(n=Count("pk")).order_by())
        )
        self.stdout.write(
            f"Messages to members: {ways[Message.Status.SENT]} sent, "
            f"{ways[Message.Status.TO_CALL] + ways[Message.Status.NO_ANSWER]} calls to make, "
            f"{ways[Message.Status.LETTER_READY]} letters to print, "
            f"{ways[Message.Status.NO_WAY]} with no way to reach the member "
            "(organisers see them)."
        )
        self.stdout.write("Sign in at http://127.0.0.1:8000/signin/ as:")
        for username, what in SIGNINS:
            self.stdout.write(f"  {username:<10} password {DEMO_PASSWORD}  — {what}")
        self.stdout.write(
            f"The open election's ballot box opens with the key {DEMO_BOX_KEY} "
            "(demo only: a real key is shown once to the returning officer)."
        )
