"""The demo's last step: send the messages its past queued, and sum them up."""

import datetime as dt
from collections import Counter

from django.db.models import Count
from django.utils import timezone

from coop.demo import Loaded
from members.outbox.models import Message
from members.outbox.sending import send_due


def send_queued() -> Loaded:
    """The demo loader (coop.demo) that runs last. With PostgreSQL the worker would send
    the demo's messages later, to real people: they go now, to the backends load_demo
    sets (nowhere), whatever the task backend."""
    send_due(now=timezone.now() + dt.timedelta(days=1))
    ways = Counter(dict(Message.objects.values_list("status").annotate(n=Count("pk")).order_by()))
    return Loaded(
        summary=[
            f"Messages to members: {ways[Message.Status.SENT]} sent, "
            f"{sum(ways[status] for status in Message.CALLS_TO_MAKE)} calls to make, "
            f"{ways[Message.Status.LETTER_READY]} letters to print, "
            f"{ways[Message.Status.NO_WAY]} with no way to reach the member "
            "(organisers see them)."
        ]
    )
