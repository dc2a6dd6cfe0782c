"""One question a page for a member's proposal to the board (events/views/proposals.py)."""

from django import forms

from coop.forms import PoundsField

TOO_LONG = "Please write less. At most {n} letters."


class WhatForm(forms.Form):
    what = forms.CharField(
        label="What would you like to do?",
        max_length=200,
        error_messages={
            "required": "Please say what you would like to do.",
            "max_length": TOO_LONG.format(n=200),
        },
    )


class WhereForm(forms.Form):
    where = forms.CharField(
        label="Where?",
        required=False,
        max_length=200,
        error_messages={"max_length": TOO_LONG.format(n=200)},
    )


class WhenForm(forms.Form):
    when = forms.CharField(
        label="Roughly when?",
        required=False,
        max_length=100,
        error_messages={"max_length": TOO_LONG.format(n=100)},
    )


class CostForm(forms.Form):
    cost_guess_pence = PoundsField(label="How much do you think it costs?", required=False)


class LeadForm(forms.Form):
    wants_to_lead = forms.TypedChoiceField(
        label="Do you want to help lead it?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose Yes or No.",
            "invalid_choice": "Please choose Yes or No.",
        },
    )
