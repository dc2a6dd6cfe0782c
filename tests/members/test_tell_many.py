"""`tell_many`: many members told in a few queries however many there are, each their way,
with supporters' copies, once per key — also when another transaction writes some of the
same keys at the same moment."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from events.models import MessageTemplate
from events.services.group_messages import Group, group_message_send
from members.models import Branch, Member
from members.outbox.models import Message
from members.outbox.services import Telling, Words, tell_many
from tests.outbox_helpers import active_member, add_supporter

S = Message.Status
WAYS = [
    ("email", {"email": "{name}@example.org"}),
    ("text", {"phone": "07700 900{i:03d}"}),
    ("letter", {"address": "{i} High Street\nNorthfield", "postcode": "B31 2AA"}),
    ("phone", {"phone": "020 7946 0{i:03d}"}),
    ("none", {}),
]


def members(cast, n: int, branch: Branch | None = None) -> list[Member]:
    """n active members, every way in turn; every third has a supporter who wants copies."""
    people = []
    for i in range(n):
        way, details = WAYS[i % len(WAYS)]
        name = f"P{i}x{branch.pk if branch else 0}"
        member = active_member(
            cast,
            name,
            [] if way == "none" else [way],
            **{k: v.format(i=i, name=name.lower()) for k, v in details.items()},
        )
        if branch is not None:
            Member.objects.filter(pk=member.pk).update(branch=branch)
        if i % 3 == 0:
            add_supporter(member, f"s-{name}", f"hana-{name}@example.org", actor=cast.admin)
        people.append(member)
    return people


def hello(member: Member) -> Telling:
    return Telling(member, Words("News", [f"Hello {member.first_name},", "", "We have news."]))


@pytest.mark.django_db
def test_each_member_their_way_with_copies_in_the_same_queries_at_any_size(cast):
    counts = []
    for n in (5, 40):
        people = members(cast, n)
        with CaptureQueriesContext(connection) as queries:
            written = tell_many("news", [hello(m) for m in people])
        counts.append(len(queries))
        mine = [m for m in written if m.recipient == "member"]
        assert [m.member for m in mine] == people
        assert [m.way or "none" for m in mine] == [WAYS[i % 5][0] for i in range(n)]
        copies = [m for m in written if m.recipient == "supporter"]
        assert len(copies) == len(range(0, n, 3)) and {c.way for c in copies} == {"email"}
        assert all(m.pk for m in written)
        assert {m.status for m in written if m.way in ("email", "text")} == {S.QUEUED}
    assert counts[0] == counts[1] <= 5, counts


@pytest.mark.django_db
def test_a_key_already_written_is_not_written_again(cast):
    people = members(cast, 4)
    assert tell_many("news", []) == []
    keyed = [Telling(m, hello(m).words, key=f"news:{m.pk}") for m in people]
    assert len(tell_many("news", keyed[:2])) == 3  # two members, one copy
    again = tell_many("news", keyed)
    assert {m.member for m in again} == set(people[2:])
    assert tell_many("news", keyed) == []
    assert Message.objects.filter(kind="news").count() == 6  # 4 members, 2 copies


@pytest.mark.django_db
def test_member_ways_leaves_out_the_others_but_not_the_copies(cast):
    people = members(cast, 5)
    written = tell_many("news", [hello(m) for m in people], member_ways=("email", "text"))
    assert sorted((m.recipient, m.way) for m in written) == [
        ("member", "email"),
        ("member", "text"),
        ("supporter", "email"),
        ("supporter", "email"),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_key_written_meanwhile_by_another_transaction_is_kept_once(cast):
    people = members(cast, 3)
    keyed = [Telling(m, hello(m).words, key=f"race:{m.pk}") for m in people]
    held, go = threading.Event(), threading.Event()

    def other() -> None:  # writes the second member's message and commits a moment later
        try:
            with transaction.atomic():
                tell_many("news", keyed[1:2])
                held.set()
                go.wait(10)
        finally:
            connections.close_all()

    result: list[Message] = []

    def ours() -> None:
        try:
            with transaction.atomic():
                result.extend(tell_many("news", keyed))
        finally:
            connections.close_all()

    other_thread = threading.Thread(target=other)
    other_thread.start()
    assert held.wait(10)
    our_thread = threading.Thread(target=ours)
    our_thread.start()
    time.sleep(0.5)  # ours waits on the unique key the other holds
    go.set()
    other_thread.join(10)
    our_thread.join(10)
    assert {(m.member_id, m.recipient) for m in result} == {
        (people[0].pk, "member"),
        (people[0].pk, "supporter"),
        (people[2].pk, "member"),
    }
    assert Message.objects.filter(key__startswith="race:").count() == 4


@pytest.mark.django_db
def test_a_group_message_makes_the_same_queries_for_5_and_40_members(cast):
    template = MessageTemplate.objects.create(
        slug="news", name="News", subject="News from us", lines="We have news.\n{note}"
    )
    counts = []
    for n in (1, 5, 40):  # the first warms Django's caches (content types for the audit)
        branch = Branch.objects.create(name=f"Branch {n}", slug=f"branch-{n}")
        members(cast, n, branch)
        with CaptureQueriesContext(connection) as queries:
            sent = group_message_send(
                actor=cast.organiser,
                group=Group.of_branch(branch),
                template=template,
                fields={"note": "Bring a coat."},
                token=f"token-for-{n}-members-abcdef",
            )
        counts.append(len(queries))
        assert sum(v for k, v in sent.counts.items() if k != "copies") == n
        assert sent.counts["copies"] == len(range(0, n, 3))
    assert counts[1] == counts[2], counts
