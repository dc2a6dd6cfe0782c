"""Form fields shared by every app."""

import re
import uuid
from decimal import Decimal, InvalidOperation

from django import forms

from coop.dates import HAPPENED, DateSpan, InRange
from coop.widgets import QuickDateInput

_MONEY = re.compile(r"^£?\s*(\d{1,7}(?:,\d{3})*)(?:\.(\d{1,2}))?$")


class PoundsField(forms.CharField):
    """Money typed in pounds ("5", "£5.50", "1,250") and cleaned to whole pence (int)."""

    default_error_messages = {
        "invalid": "Please type an amount in pounds, like 5 or 5.50.",
    }

    def __init__(self, *, min_pence: int = 0, max_pence: int = 10_000_000, **kwargs):
        self.min_pence, self.max_pence = min_pence, max_pence
        # No max_length: its validator would run on the cleaned int. The widget limits it.
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": "14"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            pounds, pence = divmod(value, 100)
            return f"{pounds}.{pence:02d}" if pence else str(pounds)
        return value

    def to_python(self, value) -> int | None:
        text = super().to_python(value).strip()
        if text in self.empty_values:
            return None
        match = _MONEY.match(text)
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            pounds = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        pence = int(pounds) * 100 + int((match.group(2) or "0").ljust(2, "0"))
        if not self.min_pence <= pence <= self.max_pence:
            raise forms.ValidationError(
                f"Please type an amount between £{self.min_pence // 100} and "
                f"£{self.max_pence // 100:,}.",
                code="range",
            )
        return pence


def date_field(
    label: str,
    *,
    required: bool = True,
    missing: str = "Please give a date.",
    example: str = "2027-01-31",
    invalid: str = "",
    within: DateSpan = HAPPENED,
    **kwargs,
) -> forms.DateField:
    """A date with the browser's date picker (typed as YYYY-MM-DD without it), and errors
    in plain words: `missing` when it is left empty, `invalid` (by default "Please give a
    date, like <example>.") when it is not a date, and a plain range when it is outside
    `within`."""
    return forms.DateField(
        validators=[InRange(within)],
        label=label,
        required=required,
        widget=QuickDateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": missing,
            "invalid": invalid or f"Please give a date, like {example}.",
        },
        **kwargs,
    )


class OnceForm(forms.Form):
    """A form that makes something, with a one-time token: sent twice (a double press, the
    back button, a second tab) it makes one thing, and the second sending leads to it.
    Mix it into any form (``class F(OnceForm, forms.ModelForm)``), render ``{{ form.token }}``
    inside the ``<form>``, and make the thing through ``coop.once.once``. The token is
    taken out of ``cleaned_data`` (into ``form.token``), so the rest can go to a service.
    A form sent without a token (not from our page) is made as asked."""

    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.token = ""
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)

    def clean(self):
        cleaned = super().clean()
        self.token = (cleaned.pop("token", "") or "").strip()
        return cleaned
