"""Reads about money: payments for the finance officer, refunds needing attention, and
the ledger's balances and entries."""

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from coop.sql import column, table
from finance import hooks
from finance.models import (
    Account,
    AccountDay,
    BudgetLine,
    Entry,
    Method,
    Payment,
    Refund,
)
from finance.quarters import Quarter
from members.models import Branch, User

# Whose money a read counts: ALL of it (every branch's and the whole co-operative's own),
# None for only the whole co-operative's own (no one branch's), or one Branch's.
ALL: Literal["all"] = "all"
BranchFilter = Branch | None | Literal["all"]


def of_branch(rows: QuerySet, branch: BranchFilter) -> QuerySet:
    """`rows` (anything with a `branch`) narrowed to whose money `branch` says."""
    if isinstance(branch, str):
        if branch != ALL:
            raise ValueError(f"Whose money is a Branch, None or ALL, not {branch!r}.")
        return rows
    return rows.filter(branch__isnull=True) if branch is None else rows.filter(branch=branch)


def payment_list(*, status: str = "") -> QuerySet[Payment]:
    """Every payment, newest first, with its member and refunds, and `paid_back_pence`:
    what has gone back so far (so a payment part given back shows as that)."""
    payments = (
        Payment.objects.select_related("member")
        .prefetch_related(Prefetch("refunds", queryset=Refund.objects.order_by("created_at", "id")))
        .annotate(
            paid_back_pence=Coalesce(
                Sum("refunds__amount_pence", filter=Q(refunds__status=Refund.Status.SUCCEEDED)),
                0,
            )
        )
    )
    if status:
        payments = payments.filter(status=status)
    return payments.order_by("-created_at", "-id")


def with_what_for(payments: Iterable[Payment]) -> list[Payment]:
    """The payments, each with `what_for`: what it is for in words, from the app that made
    its reference (finance.hooks.describe: "Booking fee for Bowling on Saturday 12 December
    2026"), else its own description. Never the reference itself ("booking:26")."""
    payments = list(payments)
    words = hooks.describe(payment.reference for payment in payments)
    for payment in payments:
        payment.what_for = words.get(payment.reference, payment.description)
    return payments


def refunds_needing_attention() -> QuerySet[Refund]:
    """Our card refunds still being sent, and failed ones nobody has asked for again."""
    live_again = Refund.objects.filter(
        payment=OuterRef("payment"), external=False, status__in=Refund.COUNTED
    )
    waiting = Refund.objects.filter(status=Refund.Status.PENDING, method=Method.CARD)
    failed = Refund.objects.filter(status=Refund.Status.FAILED).exclude(Exists(live_again))
    return (
        (waiting | failed)
        .filter(external=False)
        .select_related("payment__member")
        .order_by("created_at", "id")
    )


def refunds_to_send() -> QuerySet[Refund]:
    """Card refunds still waiting to reach Stripe, oldest first (for refunds_retry)."""
    return Refund.objects.filter(
        status=Refund.Status.PENDING, method=Method.CARD, external=False
    ).order_by("created_at", "id")


def cash_to_hand_back() -> QuerySet[Refund]:
    return (
        Refund.objects.filter(status=Refund.Status.TO_HAND_BACK)
        .select_related("payment__member")
        .order_by("created_at", "id")
    )


def refunded_pence(payment: Payment) -> int:
    """Paid back, or on its way back."""
    total = payment.refunds.filter(status__in=Refund.COUNTED).aggregate(t=Sum("amount_pence"))
    return total["t"] or 0


def payments_of_user(user: User) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(member__user=user)
        .prefetch_related("refunds")
        .order_by("created_at", "id")
    )


def account_movement(
    code: str, *, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[int, int]:
    """(debits, credits) in pence posted to an account between two dates (inclusive)."""
    totals = (
        account_days(start=start, end=end)
        .filter(account__code=code)
        .aggregate(debit=Sum("debit_pence"), credit=Sum("credit_pence"))
    )
    return totals["debit"] or 0, totals["credit"] or 0


def account_days(
    *, start: dt.date | None = None, end: dt.date | None = None, branch: BranchFilter = ALL
) -> QuerySet[AccountDay]:
    """Each account's debits and credits by day (and branch) between two dates
    (inclusive): the sums of the ledger's entries, kept by the database as they are posted
    (AccountDay). Add these up, not the entries, for any total by account over a period."""
    days = of_branch(AccountDay.objects.all(), branch)
    if start is not None:
        days = days.filter(date__gte=start)
    if end is not None:
        days = days.filter(date__lte=end)
    return days


class AccountSums(NamedTuple):
    """One account's sums over a period, from the daily rows (AccountDay)."""

    code: str
    name: str
    debit_pence: int
    credit_pence: int
    transactions: int  # with a line on this account
    first_lines: int  # whose first line is on this account: each transaction has one


def account_totals(start: dt.date, end: dt.date) -> list[AccountSums]:
    """Each account with a line between two dates (inclusive), by name, every branch's,
    from the daily rows the database keeps (AccountDay), one row per account and day, not
    from the transactions. One plain query: the ledger page asks on every request, and
    the ORM's building of the sums cost more than PostgreSQL's reading of them."""
    with connection.cursor() as cursor:
        cursor.execute(_totals_sql(), [start, end])
        return [
            AccountSums(code, name, *(int(n) for n in sums))
            for code, name, *sums in cursor.fetchall()
        ]


@functools.cache
def _totals_sql() -> str:
    # Added up by account first, then joined to the accounts' names: joining first
    # joined each of the period's daily rows (0.43 against 0.32 ms for a quarter at L).
    day, account = AccountDay, Account
    names = ("debit_pence", "credit_pence", "transactions", "first_lines")
    sums = ", ".join(f"SUM({column(day, name)}) AS {name}" for name in names)
    return (
        f"SELECT {column(account, 'code')}, {column(account, 'name')},"
        f" {', '.join(f'sums.{name}' for name in names)}"
        f" FROM (SELECT {column(day, 'account')} AS account, {sums} FROM {table(day)}"
        f" WHERE {column(day, 'date')} >= %s AND {column(day, 'date')} <= %s"
        f" GROUP BY {column(day, 'account')}) sums"
        f" JOIN {table(account)} ON {column(account, 'id')} = sums.account"
        f" ORDER BY {column(account, 'name')}"
    )


def transactions_in(sums: list[AccountSums], account: str = "") -> int:
    """How many transactions the period of these sums holds (each has one first line);
    with `account` (a code), only those with a line on that account."""
    if account:
        return sum(row.transactions for row in sums if row.code == account)
    return sum(row.first_lines for row in sums)


def transactions_between(start: dt.date, end: dt.date, *, account: str = "") -> int:
    """How many transactions are dated between two dates (inclusive), every branch's;
    with `account`, only those with a line on that account (transactions_in)."""
    return transactions_in(account_totals(start, end), account)


def account_balance(code: str, *, start: dt.date | None = None, end: dt.date | None = None) -> int:
    """An account's balance, in pence, the way it is read: assets and expenses are
    debits less credits; liabilities and income are credits less debits."""
    debit, credit = account_movement(code, start=start, end=end)
    kind = Account.objects.filter(code=code).values_list("kind", flat=True).first()
    return _read(kind, debit, credit)


def _read(kind: str | None, debit: int, credit: int) -> int:
    if kind in (Account.Kind.ASSET, Account.Kind.EXPENSE):
        return debit - credit
    return credit - debit


def _balances(
    kinds: list[str], *, start: dt.date, end: dt.date, branch: BranchFilter = ALL
) -> dict[int, int]:
    """Each account's balance of these kinds between two dates (inclusive), read as
    account_balance reads it, by account id, in one query. Accounts with no entries are
    left out."""
    totals = (
        account_days(start=start, end=end, branch=branch)
        .filter(account__kind__in=kinds)
        .order_by()
        .values("account_id", "account__kind")
        .annotate(debit=Sum("debit_pence"), credit=Sum("credit_pence"))
    )
    return {
        row["account_id"]: _read(row["account__kind"], row["debit"] or 0, row["credit"] or 0)
        for row in totals
    }


def entry_list(
    *, start: dt.date | None = None, end: dt.date | None = None, account: str = ""
) -> QuerySet[Entry]:
    """Ledger entries, oldest first, with their transaction and account."""
    entries = Entry.objects.select_related("transaction", "account")
    if start is not None:
        entries = entries.filter(transaction__date__gte=start)
    if end is not None:
        entries = entries.filter(transaction__date__lte=end)
    if account:
        entries = entries.filter(account__code=account)
    return entries.order_by("transaction__date", "transaction_id", "id")


@dataclass(frozen=True)
class BudgetRow:
    account: Account
    budget_pence: int
    actual_pence: int

    @property
    def verdict(self) -> str:
        return spending_verdict(budget_pence=self.budget_pence, actual_pence=self.actual_pence)


def spending_verdict(*, budget_pence: int, actual_pence: int) -> str:
    """ "on track" within a tenth of the budget either way, else "more than planned" or
    "less than planned"."""
    if actual_pence * 10 > budget_pence * 11:
        return "more than planned"
    if actual_pence * 10 < budget_pence * 9:
        return "less than planned"
    return "on track"


def _planned(lines: Iterable[BudgetLine], numbers: range) -> int:
    return sum(line.quarter_pence(number) for line in lines for number in numbers)


def budget_vs_actual(
    *,
    year: int,
    quarter: int,
    from_quarter: int | None = None,
    branch: BranchFilter = ALL,
    until: dt.date | None = None,
) -> list[BudgetRow]:
    """Each income and spending account with a budget or money in the quarter (or from the
    start of `from_quarter` to the end of `quarter`, the year so far with from_quarter=1):
    what was planned against what the ledger says happened, for whose money `branch` says
    (ALL: the branches' and the whole co-operative's added up). With `until`, what happened
    is counted up to that day (a paper written on a meeting's day says no more than was
    known then)."""
    numbers = range(from_quarter or quarter, quarter + 1)
    by_account: dict[int, list[BudgetLine]] = {}
    for line in of_branch(BudgetLine.objects.filter(year=year), branch):
        by_account.setdefault(line.account_id, []).append(line)
    lines = {account: _planned(found, numbers) for account, found in by_account.items()}
    rows = []
    accounts = Account.objects.filter(
        kind__in=[Account.Kind.INCOME, Account.Kind.EXPENSE]
    ).order_by("kind", "name")
    actuals = _balances(
        [Account.Kind.INCOME, Account.Kind.EXPENSE],
        start=Quarter(year, numbers[0]).start,
        end=min(Quarter(year, quarter).end, until or dt.date.max),
        branch=branch,
    )
    for account in accounts:
        actual = actuals.get(account.pk, 0)
        budget = lines.get(account.pk, 0)
        if budget or actual:
            rows.append(BudgetRow(account=account, budget_pence=budget, actual_pence=actual))
    return rows


def money_in_out(*, start: dt.date, end: dt.date, branch: BranchFilter = ALL) -> dict[str, int]:
    """Income and spending in the period, from the ledger, in pence."""
    income = sum(_balances([Account.Kind.INCOME], start=start, end=end, branch=branch).values())
    spending = sum(_balances([Account.Kind.EXPENSE], start=start, end=end, branch=branch).values())
    return {"income_pence": income, "spending_pence": spending}


@dataclass(frozen=True)
class Purse:
    """One branch's money (`branch_id`), or the whole co-operative's own (None), in a
    period: money in, money out, and the spending planned for it."""

    name: str
    branch_id: int | None
    income_pence: int = 0
    spending_pence: int = 0
    budget_pence: int = 0

    @property
    def verdict(self) -> str:
        """How the spending went against the plan; nothing to say with neither."""
        if not (self.budget_pence or self.spending_pence):
            return ""
        return spending_verdict(budget_pence=self.budget_pence, actual_pence=self.spending_pence)


# The money that is not one branch's: the whole co-operative's own.
SHARED = "Shared money (not one branch's)"


def purses(*, year: int, quarters: range, start: dt.date, end: dt.date) -> list[Purse]:
    """The whole co-operative's own money first, then each branch's, from `start` to `end`
    (both included) against the spending planned for `quarters` of `year`: they add up to
    money_in_out and budget_vs_actual with ALL. Three queries."""
    moved = (
        account_days(start=start, end=end)
        .filter(account__kind__in=[Account.Kind.INCOME, Account.Kind.EXPENSE])
        .order_by()
        .values("branch_id", "account__kind")
        .annotate(debit=Sum("debit_pence"), credit=Sum("credit_pence"))
    )
    found: dict[int | None, dict[str, int]] = {}
    for row in moved:
        side = "income_pence" if row["account__kind"] == Account.Kind.INCOME else "spending_pence"
        money = _read(row["account__kind"], row["debit"] or 0, row["credit"] or 0)
        found.setdefault(row["branch_id"], {})[side] = money
    planned: dict[int | None, list[BudgetLine]] = {}
    for line in BudgetLine.objects.filter(year=year, account__kind=Account.Kind.EXPENSE):
        planned.setdefault(line.branch_id, []).append(line)
    names = [(None, SHARED), *Branch.objects.order_by("name").values_list("id", "name")]
    return [
        Purse(
            name=name,
            branch_id=branch_id,
            budget_pence=_planned(planned.get(branch_id, []), quarters),
            **found.get(branch_id, {}),
        )
        for branch_id, name in names
    ]
