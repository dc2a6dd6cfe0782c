"""The filter on the board's activity numbers: from, to (both days included) and area."""

import datetime as dt

from django import forms
from django.utils import timezone

from coop.forms import date_field
from members.models import Branch


def default_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last 3 months up to today."""
    today = today or timezone.localdate()
    return today - dt.timedelta(days=91), today


class SummaryFilterForm(forms.Form):
    date_from = date_field(
        "From",
        required=False,
        invalid="Please give the first day as a date, like 2026-01-31.",
    )
    date_to = date_field(
        "To (this day is included)",
        required=False,
        invalid="Please give the last day as a date, like 2026-03-31.",
    )
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.order_by("name"),
        required=False,
        empty_label="All areas",
        label="Area",
        error_messages={"invalid_choice": "Please choose an area from the list."},
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = default_window()
        data["date_from"] = data.get("date_from") or start
        data["date_to"] = data.get("date_to") or end
        if not self.errors and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The last day must be on or after the first day.")
        return data

    def window(self) -> dict:
        """start and end (end is midnight after the last day) for activity_summary."""
        data = self.cleaned_data
        tz = timezone.get_current_timezone()

        def midnight(day: dt.date) -> dt.datetime:
            return dt.datetime.combine(day, dt.time.min, tzinfo=tz)

        return {
            "start": midnight(data["date_from"]),
            "end": midnight(data["date_to"] + dt.timedelta(days=1)),
            "branch": data.get("branch"),
        }
