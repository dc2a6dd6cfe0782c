"""The books the finance officer keeps by hand: spending, money received, and the budget."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from finance.models.ledger import BRANCH_HELP, Account, Transaction, once_per_branch
from members.models import Branch


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
    """What the co-operative (or one of its branches) plans to spend on, or receive in, one
    account in one year, split into its four quarters."""

    year = models.PositiveSmallIntegerField()
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="budget_lines")
    branch = models.ForeignKey(
        Branch,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=BRANCH_HELP,
    )
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
            *once_per_branch(
                ["year", "account"],
                whole="finance_budgetline_once",
                branch="finance_budgetline_once_per_branch",
            ),
        ]

    def __str__(self) -> str:
        return f"Budget {self.year} {self.account.code}"

    def quarter_pence(self, quarter: int) -> int:
        return getattr(self, f"q{quarter}_pence")

    @property
    def year_pence(self) -> int:
        return self.q1_pence + self.q2_pence + self.q3_pence + self.q4_pence
