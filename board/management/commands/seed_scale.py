"""manage.py seed_scale --size S|M|L [--flush] [--seed N]

Builds a large synthetic federation for the benchmark (`make bench`), with bulk inserts:
L = 5,000 members in 10 branches, 2,000 activities, 100,000 bookings in every state with
their payments and refunds, ballots for 20 elections, and 24 monthly board meetings with
papers, attendance, decisions, actions and sitting fees. M is a tenth of L, S a hundredth
(T, for tests, is smaller still). Deterministic: the same seed gives the same rows (dates
are relative to today). It lives in board because board may use every app.

Ledger entries (300,000 at L) are seeded only when finance has a ledger model; until then
the command says they are missing.

Bookings' `status` and `fee_status` are written here directly, in bulk, not through
events.services.booking_states.move(): only states and pairs that move() can reach are
used, and no audit rows are written for them (the benchmark measures reads).

Never run it on a database you care about: --flush empties every table first.
"""

import datetime as dt
import random
import secrets
import time
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from board.elections import ballot_box
from board.models import Ballot, BallotBox, Candidate, Election, Elector, Receipt, Voter
from events.models import Activity, Booking
from finance.models import Payment, Refund
from members.models import Branch, Member, Role, RoleAssignment, User

# members, branches, activities, bookings per activity, elections, ledger entries
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
BOOKINGS_PER_ACTIVITY = 50  # 100,000 bookings at L; the same per activity at every size
BATCH = 5000
PASSWORD = "bench-password-not-for-real-use"
FIRST = "Ada Ben Cara Dev Eli Fay Gus Hana Ivo Jo Kit Lee Mo Nia Oli Pat Rae Sam Tia Uma".split()
LAST = "Adams Brown Clark Davies Evans Fox Green Hall Islam Jones Khan Lewis Moore Patel".split()

B = Booking.Status
F = Booking.FeeStatus


class Command(BaseCommand):
    last_counts: dict[str, Any] = {}
    help = "Fill the database with a large synthetic federation, for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", required=True, choices=list(SIZES))
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--flush", action="store_true", help="empty every table first (destroys data)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["flush"]:
            call_command("flush", interactive=False, verbosity=0)
        elif Member.objects.exists():
            raise CommandError("The database has members already: use --flush to empty it.")
        started = time.monotonic()
        seeder = Seeder(SIZES[options["size"]], options["seed"], self.stdout.write)
        counts = seeder.run()
        counts["seconds"] = round(time.monotonic() - started, 1)
        Command.last_counts = counts  # for the benchmark driver
        self.stdout.write(
            "seed_scale {}: {}".format(
                options["size"], ", ".join(f"{k} {v}" for k, v in counts.items())
            )
        )


class Seeder:
    def __init__(self, size: dict[str, int], seed: int, say) -> None:
        self.size = size
        self.rnd = random.Random(seed)
        self.say = say
        today = timezone.localdate()
        self.now = timezone.make_aware(dt.datetime.combine(today, dt.time(12, 0)))
        self.counts: dict[str, Any] = {}

    def run(self) -> dict[str, Any]:
        with transaction.atomic():
            self.people()
            self.activities()
            self.bookings()
            self.elections()
            self.ledger()
        self.reset_sequences()
        with transaction.atomic():
            self.meetings()
        # Fresh statistics and visibility maps, as autovacuum would have them on a database
        # that grew slowly: without statistics the planner guesses badly right after a bulk
        # load, and without the visibility map an index-only scan (counting a quarter's
        # transactions, say) reads every row from the table as well. VACUUM cannot run in
        # a transaction (a test's), where ANALYZE alone does.
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")
        return self.counts

    # -- helpers -------------------------------------------------------------------------
    def ids(self, model, n: int) -> list[int]:
        """Explicit primary keys, so rows can point at each other before they are saved."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
            start = cursor.fetchone()[0] + 1
        return list(range(start, start + n))

    def reset_sequences(self) -> None:
        models = [User, Member, Branch, RoleAssignment, Activity, Booking, Payment, Refund]
        models += [Election, Candidate, Elector, Voter, BallotBox, Receipt]
        models += getattr(self, "ledger_models", [])
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)

    # -- members -------------------------------------------------------------------------
    def people(self) -> None:
        rnd, n = self.rnd, self.size["members"]
        branches = Branch.objects.bulk_create(
            [
                Branch(name=f"Bench branch {i + 1}", slug=f"bench-{i + 1}")
                for i in range(self.size["branches"])
            ]
        )
        password = make_password(PASSWORD)
        user_ids = self.ids(User, n + 4)
        users = [
            User(
                id=user_ids[i],
                username=f"m{i + 1:05d}",
                password=password,
                first_name=rnd.choice(FIRST),
                last_name=rnd.choice(LAST),
            )
            for i in range(n)
        ]
        staff = {}
        for offset, name in enumerate(["organiser", "board", "finance", "returning"]):
            user = User(id=user_ids[n + offset], username=f"bench-{name}", password=password)
            user.first_name, user.last_name = "Bench", name.title()
            users.append(user)
            staff[name] = user
        User.objects.bulk_create(users, batch_size=BATCH)
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user=staff["organiser"], role=Role.ORGANISER),
                RoleAssignment(user=staff["board"], role=Role.BOARD),
                RoleAssignment(user=staff["finance"], role=Role.FINANCE),
                RoleAssignment(user=staff["returning"], role=Role.RETURNING_OFFICER),
            ]
        )
        statuses = [Member.Status.ACTIVE] * 17 + [
            Member.Status.LAPSED,
            Member.Status.APPLIED,
            Member.Status.RESIGNED,
        ]
        members = []
        for i, user in enumerate(users[:n]):
            # The first 400 are active: the booking race and the bench user need them so.
            status = Member.Status.ACTIVE if i < 400 else rnd.choice(statuses)
            admitted = (self.now - dt.timedelta(days=rnd.randint(30, 3000))).date()
            members.append(
                Member(
                    user=user,
                    membership_number=f"BN{i + 1:06d}",
                    first_name=user.first_name,
                    last_name=user.last_name,
                    branch=branches[i % len(branches)],
                    status=status,
                    admitted_on=None if status == Member.Status.APPLIED else admitted,
                    left_on=self.now.date() if status == Member.Status.RESIGNED else None,
                    postcode=f"E{rnd.randint(1, 20)} {rnd.randint(1, 9)}AB",
                    phone=f"07700 9{rnd.randint(10000, 99999)}",
                    contact_preferences=["phone"],
                )
            )
        self.members = Member.objects.bulk_create(members, batch_size=BATCH)
        self.branches, self.staff = branches, staff
        self.counts.update(branches=len(branches), members=len(members), users=len(users))

    # -- activities and bookings ---------------------------------------------------------
    def activities(self) -> None:
        rnd, activities = self.rnd, []
        for i in range(self.size["activities"]):
            # Three in four are over, one in four still to come.
            starts = self.now + dt.timedelta(days=rnd.randint(-270, 89), hours=rnd.randint(-2, 6))
            status = Activity.Status.CANCELLED if rnd.random() < 0.03 else Activity.Status.PUBLISHED
            activities.append(
                Activity(
                    title=f"Activity {i + 1}",
                    summary="We meet and do something nice together.",
                    picture="coop/pictures/meet.svg",
                    picture_alt="People meeting",
                    branch=self.branches[i % len(self.branches)],
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    meeting_point="The front door of the library",
                    places=rnd.randint(30, 60),
                    fee_pence=rnd.choice([0, 0, 300, 500]),
                    booking_opens_at=starts - dt.timedelta(days=60),
                    booking_closes_at=starts - dt.timedelta(hours=2),
                    cancel_by=starts - dt.timedelta(days=2),
                    status=status,
                    created_by=self.staff["organiser"],
                )
            )
        self.activity_rows = Activity.objects.bulk_create(activities, batch_size=BATCH)
        self.counts["activities"] = len(activities)

    def bookings(self) -> None:
        rnd, now = self.rnd, self.now
        activities = self.activity_rows
        per = min(BOOKINGS_PER_ACTIVITY, len(self.members))
        booking_ids = self.ids(Booking, len(activities) * per)
        payment_ids = iter(self.ids(Payment, len(booking_ids)))
        bookings, payments, refunds = [], [], []
        next_id = iter(booking_ids)
        for activity in activities:
            over = activity.starts_at < now
            created = activity.booking_opens_at + dt.timedelta(hours=1)
            taken = 0
            for member in rnd.sample(self.members, per):
                booking = Booking(
                    id=next(next_id),
                    activity=activity,
                    member=member,
                    fee_pence=activity.fee_pence,
                    booked_by=member.user,
                    waiting_since=None,
                )
                booking.created_at = created
                full = taken >= activity.places
                if activity.status == Activity.Status.CANCELLED or rnd.random() < 0.08:
                    status = B.CANCELLED
                elif over:
                    status = B.CANCELLED if full else rnd.choice([B.ATTENDED] * 4 + [B.NO_SHOW])
                elif full:
                    status = B.WAITING
                else:
                    status = rnd.choice([B.CONFIRMED] * 6 + [B.AWAITING_PAYMENT, B.OFFERED])
                    if status == B.AWAITING_PAYMENT and not activity.fee_pence:
                        status = B.CONFIRMED
                booking.status = status
                if status in Booking.HOLDING:
                    taken += 1
                if status == B.CANCELLED:
                    booking.cancelled_at = created + dt.timedelta(days=1)
                elif status == B.WAITING:
                    booking.waiting_since = created
                elif status == B.OFFERED:
                    booking.offer_expires_at = now + dt.timedelta(hours=24)
                elif status in (B.ATTENDED, B.NO_SHOW):
                    booking.attendance_marked_by = self.staff["organiser"]
                    booking.attendance_marked_at = activity.ends_at
                self.fee(booking, status, over, payment_ids, payments, refunds)
                bookings.append(booking)
        Booking.objects.bulk_create(bookings, batch_size=BATCH)
        Payment.objects.bulk_create(payments, batch_size=BATCH)
        Refund.objects.bulk_create(refunds, batch_size=BATCH)
        self.counts.update(bookings=len(bookings), payments=len(payments), refunds=len(refunds))
        self.counts["booking_statuses"] = len({b.status for b in bookings})

    def fee(self, booking, status, over, payment_ids, payments, refunds) -> None:
        """The fee's state and its payment and refund rows, as the services would leave them."""
        rnd, fee = self.rnd, booking.fee_pence
        if not fee:
            booking.fee_status, booking.payment_method = F.NONE, Booking.PaymentMethod.NONE
            return
        method = rnd.choice(["card", "card", "cash", "waived"])
        booking.payment_method = method
        if method == "waived":
            booking.fee_status, booking.fee_note = F.WAIVED, "Hardship"
            return
        if status == B.WAITING or status == B.OFFERED:
            booking.fee_status = F.AWAITING
            return
        paid = status != B.AWAITING_PAYMENT and not (method == "cash" and rnd.random() < 0.3)
        if not paid and status in (B.CONFIRMED, B.AWAITING_PAYMENT):
            booking.fee_status = F.AWAITING
            if method == "card":
                payments.append(self.payment(booking, next(payment_ids), method, "pending"))
                booking.payment_id = payments[-1].id
            return
        payment = self.payment(booking, next(payment_ids), method, "succeeded")
        payments.append(payment)
        booking.payment_id = payment.id
        if status in (B.CONFIRMED,):
            booking.fee_status = F.HELD
        elif status == B.NO_SHOW:
            booking.fee_status = F.KEPT
        else:  # attended, or cancelled: the fee goes back
            pending = status == B.CANCELLED and rnd.random() < 0.1
            booking.fee_status = F.REFUND_PENDING if pending else F.REFUNDED
            booking.refunded_pence = 0 if pending else fee
            refund_status = (
                ("to_hand_back" if method == "cash" else "pending") if pending else "succeeded"
            )
            when = booking.activity.ends_at if over else booking.cancelled_at
            refunds.append(
                Refund(
                    payment=payment,
                    amount_pence=fee,
                    payment_amount_pence=fee,
                    status=refund_status,
                    method=method,
                    reason="Booking fee back",
                    created_at=when,
                    succeeded_at=when if refund_status == "succeeded" else None,
                )
            )

    def payment(self, booking, pk, method, status) -> Payment:
        when = booking.created_at
        return Payment(
            id=pk,
            member=booking.member,
            reference=f"booking:{booking.id}",
            description=f"Booking fee: {booking.activity.title}",
            method=method,
            status=status,
            amount_pence=booking.fee_pence,
            stripe_payment_intent_id=f"pi_seed_{pk}" if method == "card" else None,
            created_at=when,
            succeeded_at=when if status == "succeeded" else None,
        )

    # -- board meetings ------------------------------------------------------------------
    def meetings(self) -> None:
        """A board of 7 and a meeting a month: the last one to come (planned, with coop's own
        papers made by the real service), the others held, each with 3 written papers of 4
        easy-read parts, attendance, 2 decisions, 2 actions and the sitting fees."""
        from board.meetings.services.agenda import STANDARD_ITEMS
        from board.meetings.services.papers import papers_refresh
        from board.models import (
            PAPER_PICTURES,
            Action,
            AgendaItem,
            Attendance,
            BoardMembership,
            Decision,
            Meeting,
            Paper,
            PaperPart,
            SittingFee,
        )

        rnd, n = self.rnd, self.size["meetings"]
        board = self.members[:7]
        start = (self.now - dt.timedelta(days=31 * n + 60)).date()
        BoardMembership.objects.bulk_create(
            BoardMembership(member=m, role="co_chair" if i < 2 else "member", starts_on=start)
            for i, m in enumerate(board)
        )
        pictures = list(PAPER_PICTURES)
        meetings = Meeting.objects.bulk_create(
            Meeting(
                title=f"Board meeting {i + 1}",
                starts_at=self.now + dt.timedelta(days=31 * (i - n + 1) + 7),
                place="The Hub",
                status="planned" if i == n - 1 else "held",
                held_at=None if i == n - 1 else self.now,
            )
            for i in range(n)
        )
        items, papers, parts, attendance, decisions, actions, fees = [], [], [], [], [], [], []
        for meeting in meetings:
            for position, (source, title, summary, decision) in enumerate(STANDARD_ITEMS, 1):
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        position=position,
                        title=title,
                        summary=summary,
                        decision_needed=decision,
                        source=source,
                    )
                )
            for k in range(3):
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        position=5 + k,
                        title=f"Item {k + 1}",
                        summary="We talk about this. We decide.",
                        decision_needed=True,
                        presenter=board[k],
                    )
                )
        AgendaItem.objects.bulk_create(items, batch_size=BATCH)
        for item in items:
            if item.source == "written":
                papers.append(
                    Paper(
                        item=item,
                        title=f"Paper: {item.title}",
                        standard_text="# Why\nA standard paper.\n\n- One\n- Two",
                    )
                )
        Paper.objects.bulk_create(papers, batch_size=BATCH)
        for paper in papers:
            for position in range(1, 5):
                picture = rnd.choice(pictures)
                parts.append(
                    PaperPart(
                        paper=paper,
                        position=position,
                        heading=f"Part {position}",
                        words="We want to do this.\n- It helps members\n- It costs £50",
                        picture=picture,
                        picture_alt=PAPER_PICTURES[picture],
                    )
                )
        PaperPart.objects.bulk_create(parts, batch_size=BATCH)
        for meeting in meetings[:-1]:
            for member in board:
                status = rnd.choice(["present"] * 5 + ["apologies"])
                attendance.append(Attendance(meeting=meeting, member=member, status=status))
                if status == "present":
                    fees.append(
                        SittingFee(
                            meeting=meeting, member=member, amount_pence=2000, owed_at=self.now
                        )
                    )
            decisions += [Decision(meeting=meeting, wording=f"Decision {d}") for d in (1, 2)]
            actions += [
                Action(
                    meeting=meeting,
                    what=f"Action {a}",
                    owner=board[a],
                    due_on=meeting.starts_at.date() + dt.timedelta(days=20),
                    done_at=None if meeting is meetings[-2] else self.now,
                )
                for a in (1, 2)
            ]
        for rows in (attendance, decisions, actions, fees):
            type(rows[0]).objects.bulk_create(rows, batch_size=BATCH) if rows else None
        papers_refresh(meeting=meetings[-1], actor=None)
        self.upcoming_meeting = meetings[-1].pk
        self.counts.update(meetings=len(meetings), meeting_papers=len(papers) + 4)

    # -- elections -----------------------------------------------------------------------
    def elections(self) -> None:
        rnd, now = self.rnd, self.now
        active = [m for m in self.members if m.status == Member.Status.ACTIVE]
        counts = {"elections": 0, "candidates": 0, "electors": 0, "ballots": 0}
        electors, voters, ballots, receipts, boxes = [], [], [], [], []
        for e in range(self.size["elections"]):
            opens = now - dt.timedelta(days=30 * (e + 1))
            seats = rnd.choice([1, 2, 3])
            election = Election.objects.create(
                title=f"Board election {e + 1}",
                seats=seats,
                method=Election.Method.IRV if seats == 1 else Election.Method.SCOTTISH_STV,
                electorate_date=(opens - dt.timedelta(days=20)).date(),
                nominations_open_at=opens - dt.timedelta(days=20),
                nominations_close_at=opens - dt.timedelta(days=5),
                voting_open_at=opens,
                voting_close_at=opens + dt.timedelta(days=14),
                returning_officer=self.staff["returning"],
                status=Election.Status.CLOSED,
                seed=rnd.randint(1, 2**40),
                electorate_frozen_at=opens - dt.timedelta(days=5),
            )
            people = rnd.sample(active, min(len(active), 8))
            candidates = Candidate.objects.bulk_create(
                [
                    Candidate(
                        election=election,
                        member=member,
                        statement="I will listen to members.",
                        picture="coop/pictures/meet.svg",
                        status=Candidate.Status.ACCEPTED,
                        nominated_at=opens - dt.timedelta(days=10),
                    )
                    for member in people[: rnd.randint(max(seats + 1, 3), len(people))]
                ]
            )
            ids = [c.id for c in candidates]
            electors += [Elector(election=election, member=m) for m in active]
            turnout = rnd.sample(active, int(len(active) * 0.4) or 1)
            # Closed with the box already opened: ballots and receipt codes apart.
            boxes.append(
                BallotBox(
                    election=election,
                    public_key=b"",
                    salt=None,
                    kdf_ops=0,
                    kdf_mem=0,
                    made_at=opens - dt.timedelta(days=6),
                    opened_at=opens + dt.timedelta(days=14, hours=1),
                    opened_online=len(turnout),
                )
            )
            for i, member in enumerate(turnout):
                voters.append(Voter(election=election, member=member, channel="online"))
                ranking = rnd.sample(ids, rnd.randint(1, len(ids)))
                ballots.append(Ballot(election=election, ranking=ranking))
                code = ballot_box.receipt_for(f"{e}-{i}".encode())
                receipts.append(Receipt(election=election, code=code))
            counts["elections"] += 1
            counts["candidates"] += len(candidates)
        Elector.objects.bulk_create(electors, batch_size=BATCH)
        Voter.objects.bulk_create(voters, batch_size=BATCH)
        BallotBox.objects.bulk_create(boxes)
        rnd.shuffle(ballots)
        Ballot.objects.bulk_create(ballots, batch_size=BATCH)
        receipts.sort(key=lambda r: (r.election_id, r.code))
        Receipt.objects.bulk_create(receipts, batch_size=BATCH)
        counts.update(electors=len(electors), ballots=len(ballots))
        self.counts.update(counts)

    # -- ledger --------------------------------------------------------------------------
    def ledger(self) -> None:
        """Balanced double-entry transactions, two entries each: the fee payments and
        refunds seeded above, then grants and costs up to the size's entry count. Only
        when finance has its ledger (Account, Transaction, Entry); until then, say so."""
        try:
            from finance.models import Account, Entry, Transaction
        except ImportError:
            self.counts["ledger_entries"] = "missing (finance has no ledger model yet)"
            return
        try:
            from finance.chart import CHART
        except ImportError:
            CHART = {}
        for code, (name, kind) in CHART.items():
            Account.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
        accounts = {a.code: a for a in Account.objects.all()}
        needed = {"stripe", "cash", "bank", "fees_held", "fees_kept", "grants"}
        costs = [code for code, a in accounts.items() if a.kind == "expense"]
        if not needed <= accounts.keys() or not costs:
            self.counts["ledger_entries"] = "missing (the chart of accounts lacks the seeded codes)"
            return
        rnd, target = self.rnd, self.size["ledger"]
        txn_ids = iter(self.ids(Transaction, target // 2))
        transactions, entries = [], []

        def post(date, description, debit, credit, pence, **links) -> None:
            txn = Transaction(id=next(txn_ids), date=date, description=description, **links)
            txn.created_at = self.now
            transactions.append(txn)
            entries.append(Entry(transaction=txn, account=accounts[debit], debit_pence=pence))
            entries.append(Entry(transaction=txn, account=accounts[credit], credit_pence=pence))

        money = {"card": "stripe", "cash": "cash"}
        for payment in Payment.objects.filter(status="succeeded").order_by("id"):
            if len(transactions) >= target // 2:
                break
            post(
                payment.created_at.date(),
                payment.description,
                money[payment.method],
                "fees_held",
                payment.amount_pence,
                payment=payment,
                reference=payment.reference,
            )
        for refund in Refund.objects.filter(status="succeeded").select_related("payment"):
            if len(transactions) >= target // 2:
                break
            post(
                refund.created_at.date(),
                "Booking fee paid back",
                "fees_held",
                money[refund.method],
                refund.amount_pence,
                refund=refund,
                reference=refund.payment.reference,
            )
        while len(transactions) < target // 2:
            date = (self.now - dt.timedelta(days=rnd.randint(0, 400))).date()
            if rnd.random() < 0.3:
                post(date, "Grant", "bank", "grants", rnd.randint(10000, 500000))
            else:
                post(date, "Costs", rnd.choice(costs), "bank", rnd.randint(500, 20000))
        Transaction.objects.bulk_create(transactions, batch_size=BATCH)
        Entry.objects.bulk_create(entries, batch_size=BATCH)
        self.ledger_models = [Transaction, Entry]
        self.counts.update(transactions=len(transactions), ledger_entries=len(entries))


def session_for(user: User) -> str:
    """A signed-in session key for `user`, for a load generator's cookie."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def token_key() -> str:
    return secrets.token_hex(20)
