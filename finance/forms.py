from django import forms

from coop.errors import CoopError
from coop.forms import OnceForm, PoundsField, date_field
from finance.chart import CHART, EXPENSE_CODES, INCOME_CODES
from finance.models import PaidWith, Payment
from finance.selectors import SHARED
from finance.services.books import receipt_check
from members.models import Branch


def branch_field(label: str = "Whose money is it?") -> forms.ModelChoiceField:
    """Which branch some money belongs to (a grant given for one borough, what is spent
    there), or none: the whole co-operative's own."""
    return forms.ModelChoiceField(
        label=label,
        queryset=Branch.objects.order_by("name"),
        required=False,
        empty_label=SHARED,
        help_text="Choose a branch for money that is only for that borough.",
        error_messages={"invalid_choice": "Please choose one of the branches listed."},
    )


class PaymentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Show payments that are",
        choices=[("", "All payments"), *Payment.Status.choices],
        required=False,
        error_messages={"invalid_choice": "Please choose one of the kinds of payment listed."},
    )


def _day_field(label: str, example: str, which: str) -> forms.DateField:
    return date_field(
        label,
        help_text=f"The {which} day, like {example}.",
        input_formats=["%Y-%m-%d"],
        missing=f"Please give the {which} day.",
        invalid=f"Please type the {which} day like {example}.",
    )


class PeriodForm(forms.Form):
    """A period of days, both ends included. The fields are called "from" and "to" (as
    in the query string), which Python cannot write as attribute names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = _day_field("From", "2026-07-01", "first")
        self.fields["to"] = _day_field("To", "2026-09-30", "last")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "The last day must be on or after the first day.")
        return cleaned


class IssueResolveForm(forms.Form):
    note = forms.CharField(
        label="What you found, and what you did",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Please write a note: what you found, and what you did.",
            "max_length": "Please keep the note under 2,000 characters.",
        },
    )


def _account_choices(codes: list[str]) -> list[tuple[str, str]]:
    return [("", "Choose one")] + [(code, CHART[code][0]) for code in codes]


def _paid_day(label: str, missing: str) -> forms.DateField:
    return date_field(
        label,
        help_text="Like 2026-08-03.",
        missing=missing,
        invalid="Please type the day like 2026-08-03.",
    )


class CashBankForm(OnceForm):
    amount_pence = PoundsField(
        label="How much cash was paid into the bank?",
        min_pence=1,
        error_messages={"required": "Please type how much was paid in."},
    )
    banked_on = _paid_day("The day it was paid in", "Please give the day it was paid in.")
    note = forms.CharField(label="Note (if you want)", required=False, max_length=150)


class ExpenseForm(OnceForm):
    account_code = forms.ChoiceField(
        label="What kind of spending is it?",
        error_messages={
            "required": "Please choose what kind of spending this is.",
            "invalid_choice": "Please choose one of the kinds of spending listed.",
        },
    )
    supplier = forms.CharField(
        label="Who was paid?",
        max_length=200,
        error_messages={"required": "Please say who was paid."},
    )
    description = forms.CharField(
        label="What was it for?",
        max_length=200,
        error_messages={"required": "Please say what it was for."},
    )
    spent_on = _paid_day("The day it was paid", "Please give the day it was paid.")
    amount_pence = PoundsField(
        label="How much?",
        min_pence=1,
        error_messages={"required": "Please type how much was paid."},
    )
    paid_with = forms.ChoiceField(
        label="How was it paid?",
        choices=PaidWith.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please say if it was paid from the bank or in cash."},
    )
    branch = branch_field("Whose money was it?")
    receipt = forms.FileField(
        label="The receipt",
        help_text="A PDF, JPG or PNG file, under 5 MB.",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={
            "empty": "The receipt file is empty. Please choose another one.",
            "invalid": "Please choose a receipt file.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account_code"].choices = _account_choices(EXPENSE_CODES)

    def clean_receipt(self):
        receipt = self.cleaned_data.get("receipt")
        if receipt:
            try:
                return receipt_check(receipt)
            except CoopError as error:
                raise forms.ValidationError(error.message) from None
        return receipt or None


class IncomeForm(OnceForm):
    account_code = forms.ChoiceField(
        label="What kind of money is it?",
        error_messages={
            "required": "Please choose what kind of money this is.",
            "invalid_choice": "Please choose one of the kinds of money listed.",
        },
    )
    source = forms.CharField(
        label="Who gave it?", max_length=200, error_messages={"required": "Please say who gave it."}
    )
    description = forms.CharField(
        label="What is it for?",
        max_length=200,
        error_messages={"required": "Please say what it is for."},
    )
    received_on = _paid_day("The day it came in", "Please give the day it came in.")
    amount_pence = PoundsField(
        label="How much?", min_pence=1, error_messages={"required": "Please type how much."}
    )
    paid_with = forms.ChoiceField(
        label="How did it come in?",
        choices=[("bank", "Into the bank"), ("cash", "In cash")],
        widget=forms.RadioSelect,
        error_messages={"required": "Please say if it came into the bank or in cash."},
    )
    branch = branch_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account_code"].choices = _account_choices(
            [code for code in INCOME_CODES if code != "fees_kept"]
        )


class BudgetForm(forms.Form):
    """Four quarters for each income and spending account, in pounds."""

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        lines = lines or {}
        self.accounts = []
        for code in INCOME_CODES + EXPENSE_CODES:
            if code == "fees_kept":
                continue
            names = []
            for quarter in (1, 2, 3, 4):
                name = f"{code}_q{quarter}"
                self.fields[name] = PoundsField(
                    label=f"{CHART[code][0]}, quarter {quarter}",
                    required=False,
                    initial=lines.get(code, [0, 0, 0, 0])[quarter - 1],
                )
                names.append(name)
            self.accounts.append((code, CHART[code][0], [self[name] for name in names]))

    def quarters(self, code: str) -> list[int]:
        return [self.cleaned_data.get(f"{code}_q{q}") or 0 for q in (1, 2, 3, 4)]
