"""A group message to a branch of 2,000 members: the queries it makes and how long it
takes, with every way and a supporter's copy for one member in ten. Everything it writes is
rolled back at the end, so it can run on any database, seeded or not:

    scripts/test_services.sh sh -c 'DJANGO_SETTINGS_MODULE=bench.settings \\
        .venv/bin/python manage.py migrate -v0 && \\
        DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.group_message'
"""

import json
import secrets
import time
from typing import Any

import django

if __name__ == "__main__":
    django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.models import MessageTemplate  # noqa: E402
from events.services.group_messages import Group, group_message_send  # noqa: E402
from members.models import Branch, Member, Role, RoleAssignment, SupportLink, User  # noqa: E402
from members.outbox.models import Message  # noqa: E402

MEMBERS = 2000
# The ways, with the details each needs, in turn.
WAYS = [
    ("email", {"email": "m{i}@example.org"}),
    ("text", {"phone": "07700 9{i:05d}"}),
    ("letter", {"address": "{i} High Street\nNorthfield", "postcode": "B31 2AA"}),
    ("phone", {"phone": "020 7946 {i:04d}"}),
]


class _RollBack(Exception):
    pass


def _seed(members: int) -> tuple[User, Branch, MessageTemplate]:
    tag = secrets.token_hex(4)
    branch = Branch.objects.create(name=f"Bench group {tag}", slug=f"bench-group-{tag}")
    organiser = User.objects.create(username=f"bench-group-organiser-{tag}")
    RoleAssignment.objects.create(user=organiser, role=Role.ORGANISER)
    rows = []
    for i in range(members):
        way, details = WAYS[i % len(WAYS)]
        rows.append(
            Member(
                membership_number=f"BG{tag}{i:05d}",
                first_name=f"Name{i}",
                last_name="Bench",
                branch=branch,
                status=Member.Status.ACTIVE,
                contact_preferences=[way],
                **{k: v.format(i=i % 10000) for k, v in details.items()},
            )
        )
    rows = Member.objects.bulk_create(rows, batch_size=1000)
    now = timezone.now()
    supporters = User.objects.bulk_create(
        User(username=f"bench-group-s{tag}-{i}", email=f"s{i}@example.org")
        for i in range(0, members, 10)
    )
    SupportLink.objects.bulk_create(
        SupportLink(
            supporter=supporter,
            member=rows[n * 10],
            relationship=SupportLink.Relationship.FAMILY,
            consent_confirmed_at=now,
            consent_confirmed_by=organiser,
            wants_copies=True,
            accepted_at=now,
        )
        for n, supporter in enumerate(supporters)
    )
    template = MessageTemplate.objects.create(
        slug=f"bench-{tag}",
        name=f"Bench {tag}",
        subject="News from us",
        lines="We have news for you.\n{note}",
    )
    return organiser, branch, template


def measure(members: int = MEMBERS) -> dict[str, Any]:
    """Queries and seconds for one group message to a branch of `members`."""
    result: dict[str, Any] = {"members": members}
    try:
        with transaction.atomic():
            organiser, branch, template = _seed(members)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                sent = group_message_send(
                    actor=organiser,
                    group=Group.of_branch(branch),
                    template=template,
                    fields={"note": "Please bring a coat."},
                    token=secrets.token_urlsafe(24),
                )
                result["seconds"] = round(time.perf_counter() - started, 3)
            result["queries"] = len(queries)
            result["counts"] = sent.counts
            result["messages"] = Message.objects.filter(data__group_message=sent.pk).count()
            raise _RollBack
    except _RollBack:
        pass
    return result


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
