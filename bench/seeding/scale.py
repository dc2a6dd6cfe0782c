"""Seed the whole federation: L = 5,000 members in 10 branches, 2,000 activities, 100,000
bookings in every state with their payments and refunds, 300,000 ledger entries, ballots for
20 elections, and 24 monthly board meetings with papers, attendance, decisions, actions and
sitting fees. M is a tenth of L, S a hundredth (T, for tests, is smaller still).
Deterministic: the same seed gives the same rows (dates are relative to today)."""

from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction

from bench.seeding.activities import seed_activities, seed_bookings
from bench.seeding.base import Seeding
from bench.seeding.elections import seed_elections
from bench.seeding.ledger import seed_ledger
from bench.seeding.meetings import seed_meetings
from bench.seeding.people import seed_people
from board.models import BallotBox, Candidate, Election, Elector, Receipt, Voter
from events.models import Activity, Booking
from finance.models import Entry, Payment, Refund, Transaction
from members.models import Branch, Member, RoleAssignment, User

# The tables written with explicit keys or in bulk: their sequences carry on after them.
SEEDED = [User, Member, Branch, RoleAssignment, Activity, Booking, Payment, Refund]
SEEDED += [Election, Candidate, Elector, Voter, BallotBox, Receipt, Transaction, Entry]


def seed_scale(size: str, *, seed: int = 2026) -> dict[str, Any]:
    """Seed an empty database at `size` (a key of SIZES). Returns what it made, by kind."""
    run = Seeding.start(size, seed)
    with transaction.atomic():
        seed_people(run)
        seed_activities(run)
        seed_bookings(run)
        seed_elections(run)
        seed_ledger(run)
    _reset_sequences()
    with transaction.atomic():
        seed_meetings(run)
    _analyze()
    return run.counts


def _reset_sequences() -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), SEEDED):
            cursor.execute(sql)


def _analyze() -> None:
    """Fresh statistics and visibility maps, as autovacuum would have them on a database
    that grew slowly: without statistics the planner guesses badly right after a bulk
    load, and without the visibility map an index-only scan (counting a quarter's
    transactions, say) reads every row from the table as well. VACUUM cannot run in a
    transaction (a test's), where ANALYZE alone does."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
