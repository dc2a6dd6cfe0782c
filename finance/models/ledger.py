"""The double-entry ledger: accounts, transactions and their entries, each account's
daily sums and counts, and the quarters whose books are closed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from finance.models.payments import Payment, Refund
from members.models import Branch

# Whose money a posting, a day's sums or a budget line is: a branch's, or (none) the whole
# co-operative's own.
BRANCH_HELP = "The branch whose money this is; empty for the whole co-operative."


def once_per_branch(fields: list[str], *, whole: str, branch: str) -> list[models.UniqueConstraint]:
    """`fields` unique among the whole co-operative's rows (name `whole`) and among each
    branch's (name `branch`): two partial indexes, as an empty branch never equals another
    in a plain unique index."""
    return [
        models.UniqueConstraint(fields=fields, condition=Q(branch__isnull=True), name=whole),
        models.UniqueConstraint(
            fields=[*fields, "branch"], condition=Q(branch__isnull=False), name=branch
        ),
    ]


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

    date = models.DateField()  # indexed with the id (Meta), the ledger's order
    description = models.CharField(max_length=200)
    reference = models.CharField(max_length=100, blank=True, db_index=True)
    branch = models.ForeignKey(
        Branch,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=BRANCH_HELP,
    )
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
        indexes = [models.Index(fields=["date", "id"], name="finance_transaction_date_id")]
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
    # The transaction's date, copied, so one account's lines are read in the ledger's
    # order from an index (the ledger narrowed to an account). A transaction's date never
    # changes (migration 0008); on PostgreSQL a foreign key on (transaction, date) refuses
    # an entry with any other date (migration 0014).
    date = models.DateField(editable=False)
    debit_pence = models.PositiveIntegerField(default=0)
    credit_pence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["transaction_id", "id"]
        verbose_name_plural = "entries"
        indexes = [
            models.Index(
                fields=["account", "date", "transaction"], name="finance_entry_account_date"
            )
        ]
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
    """One account's debits, credits and transactions on one day, kept by the database as
    entries are posted (triggers on finance_entry, migrations 0008, 0011 and 0012), so a
    period's totals read one row per account and day instead of every entry. Entries are
    only ever inserted (never changed or deleted) and a transaction's date never changes,
    so the insert is all there is to keep up with. Nothing in coop writes these rows
    itself."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    debit_pence = models.BigIntegerField(default=0)
    credit_pence = models.BigIntegerField(default=0)
    # How many transactions have a line on this account that day (each once), and how
    # many of those have their first line here. Added up over every account, the second
    # counts each transaction once: the ledger page counts a period's transactions from
    # these rows, not from the transactions (29,000 in a quarter at `make bench`'s L).
    # Kept on the rows a posting already locks, so counting adds no lock of its own.
    transactions = models.BigIntegerField(default=0)
    first_lines = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["date", "account_id"]
        # A period's totals for every account read the period's rows by date.
        indexes = [models.Index(fields=["date"], name="finance_accountday_date")]
        constraints = [
            *once_per_branch(
                ["account", "date"],
                whole="finance_accountday_unique_whole",
                branch="finance_accountday_unique_branch",
            ),
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
