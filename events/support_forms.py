"""Forms for an activity's support workers and costs."""

from decimal import Decimal

from django import forms

from coop.forms import OnceForm, PoundsField, date_field
from events.models import CostLine, SupportBooking
from finance.models import PaidWith


class SupportNeedForm(forms.Form):
    workers_needed = forms.IntegerField(
        label="How many support workers does it need?",
        min_value=0,
        max_value=20,
        help_text="Type 0 if it needs none.",
        error_messages={
            "required": "Please give a number, like 1 or 2.",
            "invalid": "Please give a number, like 1 or 2.",
            "min_value": "Please give a number from 0 to 20.",
            "max_value": "Please give a number from 0 to 20.",
        },
    )


class SupportBookingForm(OnceForm):
    name = forms.CharField(
        label="Their name",
        max_length=120,
        error_messages={
            "required": "Please give the support worker's name.",
            "max_length": "Please give the name in up to 120 characters.",
        },
    )
    role = forms.ChoiceField(
        label="Who are they?",
        choices=SupportBooking.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please say if it is a support worker or a PA."},
    )
    hours = forms.DecimalField(
        label="How many hours?",
        min_value=Decimal("0.25"),
        max_value=24,
        decimal_places=2,
        help_text="Like 4 or 3.5.",
        error_messages={
            "required": "Please give how many hours, like 4 or 3.5.",
            "invalid": "Please give how many hours, like 4 or 3.5.",
            "min_value": "Please give at least a quarter of an hour.",
            "max_value": "Please give 24 hours or fewer.",
            "max_decimal_places": "Please give the hours like 4 or 3.5.",
            "max_digits": "Please give the hours like 4 or 3.5.",
        },
    )
    cost_pence = PoundsField(
        label="What the co-operative pays them, in pounds",
        max_pence=100_000,
        error_messages={"required": "Please give the cost in pounds, like 60."},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hours") is not None:
            cleaned["minutes"] = int(cleaned.pop("hours") * 60)
        return cleaned


def paid_fields(form: forms.Form, *, day: bool = True) -> None:
    if day:
        form.fields["paid_on"] = date_field("The day it was paid", missing="Please give the day.")
    form.fields["paid_with"] = forms.ChoiceField(
        label="Paid",
        choices=PaidWith.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please say if it was paid from the bank or in cash."},
    )


class SupportPayForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        paid_fields(self)


class CostLineForm(OnceForm):
    kind = forms.ChoiceField(
        label="What kind of cost?",
        choices=CostLine.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please say if it is the venue, transport or other."},
    )
    what = forms.CharField(
        label="What it pays for, in easy words",
        max_length=80,
        help_text='Members read this: "driver and fuel".',
        error_messages={"required": 'Please say what it pays for, like "driver and fuel".'},
    )
    supplier = forms.CharField(label="Who is paid", max_length=200, required=False)
    planned_pence = PoundsField(
        label="Planned cost, in pounds",
        error_messages={"required": "Please give the planned cost in pounds, like 40."},
    )


class CostPayForm(forms.Form):
    real_pence = PoundsField(
        label="Real cost, in pounds",
        min_pence=1,
        error_messages={"required": "Please give what it really cost, like 40."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        paid_fields(self)


class GrantForm(OnceForm):
    source = forms.CharField(
        label="Who gave the grant",
        max_length=200,
        error_messages={"required": "Please say who gave the grant."},
    )
    amount_pence = PoundsField(
        label="How much, in pounds",
        min_pence=1,
        error_messages={"required": "Please give the amount in pounds, like 10."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"] = date_field(
            "The day it came", missing="Please give the day it came."
        )
        paid_fields(self, day=False)
        self.fields["paid_with"].label = "It came"
        self.fields["paid_with"].choices = [("bank", "Into the bank"), ("cash", "In cash")]


class ShareForm(forms.Form):
    charged = forms.TypedChoiceField(
        label="Do members pay their share on the day?",
        choices=[
            ("yes", "Yes: the share is the cost on the day"),
            ("no", "No: the co-operative pays it all"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose yes or no."},
    )
