"""The form that asks for a quarterly report: which quarter, which version, which format."""

from django import forms

from finance.models import ReportJob
from finance.quarters import Quarter

OTHER = "other"
RECENT_QUARTERS = 6


def quarter_choices() -> list[tuple[str, str]]:
    """The quarter we are in and the 5 before it, newest first, then "another"."""
    current = Quarter.current()
    choices = []
    for quarter in Quarter.recent(RECENT_QUARTERS):
        so_far = ", so far" if quarter == current else ""
        choices.append((quarter.label, f"{quarter.months} ({quarter.label}{so_far})"))
    return [*choices, (OTHER, "Another quarter: type it below")]


class ReportForm(forms.Form):
    quarter = forms.ChoiceField(
        label="Which quarter?",
        help_text="A quarter is 3 months of the year.",
        widget=forms.RadioSelect,
        required=False,
    )
    other_quarter = forms.CharField(
        label="Another quarter",
        help_text="Write it like 2026-Q3. Q1 is January to March. "
        "If you type a quarter here, the report is for that quarter.",
        required=False,
        max_length=20,
    )
    version = forms.ChoiceField(
        label="Which version?",
        choices=[
            ("easy-read", "Easy read: big words and simple charts, one idea a page"),
            ("standard", "Standard: tables of figures"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose the easy-read or the standard version."},
    )
    file_format = forms.ChoiceField(
        label="What kind of file?",
        choices=[
            (ReportJob.Format.PDF, "PDF: to print, or to read on screen"),
            (ReportJob.Format.HTML, "Web page"),
            (ReportJob.Format.CSV, "Spreadsheet (CSV): for the accountant"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose the kind of file."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = quarter_choices()
        self.fields["quarter"].error_messages["invalid_choice"] = (
            "Please choose one of the quarters listed, or type another."
        )
        if not self.is_bound:
            self.initial.setdefault("quarter", Quarter.current().previous().label)
            listed = {value for value, _ in self.fields["quarter"].choices}
            if self.initial["quarter"] not in listed:
                # Making an older report again: it goes in the box.
                self.initial["other_quarter"] = self.initial["quarter"]
                self.initial["quarter"] = OTHER
            self.initial.setdefault("version", "easy-read")
            self.initial.setdefault("file_format", ReportJob.Format.PDF)

    def clean(self):
        cleaned = super().clean()
        typed = (cleaned.get("other_quarter") or "").strip()
        chosen = cleaned.get("quarter")
        if typed:
            cleaned["quarter_text"] = typed
        elif chosen == OTHER:
            self.add_error("other_quarter", "Please type the quarter, like 2026-Q3.")
        elif chosen:
            cleaned["quarter_text"] = chosen
        elif "quarter" not in self.errors:
            self.add_error("quarter", "Please choose a quarter, or type one.")
        return cleaned

    @property
    def quarter_field(self) -> str:
        """Where an error about the quarter belongs: the box, when one was typed in it."""
        typed = (self.data.get("other_quarter") or "").strip()
        return "other_quarter" if typed or self.data.get("quarter") == OTHER else "quarter"
