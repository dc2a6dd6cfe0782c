from django import forms

from finance.models import Payment


class PaymentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Show payments that are",
        choices=[("", "All payments"), *Payment.Status.choices],
        required=False,
        error_messages={"invalid_choice": "Please choose one of the kinds of payment listed."},
    )
