"""The finance officer's ledger page: every transaction in a period (optionally those
touching one account) with all its entries, a page of transactions at a time, and each
account's debits and credits for the period (from the daily sums, finance.AccountDay).

Paged by transaction, not by entry: the page comes from the transactions' (date, id)
order and its index (narrowed to one account, from that account's lines and their
(account, date, transaction) index), and the count of the period's transactions from the
accounts' daily rows (finance.AccountDay), so a page costs little however big the ledger
grows, and each transaction is shown whole (both sides of the double entry)."""

import datetime as dt
from html import escape

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from coop.dates import easy_date
from coop.forms import date_field
from coop.money import format_pence
from coop.paging import page_of
from coop.widgets import QuickSelect
from finance import permissions
from finance.ledger_reads import Transactions, accounts_by_name, entries_of
from finance.quarters import Quarter
from finance.selectors import AccountSums, account_totals, transactions_in
from members.views.common import role_required

PER_PAGE = 50


class LedgerFilterForm(forms.Form):
    start = date_field("From", missing="Please say from when.", example="2026-07-01")
    end = date_field("To", missing="Please say until when.", example="2026-09-30")
    # Drawn in Python (the same HTML as Django's select templates): one option an account.
    account = forms.ChoiceField(label="Account", required=False, widget=QuickSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = accounts_by_name()
        self.fields["account"].choices = [("", "Every account")] + [
            (code, name) for code, name, _ in accounts
        ]
        # By code, for the filter: asked by id, it needs no join with the accounts.
        self.account_ids = {code: pk for code, _, pk in accounts}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end must be on or after the start.")
        return data


def _this_quarter(today: dt.date) -> dict[str, str]:
    quarter = Quarter.of(today)
    return {"start": quarter.start.isoformat(), "end": quarter.end.isoformat(), "account": ""}


def _rows_html(transactions) -> SafeString:
    """The table's rows, one per entry, each with its transaction's day, number and words,
    for a page of transactions: plain values (one plain query for the entries, no model
    instances) written as HTML here. A page has a hundred or more rows; printing six
    values a row through the template was most of the page's time. Each text is escaped
    with html.escape, as Django's escape() does, without that function's wrapper for lazy
    text (a cost on every call). The HTML is the same as the template loop this replaces
    wrote (tests/finance/test_ledger_page.py compares the two)."""
    transactions = list(transactions)
    by_transaction: dict[int, list[tuple]] = {}
    for txn_id, *entry in entries_of([t["id"] for t in transactions]):
        by_transaction.setdefault(txn_id, []).append(entry)
    accounts: dict[str, str] = {}  # each account's name escaped once
    days: dict[dt.date, str] = {}  # each day written once (a page's transactions share few)
    html = []
    for txn in transactions:
        day = days.get(txn["date"])
        if day is None:
            day = days[txn["date"]] = escape(easy_date(txn["date"], with_year=True))
        # The day, number and words once a transaction: its rows repeat them.
        shown = (
            f"\n    <tr>\n      <td>{day}</td>"
            f"\n      <td>{txn['id']}</td>"
            f'\n      <th scope="row">{escape(txn["description"])}</th>\n      <td>'
        )
        for account, debit, credit in by_transaction.get(txn["id"], []):
            name = accounts.get(account)
            if name is None:
                name = accounts[account] = escape(account)
            html.append(
                f"{shown}{name}</td>"
                f"\n      <td>{escape(format_pence(debit)) if debit else ''}</td>"
                f"\n      <td>{escape(format_pence(credit)) if credit else ''}</td>"
                "\n    </tr>\n  "
            )
    return mark_safe("".join(html))  # noqa: S308 - every text is escaped above


def _totals_html(sums: list[AccountSums]) -> SafeString:
    """The rows of the table of each account's debits and credits, written as the
    transactions' rows are (_rows_html): the template loop over a dozen accounts was a
    tenth of the page's time (0.3 ms in process at L). The same HTML as that loop
    (tests/finance/test_ledger_page.py compares the two)."""
    return mark_safe(  # noqa: S308 - every text is escaped here
        "".join(
            f'<tr><th scope="row">{escape(row.name)}</th>'
            f"<td>{escape(format_pence(row.debit_pence))}</td>"
            f"<td>{escape(format_pence(row.credit_pence))}</td></tr>"
            for row in sums
        )
    )


@role_required(permissions.is_finance)
@require_GET
def ledger(request: HttpRequest) -> HttpResponse:
    # What the address leaves out is this quarter (a field sent empty is asked for).
    given = {k: request.GET[k] for k in ("start", "end", "account") if k in request.GET}
    form = LedgerFilterForm({**_this_quarter(timezone.localdate()), **given})
    context = {"form": form, "page": None, "totals": ""}
    if form.is_valid():
        start, end, code = (form.cleaned_data[k] for k in ("start", "end", "account"))
        sums = account_totals(start, end)
        transactions = Transactions(
            start,
            end,
            account_id=form.account_ids[code] if code else None,
            count=transactions_in(sums, code),
        )
        page, context["query"] = page_of(request, transactions, PER_PAGE)
        context["page"] = page
        context["rows"] = _rows_html(page.object_list)
        context["totals"] = _totals_html(sums)
    return render(request, "finance/ledger.html", context)
