"""The finance officer's pages for cash banked, expenses, income and the budget."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from coop.errors import CoopError
from coop.once import once_or_error
from finance import permissions, selectors, services
from finance.forms import BudgetForm, CashBankForm, ExpenseForm, IncomeForm
from finance.models import BudgetLine, Expense, Income
from members.models import Branch
from members.views.common import role_required

RECENT = 50


@role_required(permissions.is_finance)
@require_GET
def books(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "finance/books.html",
        {
            "expenses": Expense.objects.select_related("account", "transaction__branch")[:RECENT],
            "incomes": Income.objects.select_related("account", "transaction__branch")[:RECENT],
            "whole": selectors.SHARED,
            "cash_pence": selectors.account_balance("cash"),
            "bank_pence": selectors.account_balance("bank"),
        },
    )


def _book_page(request, form, record, done_message: str, **page) -> HttpResponse:
    """A form that records one thing in the books, once (``coop.once``). The form's fields
    are the service's arguments; its token is also the ledger's key, so the posting is
    made once even apart from the form. On a CoopError its message goes on the form."""
    if request.method == "POST" and form.is_valid():

        def post() -> str:
            key = f"form:{form.token}" if form.token else None
            record(**form.cleaned_data, actor=request.user, key=key)
            messages.success(request, done_message)
            return reverse("finance-books")

        if done := once_or_error(request, form, post):
            return done
    return render(request, "finance/book_form.html", {"form": form, **page})


@role_required(permissions.is_finance)
@require_http_methods(["GET", "POST"])
def cash_bank(request: HttpRequest) -> HttpResponse:
    return _book_page(
        request,
        CashBankForm(request.POST or None),
        services.cash_bank,
        "Done. The cash paid into the bank is recorded.",
        title="Cash paid into the bank",
        intro="Organisers hand in the cash they take. Record it here when it is in the bank.",
        button="Record the cash paid in",
    )


@role_required(permissions.is_finance)
@require_http_methods(["GET", "POST"])
def expense_new(request: HttpRequest) -> HttpResponse:
    return _book_page(
        request,
        ExpenseForm(request.POST or None, request.FILES or None),
        services.expense_record,
        "Done. The spending is recorded.",
        title="Record spending",
        intro="Record money the co-operative has paid out. Add the receipt if you have it.",
        button="Record the spending",
        multipart=True,
    )


@role_required(permissions.is_finance)
@require_http_methods(["GET", "POST"])
def income_new(request: HttpRequest) -> HttpResponse:
    return _book_page(
        request,
        IncomeForm(request.POST or None),
        services.income_record,
        "Done. The money received is recorded.",
        title="Record a grant or donation",
        intro="Record grants, donations and subscriptions the co-operative receives.",
        button="Record the money received",
    )


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    if text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return timezone.localdate().year


# The budget page's "whose budget" choices: the shared money's (the default), a branch's as
# "branch-<slug>", or everyone's added up (to read, not to set).
WHOLE, TOGETHER, BRANCH = "whole", "together", "branch-"


def _whose(request: HttpRequest) -> tuple[str, Branch | None | str]:
    """(the choice as asked, whose budget it is: a Branch, None for the shared money, or
    selectors.ALL for everyone's added up). Raises Http404 for a branch there is not (a
    budget is never saved to another purse than the one asked for)."""
    asked = request.GET.get("for", WHOLE)
    if asked == WHOLE:
        return asked, None
    if asked == TOGETHER:
        return asked, selectors.ALL
    branch = Branch.objects.filter(slug=asked.removeprefix(BRANCH)).first()
    if not asked.startswith(BRANCH) or branch is None:
        raise Http404("There is no such branch.")
    return asked, branch


def _whose_links(year: int, asked: str) -> list[tuple[str, str, bool]]:
    """(name, link, is the one shown) for each budget there is to see."""
    choices = [
        (selectors.SHARED, WHOLE),
        *[
            (name, f"{BRANCH}{slug}")
            for name, slug in Branch.objects.order_by("name").values_list("name", "slug")
        ],
        ("Everyone together", TOGETHER),
    ]
    return [(name, f"?year={year}&for={slug}", slug == asked) for name, slug in choices]


@role_required(permissions.is_finance)
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    asked, whose = _whose(request)
    lines = {
        line.account.code: [line.q1_pence, line.q2_pence, line.q3_pence, line.q4_pence]
        for line in selectors.of_branch(BudgetLine.objects.filter(year=year), whose).select_related(
            "account"
        )
    }
    can_set = asked != TOGETHER
    if request.method == "POST" and not can_set:
        messages.error(request, "To set a budget, choose the shared money or a branch first.")
        return redirect(f"{reverse('finance-budget')}?year={year}&for={asked}")
    form = BudgetForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # every line is saved, or none
                for code, _, _ in form.accounts:
                    quarters = form.quarters(code)
                    if any(quarters) or code in lines:
                        services.budget_set(
                            year=year,
                            account_code=code,
                            quarters=quarters,
                            actor=request.user,
                            branch=whose,
                        )
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Done. The budget for {year} is saved.")
            return redirect(f"{reverse('finance-budget')}?year={year}&for={asked}")
    quarters = [
        (quarter, selectors.budget_vs_actual(year=year, quarter=quarter, branch=whose))
        for quarter in (1, 2, 3, 4)
    ]
    whose_links = _whose_links(year, asked)
    return render(
        request,
        "finance/budget.html",
        {
            "form": form if can_set else None,
            "year": year,
            "asked": asked,
            "whose_name": next(name for name, _, shown in whose_links if shown),
            "whose_links": whose_links,
            "quarters": quarters,
            "years": [year - 1, year + 1],
        },
    )
