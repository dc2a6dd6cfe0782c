"""The project as a whole: migrations match the models; production settings pass Django's
deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "coop.settings",
    "SECRET_KEY": "a-long-random-production-key-" + "x7Gq2mZ9" * 6,
    "ALLOWED_HOSTS": "coop.example.org",
    "SITE_URL": "https://coop.example.org",
    "DEBUG": "false",
}


def manage(*args: str, drop: tuple[str, ...] = (), **settings: str):
    """manage.py in its own process with production settings, changed by `settings` and
    without the variables named in `drop`."""
    env = {**os.environ, **PRODUCTION, **settings}
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", *drop):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_deploy_check_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "site_url",
    [
        None,
        "",
        "http://127.0.0.1:8000",
        "coop.example.org",
        "https://",
        "http://0.0.0.0:8000",
        "http://[::]:8000",
    ],
)
def test_deploy_check_fails_without_the_site_address(site_url):
    if site_url is None:
        result = manage("check", "--deploy", drop=("SITE_URL",))
    else:
        result = manage("check", "--deploy", SITE_URL=site_url)
    assert result.returncode != 0
    assert "coop.E001" in result.stderr
    assert "SITE_URL is not set to the site's own address" in result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage("check", drop=("SECRET_KEY", "DEBUG"))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_migrates_on_sqlite_given_by_url(tmp_path):
    # DATABASE_URL=sqlite:///... gets SQLite's connection options, not PostgreSQL's.
    result = manage("migrate", "--no-input", DATABASE_URL=f"sqlite:///{tmp_path / 'c.sqlite3'}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "c.sqlite3").stat().st_size > 0


def sqlite_shell(tmp_path, script: str):
    """`script` run by `manage.py shell` on a new SQLite database, migrated first."""
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    result = manage("migrate", "--no-input", DATABASE_URL=url)
    assert result.returncode == 0, result.stdout + result.stderr
    return manage("shell", "--no-imports", "-c", script, DATABASE_URL=url)


# On SQLite (the demo) the accounts' daily rows are kept by a row trigger (finance
# migration 0012): sums and counts, a transaction's lines written in one statement or two.
# A later migration that remakes finance_entry on SQLite would drop it; this finds that.
# The ledger page reads the transactions and their entries in plain SQL
# (finance.ledger_reads): SQLite's answers must be the ORM's.
SQLITE_DAY_COUNTS = """
import datetime as dt
from finance.models import AccountDay
from finance.selectors import transactions_between
from tests.finance.split_postings import post_split
day = dt.date(2026, 8, 3)
post_split(day)
rows = AccountDay.objects.order_by("date", "account__code")
print([(r.account.code, r.transactions, r.first_lines, r.debit_pence, r.credit_pence)
       for r in rows])
print(transactions_between(day, day), transactions_between(day, day, account="cash"))
from finance.ledger_reads import Transactions, entries_of
from finance.models import Entry, Transaction
rows = Transactions(day, day, account_id=None, count=3)[0:50]
ids = [row["id"] for row in rows]
orm = Transaction.objects.filter(date=day).order_by("id").values("id", "date", "description")
print(rows == list(orm),
      entries_of(ids) == list(Entry.objects.filter(transaction_id__in=ids).values_list(
          "transaction_id", "account__name", "debit_pence", "credit_pence")), len(ids))
# Narrowed to the bank, the list comes from the bank's lines and their dates (finance
# migration 0014): post_split writes its entries without one, and the trigger copies it.
from django.db.models import F
bank = Entry.objects.filter(account__code="bank").values_list("account_id", flat=True)[0]
two_days = (day, day + dt.timedelta(days=1))
orm = (Transaction.objects.filter(date__range=two_days, entries__account_id=bank).distinct()
       .order_by("date", "id").values("id", "date", "description"))
print(Transactions(*two_days, account_id=bank, count=5)[1:50] == list(orm)[1:],
      Entry.objects.filter(date=F("transaction__date")).count(), Entry.objects.count())
"""


def test_sqlite_keeps_the_accounts_daily_sums_and_counts(tmp_path):
    result = sqlite_shell(tmp_path, SQLITE_DAY_COUNTS)
    assert result.stdout.split("\n")[:4] == [
        "[('bank', 3, 3, 350, 0), ('cash', 3, 0, 0, 350), "
        "('bank', 2, 2, 200, 0), ('cash', 2, 0, 0, 200)]",
        "3 3",
        "True True 3",
        "True 11 11",
    ], result.stdout + result.stderr


# The demo's places taken and waiting are kept by SQLite's triggers (events migration
# 0013); a later migration that remakes events_booking on SQLite would drop them. What's on
# reads them, with the activities' dates, in plain SQL (events.upcoming), as the register
# reads its people (events.register): SQLite's answers must be the ORM's.
SQLITE_PLACES = """
from events.models import Activity, Booking
from events.selectors import activity_list, with_places
from events.upcoming import ROW, Upcoming
from tests.events.sqlite_places import book_and_change
one, two = book_and_change()
print(sorted((a.title, a.taken, a.waiting) for a in with_places(Activity.objects.all())))
Activity.objects.update(status="published", step_free=True)
keys = [key for key, _, _ in ROW]
# One just after the first midnight of July, local time (British Summer Time): SQLite
# compares times as UTC text, so a local time sent as it is would miss it.
import datetime as dt
from coop.dates import day_at
july = dt.date(one.starts_at.year + 1, 7, 1)
at = day_at(july) + dt.timedelta(minutes=30)
Activity.objects.filter(pk=one.pk).update(
    starts_at=at, ends_at=at + dt.timedelta(hours=2), booking_opens_at=at - dt.timedelta(days=9),
    booking_closes_at=at - dt.timedelta(hours=2), cancel_by=at - dt.timedelta(days=2),
)
after = day_at(july) + dt.timedelta(minutes=15)
mine = {"branch": one.branch, "access": ("step_free",)}
for filters in ({}, {"month": july}, {"start": after}, mine):
    rows = Upcoming(**filters)
    print(rows.count(), rows[0:10] == list(activity_list(**filters).values(*keys)))
from events.register import register_rows
from events.services.booking_lock import activity_unless_draft
from members.models import Member
Member.objects.filter(first_name="P0").update(access_needs=["wheelchair"], phone="07700 900123")
Booking.objects.filter(member__first_name="P0").update(guests=[{"kind": "carer"}])
print(activity_unless_draft(one.pk, ("title",)).title, [
    (r["name"], r["guests"], r["needs"], r["tel"]) for r in register_rows(one.pk, "/r/")
])
"""


def test_sqlite_keeps_each_activitys_places_taken_and_waiting(tmp_path):
    result = sqlite_shell(tmp_path, SQLITE_PLACES)
    assert result.stdout.split("\n")[:6] == [
        "[('One', 2, 1), ('Two', 3, 0)]",
        "2 True",
        "1 True",
        "1 True",
        "2 True",
        "One [('P0 Test', 'With 1 guest.', 'Wheelchair user', '07700900123')]",
    ], result.stdout + result.stderr


# Each person's share is read in plain SQL (events.cost_share): the demo's SQLite must
# answer it as PostgreSQL does (its booleans and EXISTS are integers there). And a new
# booking, its history record and its audit entry, written in one plain INSERT on
# PostgreSQL (coop.sql.insert), are written by the ORM on SQLite, with the same history;
# What's on finds it in plain SQL (events.selectors.my_places).
SQLITE_SHARE = """
from events.cost_share import member_cost_lines, share_for
from events.models import CostLine, CostShare, SupportBooking, SupportNeed
from members.models import Branch
from tests.events.sqlite_places import _activity
trip = _activity(Branch.objects.create(name="Share"), "Trip")
for what, pence in (("driver and fuel", 2000), ("the beach hut", 1000), ("driver and fuel", 5)):
    CostLine.objects.create(activity=trip, kind="other", what=what, planned_pence=pence)
CostShare.objects.create(activity=trip, charged=True)
SupportNeed.objects.create(activity=trip, workers_needed=1)
for status in ("booked", "cancelled"):
    SupportBooking.objects.create(
        activity=trip, name="Sam", role="pa", minutes=60, cost_pence=900, status=status
    )
trip.cost_pence = share_for(trip).each_pence
s = share_for(trip)
print((s.planned_pence, s.grants_pence, s.support_pence, s.charged, s.each_pence, s.what))
print(member_cost_lines(trip))
from coop.models import AuditEntry
from events.models import Booking
from events.services.booking_states import move
from members.models import Member, User
user = User.objects.create(username="sam")
member = Member.objects.create(
    first_name="Sam", last_name="Lee", branch=trip.branch, user=user, admitted_on="2025-01-01"
)
booking = move(Booking(activity=trip, member=member), actor=user, action="booking.created",
               status="waiting", waiting_since=trip.starts_at)
print([(h.history_type, h.history_user == user, h.status) for h in booking.history.all()],
      AuditEntry.objects.filter(target_id=str(booking.pk)).count())
from events.selectors import my_places
print(my_places(user, [trip.pk, trip.pk + 1]) == (set(), {trip.pk}))
"""


def test_sqlite_reads_shares_and_writes_new_rows(tmp_path):
    result = sqlite_shell(tmp_path, SQLITE_SHARE)
    assert result.stdout.split("\n")[:4] == [
        "(3005, 0, 900, True, 350, 'driver and fuel and the beach hut')",
        "['That £3.50 pays your share of driver and fuel and the beach hut.', "
        "'The co-operative pays for the support workers. You do not pay for them.']",
        "[('+', True, 'waiting')] 1",
        "True",
    ], result.stdout + result.stderr


def test_money_is_shown_in_pounds():
    from coop.money import format_pence

    assert [format_pence(p) for p in (500, 550, 5, 125000, -300)] == [
        "£5",
        "£5.50",
        "£0.05",
        "£1,250",
        "-£3",
    ]
    with pytest.raises(TypeError):
        format_pence(5.0)


def test_dates_are_easy_read():
    import datetime as dt

    from coop.dates import easy_date, easy_time

    assert easy_date(dt.date(2026, 3, 14)) == "Saturday 14 March"
    assert easy_time(dt.time(14, 0)) == "2pm" and easy_time(dt.time(9, 30)) == "9:30am"
