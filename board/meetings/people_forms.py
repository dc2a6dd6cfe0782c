"""Forms for the people around the board: partner seats, the co-chairs' helper and their
hours, and training."""

import re
from decimal import Decimal

from django import forms

from board.terms.people import ChairsHelper
from coop.forms import OnceForm, PoundsField, date_field

_HOURS = re.compile(r"^\d{1,2}(\.\d{1,2})?$")


class PartnerSeatForm(OnceForm):
    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="For example: the council.",
        error_messages={"required": "Please write the organisation's name."},
    )
    person_name = forms.CharField(
        label="Who sits for it",
        max_length=200,
        error_messages={"required": "Please write who sits for it."},
    )
    has_vote = forms.BooleanField(
        label="Our rules give this seat a vote at board meetings",
        required=False,
        help_text="Leave this empty if you are not sure. Partners never vote in elections.",
    )
    starts_on = date_field("From", missing="Please say from when.", example="2027-01-01")


class HelperForm(OnceForm):
    name = forms.CharField(
        label="The helper's name",
        max_length=200,
        error_messages={"required": "Please write the helper's name."},
    )
    hourly_rate_pence = PoundsField(
        label="Paid for each hour, in pounds",
        min_pence=1,
        max_pence=10_000,
        error_messages={"required": "Please say how much the helper is paid an hour."},
    )
    starts_on = date_field("From", missing="Please say from when.", example="2027-01-01")


class HoursField(forms.CharField):
    """Hours typed as a number ("3", "2.5", "0.75"), cleaned to whole minutes."""

    def to_python(self, value) -> int | None:
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        if not _HOURS.match(text):
            raise forms.ValidationError(
                "Please type the hours as a number, like 3 or 2.5.", code="invalid"
            )
        return int(Decimal(text) * 60)


class HoursForm(OnceForm):
    helper = forms.ModelChoiceField(
        label="Who worked",
        queryset=ChairsHelper.objects.filter(ends_on=None).order_by("name"),
        empty_label=None,
        error_messages={"required": "Please choose the helper."},
    )
    worked_on = date_field("The day they worked", missing="Please say which day.")
    minutes = HoursField(
        label="How many hours",
        # No max_length: its validator would run on the cleaned minutes. The widget limits it.
        widget=forms.TextInput(attrs={"inputmode": "decimal", "maxlength": "5"}),
        help_text="For example 3, or 2.5 for two and a half hours.",
        error_messages={"required": "Please say how many hours."},
    )
    what_for = forms.CharField(
        label="What the work was for",
        max_length=200,
        help_text="For example: booking the bowling trip.",
        error_messages={"required": "Please say what the work was for."},
    )


class TrainingForm(OnceForm):
    what = forms.CharField(
        label="What the training was",
        max_length=200,
        help_text="For example: Chairing meetings.",
        error_messages={"required": "Please say what the training was."},
    )
    held_on = date_field("When it was", missing="Please say when it was.")
    who = forms.CharField(
        label="Who went",
        max_length=300,
        help_text="For example: Patricia and May.",
        error_messages={"required": "Please say who went."},
    )
