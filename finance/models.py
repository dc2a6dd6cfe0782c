"""Money in and out: payments, refunds, and the Stripe events that told us about them.

Amounts are integer pence. Rows are never deleted (PROTECT), and the rules that must never
break ("one live payment per booking", "a fee is never refunded twice", "never above what
was paid") are database constraints, so a bug in Python cannot break them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from members.models import Member


class Method(models.TextChoices):
    CARD = "card", "Card"
    CASH = "cash", "Cash"


class Payment(models.Model):
    """Money a member pays for something named by `reference` (e.g. "booking:123")."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        SUCCEEDED = "succeeded", "Paid"
        FAILED = "failed", "Did not go through"
        CANCELLED = "cancelled", "Stopped"

    # A pending or succeeded payment holds its reference: a second one would charge twice.
    LIVE = (Status.PENDING, Status.SUCCEEDED)

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="payments")
    reference = models.CharField(
        max_length=100, db_index=True, help_text='What it is for, e.g. "booking:123".'
    )
    description = models.CharField(max_length=200, help_text="What it is for, in words.")
    method = models.CharField(max_length=8, choices=Method.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    amount_pence = models.PositiveIntegerField()
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_charge_id = models.CharField(max_length=255, blank=True, db_index=True)
    # Stripe.js needs it on the payment page; it can only confirm this one intent.
    client_secret = models.CharField(max_length=255, blank=True)
    # When someone last began asking Stripe for this payment's intent, so that callers
    # arriving at the same moment do not each make one.
    intent_requested_at = models.DateTimeField(null=True, blank=True)
    next_url = models.CharField(
        max_length=500, blank=True, help_text="The page on this site to go to after paying."
    )
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["client_secret"])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=Q(status__in=["pending", "succeeded"]),
                name="finance_payment_once_per_reference",
            ),
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="finance_payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="succeeded") | Q(succeeded_at__isnull=False),
                name="finance_payment_succeeded_has_time",
            ),
            # Lets each refund's copy of the amount be a foreign key to the real one (see
            # migration 0002), so the copy cannot lie.
            models.UniqueConstraint(
                fields=["id", "amount_pence"], name="finance_payment_id_amount"
            ),
        ]

    def __str__(self) -> str:
        return f"Payment {self.pk}: {self.amount_pence}p {self.method} {self.status}"


class Refund(models.Model):
    """Money going back for a payment: by card through Stripe's Refunds API, or as cash
    handed back. `external` refunds were made in Stripe's dashboard and seen by webhook."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being sent"
        SUCCEEDED = "succeeded", "Paid back"
        FAILED = "failed", "Did not go through"
        TO_HAND_BACK = "to_hand_back", "Cash to hand back"

    # Money that has gone back or is on its way: it counts against what is left to refund.
    OPEN = (Status.PENDING, Status.TO_HAND_BACK)
    COUNTED = (*OPEN, Status.SUCCEEDED)

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount_pence = models.PositiveIntegerField()
    # A copy of payment.amount_pence, so one CheckConstraint can hold the refund to it.
    payment_amount_pence = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices)
    method = models.CharField(max_length=8, choices=Method.choices)
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    reason = models.CharField(max_length=500)
    external = models.BooleanField(
        default=False, help_text="Made in Stripe's dashboard, not through coop."
    )
    attempts = models.PositiveIntegerField(default=0)
    # Set while a worker is sending this refund to Stripe, so two never send it at once.
    sending_since = models.DateTimeField(null=True, blank=True)
    # When the task worker tries a failed attempt again (back-off); empty once it stops
    # trying by itself and the finance page's "Try again now" is the way left.
    next_try_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__lte=F("payment_amount_pence")),
                name="finance_refund_not_above_payment",
            ),
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="finance_refund_amount_positive"
            ),
            # One open coop refund per payment at a time (waiting to be sent or handed
            # back), so a repeated request cannot make two; once it has finished, what is
            # left of the payment can go back as its own refund.
            models.UniqueConstraint(
                fields=["payment"],
                condition=Q(external=False) & Q(status__in=["pending", "to_hand_back"]),
                name="finance_refund_one_open_per_payment",
            ),
            models.CheckConstraint(
                condition=~Q(status="succeeded") | Q(succeeded_at__isnull=False),
                name="finance_refund_succeeded_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Refund {self.pk}: {self.amount_pence}p {self.method} {self.status}"


class StripeEvent(models.Model):
    """A webhook delivery from Stripe, stored once by its id and processed once."""

    stripe_event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.type} {self.stripe_event_id}"


class Account(models.Model):
    """One heading of the co-operative's books (seeded by migration 0003)."""

    class Kind(models.TextChoices):
        ASSET = "asset", "Asset"
        LIABILITY = "liability", "Liability"
        INCOME = "income", "Income"
        EXPENSE = "expense", "Expense"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=Kind.choices)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Transaction(models.Model):
    """One posting to the ledger: its entries' debits equal its credits (a deferred
    PostgreSQL constraint trigger, migration 0003, refuses anything else at commit).
    Never edited or deleted: a mistake is put right by a reversing transaction."""

    date = models.DateField(db_index=True)
    description = models.CharField(max_length=200)
    reference = models.CharField(max_length=100, blank=True, db_index=True)
    # Set for postings made by a service, so posting the same thing twice posts it once.
    key = models.CharField(max_length=100, unique=True, null=True, blank=True)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    refund = models.ForeignKey(
        Refund, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    reverses = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reverses"],
                condition=Q(reverses__isnull=False),
                name="finance_transaction_reversed_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Transaction {self.pk} on {self.date}: {self.description}"


class Entry(models.Model):
    """One line of a transaction: a debit or a credit to one account, in pence."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    debit_pence = models.PositiveIntegerField(default=0)
    credit_pence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["transaction_id", "id"]
        verbose_name_plural = "entries"
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit_pence__gt=0) & Q(credit_pence=0))
                | (Q(debit_pence=0) & Q(credit_pence__gt=0)),
                name="finance_entry_one_side_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account.code} Dr {self.debit_pence} Cr {self.credit_pence}"


class AccountDay(models.Model):
    """One account's debits and credits on one day, kept by the database as entries are
    posted (triggers on finance_entry, migration 0008), so a period's totals read one row
    per account and day instead of every entry. Entries are only ever inserted (never
    changed or deleted) and a transaction's date never changes, so the insert is all
    there is to keep up with. Nothing in coop writes these rows itself."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    debit_pence = models.BigIntegerField(default=0)
    credit_pence = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["date", "account_id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "date"], name="finance_accountday_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} on {self.date}: Dr {self.debit_pence} Cr {self.credit_pence}"


class ClosedQuarter(models.Model):
    """A quarter whose books are closed: nothing more is posted with a date inside it."""

    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="finance_closedquarter_once"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4),
                name="finance_closedquarter_quarter_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"


class StripeBalanceTransaction(models.Model):
    """Our copy of one line of Stripe's balance history, kept by its id (fetching the
    same period again updates it, never doubles it)."""

    stripe_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=40, db_index=True)
    source_id = models.CharField(max_length=255, blank=True, db_index=True)
    # Signed: a refund or a payout takes money out of the Stripe balance.
    amount_pence = models.IntegerField()
    fee_pence = models.IntegerField(default=0)
    net_pence = models.IntegerField()
    currency = models.CharField(max_length=3)
    created_at = models.DateTimeField(db_index=True)
    data = models.JSONField()
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.type} {self.stripe_id}: {self.amount_pence} {self.currency}"


class StripePayout(models.Model):
    """A payout from the Stripe balance to the bank, kept by its id."""

    stripe_id = models.CharField(max_length=255, unique=True)
    amount_pence = models.IntegerField()
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20)
    arrival_date = models.DateField()
    balance_transaction_id = models.CharField(max_length=255, blank=True)
    data = models.JSONField()
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["arrival_date", "id"]

    def __str__(self) -> str:
        return f"Payout {self.stripe_id}: {self.amount_pence} {self.currency} {self.status}"


class ReconciliationRun(models.Model):
    """Fetching Stripe's balance history for a period: where it got to, so a run that
    stopped part way resumes from there."""

    start = models.DateField()
    end = models.DateField()
    cursor = models.CharField(max_length=255, blank=True)
    pages = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=F("end")), name="finance_reconciliationrun_start_first"
            ),
            models.UniqueConstraint(
                fields=["start", "end"],
                condition=Q(finished_at__isnull=True),
                name="finance_reconciliationrun_one_open_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"Reconciliation {self.start} to {self.end}"


class ReconciliationIssue(models.Model):
    """Something that does not match between Stripe and our records, for the finance
    officer to look into and resolve with a note."""

    class Kind(models.TextChoices):
        NOT_OURS = "not_ours", "On Stripe, not in our records"
        MISSING_AT_STRIPE = "missing_at_stripe", "In our records, not on Stripe"
        AMOUNT_DIFFERS = "amount_differs", "The amounts are not the same"
        PAYOUT = "payout", "A payout that needs a look"

    key = models.CharField(max_length=300, unique=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    occurred_on = models.DateField(db_index=True)
    description = models.CharField(max_length=500)
    stripe_id = models.CharField(max_length=255, blank=True)
    ours_pence = models.IntegerField(null=True, blank=True)
    stripe_pence = models.IntegerField(null=True, blank=True)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refund = models.ForeignKey(
        Refund, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    found_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | ~Q(note=""),
                name="finance_reconciliationissue_resolved_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class PaidWith(models.TextChoices):
    BANK = "bank", "From the bank"
    CASH = "cash", "In cash"


class Expense(models.Model):
    """Money the co-operative spent, with its receipt. Posted to the ledger when recorded
    (Dr the expense account, Cr bank or cash)."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="expenses")
    supplier = models.CharField(max_length=200)
    description = models.CharField(max_length=200)
    spent_on = models.DateField()
    amount_pence = models.PositiveIntegerField()
    paid_with = models.CharField(max_length=8, choices=PaidWith.choices)
    receipt = models.FileField(upload_to="finance/receipts/%Y/", blank=True)
    transaction = models.OneToOneField(
        Transaction, on_delete=models.PROTECT, related_name="expense"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-spent_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="finance_expense_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supplier}: {self.amount_pence}p on {self.spent_on}"


class Income(models.Model):
    """A grant, donation or subscription received. Posted when recorded (Dr bank or cash,
    Cr the income account)."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="incomes")
    source = models.CharField(max_length=200, help_text="Who gave it.")
    description = models.CharField(max_length=200)
    received_on = models.DateField()
    amount_pence = models.PositiveIntegerField()
    paid_with = models.CharField(max_length=8, choices=PaidWith.choices)
    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, related_name="income")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="finance_income_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount_pence}p on {self.received_on}"


class BudgetLine(models.Model):
    """What the co-operative plans to spend on (or receive in) one account in one year,
    split into its four quarters."""

    year = models.PositiveSmallIntegerField()
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="budget_lines")
    q1_pence = models.PositiveIntegerField(default=0)
    q2_pence = models.PositiveIntegerField(default=0)
    q3_pence = models.PositiveIntegerField(default=0)
    q4_pence = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "account__code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "account"], name="finance_budgetline_once"),
        ]

    def __str__(self) -> str:
        return f"Budget {self.year} {self.account.code}"

    def quarter_pence(self, quarter: int) -> int:
        return getattr(self, f"q{quarter}_pence")

    @property
    def year_pence(self) -> int:
        return self.q1_pence + self.q2_pence + self.q3_pence + self.q4_pence


class ReportJob(models.Model):
    """One quarterly report being made in the background for a board member or the
    finance officer: the stage it has reached, and then its file or why it failed. The
    report's code is in finance.reports; this is only its record."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class Version(models.TextChoices):
        EASY_READ = "easy-read", "Easy read"
        STANDARD = "standard", "Standard"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        HTML = "html", "Web page"
        CSV = "csv", "Spreadsheet (CSV)"

    S = Status
    TRANSITIONS: dict[str, set[str]] = {
        S.WAITING: {S.RUNNING, S.FAILED},
        S.RUNNING: {S.READY, S.FAILED},
        S.READY: set(),
        S.FAILED: set(),
    }
    FINISHED = (S.READY, S.FAILED)

    quarter = models.CharField(max_length=7, help_text='Like "2026-Q3".')
    version = models.CharField(max_length=10, choices=Version.choices)
    file_format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING)
    stage = models.CharField(max_length=100, default="Waiting to start")
    # Every stage reached so far, in order, the last being the one it is at now.
    stages = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to="finance/reports/%Y/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["waiting", "running", "ready", "failed"]),
                name="finance_reportjob_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & Q(finished_at__isnull=False)),
                name="finance_reportjob_ready_has_file",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | (~Q(error="") & Q(finished_at__isnull=False)),
                name="finance_reportjob_failed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Quarterly report {self.quarter} ({self.version}, {self.file_format})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED
