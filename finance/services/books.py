"""The finance officer's own records: cash banked, expenses with receipts, grants and
donations received, and the budget. Each money record is posted to the ledger in the same
transaction. Forms pass a one-time token as `key`, so pressing the button twice records
the thing once."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.dates import HAPPENED, check_in_range
from coop.errors import CoopError
from coop.images import TOO_MANY_PIXELS, image_too_large
from coop.money import format_pence
from coop.pdfs import pdf_cleaned
from finance.chart import EXPENSE_CODES, INCOME_CODES, account_for
from finance.errors import LedgerError
from finance.models import BudgetLine, Expense, Income, PaidWith, Transaction
from finance.selectors import account_balance
from finance.services.ledger import ledger_post
from members.models import Branch

MAX_RECEIPT_BYTES = 5 * 1024 * 1024
# What a receipt file starts with, by its ending: a photo of it, or a PDF.
RECEIPT_TYPES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}

__all__ = [
    "budget_set",
    "cash_bank",
    "expense_record",
    "income_record",
    "receipt_check",
]


def _check_amount(amount_pence: Any) -> None:
    if isinstance(amount_pence, bool) or not isinstance(amount_pence, int) or amount_pence <= 0:
        raise LedgerError("The amount must be more than £0.")


def _check_text(value: str, what: str, limit: int = 200) -> str:
    value = (value or "").strip()
    if not value:
        raise LedgerError(f"Please say {what}.")
    if len(value) > limit:
        raise LedgerError(f"Please say {what} in up to {limit} characters.")
    return value


def receipt_check(receipt: UploadedFile) -> UploadedFile | ContentFile:
    """A receipt is a PDF, JPG or PNG file under 5 MB, and really is one. Returns the file
    to keep: a PDF's clean copy (see ``coop.pdfs``), else the file. Raises LedgerError
    saying what is wrong."""
    name = (receipt.name or "").lower()
    ending = name[name.rfind(".") :] if "." in name else ""
    if ending not in RECEIPT_TYPES:
        raise LedgerError("The receipt must be a PDF, JPG or PNG file.")
    if receipt.size is None or receipt.size == 0:
        raise LedgerError("The receipt file is empty. Please choose another one.")
    if receipt.size > MAX_RECEIPT_BYTES:
        raise LedgerError("The receipt file is too big. It must be under 5 MB.")
    receipt.seek(0)
    start = receipt.read(16)
    receipt.seek(0)
    if not any(start.startswith(magic) for magic in RECEIPT_TYPES[ending]):
        raise LedgerError(f"This file is not really a {ending[1:].upper()} file.")
    if ending == ".pdf":
        try:
            return pdf_cleaned(receipt)
        except CoopError as error:
            raise LedgerError(error.message, code=error.code) from None
    if image_too_large(receipt):
        raise LedgerError(TOO_MANY_PIXELS)
    return receipt


def _recorded(account_code: str, amount_pence: int, branch: Branch | None, **more: str) -> dict:
    """What the audit log keeps of money recorded: the account, amount and whose it was."""
    whose = branch.name if branch else ""
    return {"account": account_code, "amount_pence": amount_pence, **more, "branch": whose}


def _done(key: str | None) -> Transaction | None:
    return Transaction.objects.filter(key=key).first() if key else None


@transaction.atomic
def cash_bank(
    *, amount_pence: int, banked_on: dt.date, actor: Actor, note: str = "", key: str | None = None
) -> Transaction:
    """Cash handed in by organisers has been paid into the bank: Dr bank, Cr cash.
    Raises LedgerError for an amount above the cash we hold, or a closed quarter, and
    DateOutOfRange for a date outside sense."""
    _check_amount(amount_pence)
    check_in_range(banked_on, HAPPENED)
    if (done := _done(key)) is not None:
        return done
    held = account_balance("cash")
    if amount_pence > held:
        raise LedgerError(
            f"We only hold {format_pence(max(held, 0))} in cash, so "
            f"{format_pence(amount_pence)} cannot have been banked."
        )
    txn = ledger_post(
        date=banked_on,
        description=f"Cash paid into the bank{': ' + note.strip() if note.strip() else ''}"[:200],
        reference="banking",
        lines=[("bank", amount_pence, 0), ("cash", 0, amount_pence)],
        actor=actor,
        key=key,
    )
    audit(actor=actor, action="cash.banked", target=txn, data={"amount_pence": amount_pence})
    return txn


def _money_account(paid_with: str) -> str:
    if paid_with not in PaidWith.values:
        raise LedgerError("Please say if it was paid from the bank or in cash.")
    return paid_with


@transaction.atomic
def expense_record(
    *,
    account_code: str,
    supplier: str,
    description: str,
    spent_on: dt.date,
    amount_pence: int,
    paid_with: str,
    actor: Actor,
    receipt: UploadedFile | None = None,
    key: str | None = None,
    branch: Branch | None = None,
) -> Expense:
    """Record money spent, with its receipt: Dr the expense account, Cr bank or cash; the
    money of `branch` (None: the whole co-operative's own).
    Raises LedgerError for bad input (in words), a bad receipt, or a closed quarter;
    DateOutOfRange for a day outside sense."""
    if (done := _done(key)) is not None:
        return done.expense
    if account_code not in EXPENSE_CODES:
        raise LedgerError("Please choose what kind of spending this is.")
    supplier = _check_text(supplier, "who was paid")
    description = _check_text(description, "what it was for")
    _check_amount(amount_pence)
    check_in_range(spent_on, HAPPENED)
    money = _money_account(paid_with)
    if receipt is not None:
        receipt = receipt_check(receipt)
    txn = ledger_post(
        date=spent_on,
        description=f"{supplier}: {description}",
        reference="expense",
        lines=[(account_code, amount_pence, 0), (money, 0, amount_pence)],
        actor=actor,
        key=key,
        branch=branch,
    )
    expense = Expense(
        account=account_for(account_code),
        supplier=supplier,
        description=description,
        spent_on=spent_on,
        amount_pence=amount_pence,
        paid_with=paid_with,
        transaction=txn,
        created_by=saved_user(actor),
    )
    if receipt is not None:
        expense.receipt.save(receipt.name, receipt, save=False)
    expense.save()
    audit(
        actor=actor,
        action="expense.recorded",
        target=expense,
        data=_recorded(account_code, amount_pence, branch, supplier=supplier),
    )
    return expense


@transaction.atomic
def income_record(
    *,
    account_code: str,
    source: str,
    description: str,
    received_on: dt.date,
    amount_pence: int,
    paid_with: str,
    actor: Actor,
    key: str | None = None,
    branch: Branch | None = None,
) -> Income:
    """Record a grant, donation or subscription received: Dr bank or cash, Cr the income
    account; the money of `branch` (a grant given for one borough), None for the whole
    co-operative. Raises LedgerError for bad input (in words) or a closed quarter;
    DateOutOfRange for a day outside sense."""
    if (done := _done(key)) is not None:
        return done.income
    if account_code not in INCOME_CODES or account_code == "fees_kept":
        raise LedgerError("Please choose what kind of money this is.")
    source = _check_text(source, "who gave it")
    description = _check_text(description, "what it is for")
    _check_amount(amount_pence)
    check_in_range(received_on, HAPPENED)
    money = _money_account(paid_with)
    txn = ledger_post(
        date=received_on,
        description=f"{source}: {description}",
        reference="income",
        lines=[(money, amount_pence, 0), (account_code, 0, amount_pence)],
        actor=actor,
        key=key,
        branch=branch,
    )
    income = Income.objects.create(
        account=account_for(account_code),
        source=source,
        description=description,
        received_on=received_on,
        amount_pence=amount_pence,
        paid_with=paid_with,
        transaction=txn,
        created_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="income.recorded",
        target=income,
        data=_recorded(account_code, amount_pence, branch, source=source),
    )
    return income


@transaction.atomic
def budget_set(
    *,
    year: int,
    account_code: str,
    quarters: Sequence[int],
    actor: Actor,
    branch: Branch | None = None,
) -> BudgetLine:
    """Set the budget of one account for a year, as four quarters in pence: the budget of
    `branch`, or (None) of the whole co-operative's own. Setting the same again changes
    nothing. Raises LedgerError for bad input."""
    if not 2000 <= year <= 2100:
        raise LedgerError("Please give a year like 2026.")
    account = account_for(account_code)
    if account is None or account_code not in EXPENSE_CODES + INCOME_CODES:
        raise LedgerError("A budget is for an income or a spending account.")
    if len(quarters) != 4 or any(
        isinstance(q, bool) or not isinstance(q, int) or q < 0 for q in quarters
    ):
        raise LedgerError("A budget is four amounts, one a quarter, each £0 or more.")
    line, _ = BudgetLine.objects.select_for_update().get_or_create(
        year=year, account=account, branch=branch
    )
    if [line.q1_pence, line.q2_pence, line.q3_pence, line.q4_pence] == list(quarters):
        return line
    line.q1_pence, line.q2_pence, line.q3_pence, line.q4_pence = quarters
    line.updated_by = saved_user(actor)
    line.updated_at = timezone.now()
    line.save()
    audit(
        actor=actor,
        action="budget.set",
        target=line,
        data={
            "year": year,
            "account": account_code,
            "quarters": list(quarters),
            "branch": branch.name if branch else "",
        },
    )
    return line
