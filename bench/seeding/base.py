"""What every seeding step shares: the sizes, one run's state, and explicit keys."""

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from coop.dates import day_at
from events.models import Activity
from members.models import Branch, Member, User

SIZES = {
    "L": {
        "members": 5000,
        "branches": 10,
        "activities": 2000,
        "elections": 20,
        "ledger": 300_000,
        "meetings": 24,
    },
    "M": {
        "members": 500,
        "branches": 10,
        "activities": 200,
        "elections": 20,
        "ledger": 30_000,
        "meetings": 12,
    },
    "S": {
        "members": 50,
        "branches": 10,
        "activities": 20,
        "elections": 2,
        "ledger": 3_000,
        "meetings": 3,
    },
    "T": {
        "members": 60,
        "branches": 3,
        "activities": 8,
        "elections": 1,
        "ledger": 300,
        "meetings": 2,
    },
}
BATCH = 5000


@dataclass
class Seeding:
    """One run: its size, random numbers and clock (noon today), the rows the later steps
    build on, and the counts it reports."""

    size: dict[str, int]
    rnd: random.Random
    now: dt.datetime
    counts: dict[str, Any] = field(default_factory=dict)
    branches: list[Branch] = field(default_factory=list)
    staff: dict[str, User] = field(default_factory=dict)
    members: list[Member] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)

    @classmethod
    def start(cls, size: str, seed: int) -> "Seeding":
        noon = day_at(timezone.localdate(), 12)
        return cls(size=SIZES[size], rnd=random.Random(seed), now=noon)


def ids(model: type[Model], n: int) -> list[int]:
    """Explicit primary keys, so rows can point at each other before they are saved."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + n))
