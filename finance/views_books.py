"""The finance officer's pages for cash banked, expenses, income and the budget."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from coop.errors import CoopError
from finance import permissions, selectors, services
from finance.forms import BudgetForm, CashBankForm, ExpenseForm, IncomeForm
from finance.models import BudgetLine, Expense, Income
from members.views.common import role_required

RECENT = 50


@role_required(permissions.is_finance)
@require_GET
def books(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "finance/books.html",
        {
            "expenses": Expense.objects.select_related("account")[:RECENT],
            "incomes": Income.objects.select_related("account")[:RECENT],
            "cash_pence": selectors.account_balance("cash"),
            "bank_pence": selectors.account_balance("bank"),
        },
    )


def _form_page(request, form, *, title: str, intro: str, button: str, multipart=False):
    return render(
        request,
        "finance/book_form.html",
        {"form": form, "title": title, "intro": intro, "button": button, "multipart": multipart},
    )


def _record(request, form, call, done_message) -> HttpResponse | None:
    """Call the service; on a CoopError put its message on the form."""
    try:
        call(form.cleaned_data)
    except CoopError as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, done_message)
    return redirect("finance-books")


@role_required(permissions.is_finance)
@require_http_methods(["GET", "POST"])
def cash_bank(request: HttpRequest) -> HttpResponse:
    form = CashBankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _record(
            request,
            form,
            lambda data: services.cash_bank(
                amount_pence=data["amount_pence"],
                banked_on=data["banked_on"],
                note=data["note"],
                actor=request.user,
                key=f"form:{data['token']}",
            ),
            "Done. The cash paid into the bank is recorded.",
        )
        if done:
            return done
    return _form_page(
        request,
        form,
        title="Cash paid into the bank",
        intro="Organisers hand in the cash they take. Record it here when it is in the bank.",
        button="Record the cash paid in",
    )


@role_required(permissions.is_finance)
@require_http_methods(["GET", "POST"])
def expense_new(request: HttpRequest) -> HttpResponse:
    form = ExpenseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = _record(
            request,
            form,
            lambda data: services.expense_record(
                account_code=data["account_code"],
                supplier=data["supplier"],
                description=data["description"],
                spent_on=data["spent_on"],
                amount_pence=data["amount_pence"],
                paid_with=data["paid_with"],
                receipt=data.get("receipt") or None,
                actor=request.user,
                key=f"form:{data['token']}",
            ),
            "Done. The spending is recorded.",
        )
        if done:
            return done
    return _form_page(
        request,
        form,
        title="Record spending",
        intro="Record money the co-operative has paid out. Add the receipt if you have it.",
        button="Record the spending",
        multipart=True,
    )


@role_required(permissions.is_finance)
@require_http_methods(["GET", "POST"])
def income_new(request: HttpRequest) -> HttpResponse:
    form = IncomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _record(
            request,
            form,
            lambda data: services.income_record(
                account_code=data["account_code"],
                source=data["source"],
                description=data["description"],
                received_on=data["received_on"],
                amount_pence=data["amount_pence"],
                paid_with=data["paid_with"],
                actor=request.user,
                key=f"form:{data['token']}",
            ),
            "Done. The money received is recorded.",
        )
        if done:
            return done
    return _form_page(
        request,
        form,
        title="Record a grant or donation",
        intro="Record grants, donations and subscriptions the co-operative receives.",
        button="Record the money received",
    )


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return timezone.localdate().year


@role_required(permissions.is_finance)
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    lines = {
        line.account.code: [line.q1_pence, line.q2_pence, line.q3_pence, line.q4_pence]
        for line in BudgetLine.objects.filter(year=year).select_related("account")
    }
    form = BudgetForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            for code, _, _ in form.accounts:
                quarters = form.quarters(code)
                if any(quarters) or code in lines:
                    services.budget_set(
                        year=year, account_code=code, quarters=quarters, actor=request.user
                    )
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Done. The budget for {year} is saved.")
            return redirect(f"{reverse('finance-budget')}?year={year}")
    quarters = [
        (quarter, selectors.budget_vs_actual(year=year, quarter=quarter))
        for quarter in (1, 2, 3, 4)
    ]
    return render(
        request,
        "finance/budget.html",
        {"form": form, "year": year, "quarters": quarters, "years": [year - 1, year + 1]},
    )
