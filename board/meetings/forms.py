"""Forms for board meetings: planning, agenda items, papers and their easy-read parts, and
the record of the meeting (attendance, decisions, actions), and sitting fees."""

import datetime as dt

from django import forms
from django.utils import timezone

from board.meetings.models import PAPER_PICTURES, Attendance, Decision, SittingFee
from board.terms.models import BoardMembership
from coop.dates import HELD, InRange
from coop.errors import CoopError
from coop.forms import OnceForm, PoundsField, date_field
from coop.pdfs import pdf_cleaned
from finance.forms import branch_field
from members.models import Member

UPLOAD_MAX_BYTES = 10 * 1024 * 1024


class MeetingForm(OnceForm):
    title = forms.CharField(
        label="Name of the meeting",
        max_length=200,
        help_text="For example: Board meeting, January 2027.",
        error_messages={"required": "Please give the meeting a name."},
    )
    starts_at = forms.DateTimeField(
        label="Date and time it starts",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": "Please say when the meeting is.",
            "invalid": "Please give a date and time, like 2027-01-14 14:00.",
        },
        validators=[InRange(HELD)],
    )
    place = forms.CharField(label="Where", max_length=300, required=False)
    call_link = forms.URLField(
        label="Video call link (if people can join that way)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Please give the whole link, starting https://."},
    )
    pack_days_before = forms.IntegerField(
        label="Send the papers this many days before",
        min_value=1,
        max_value=28,
        initial=7,
        error_messages={
            "required": "Please say how many days before the papers go out.",
            "invalid": "Please type a number of days, like 7.",
            "min_value": "The papers must go out at least 1 day before.",
            "max_value": "Please send the papers at most 28 days before.",
        },
    )

    def __init__(self, *args, planning: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        # A new meeting is in the future; an existing one may be corrected after the day.
        self.planning = planning

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value and self.planning and value < timezone.now() - dt.timedelta(days=1):
            raise forms.ValidationError("This date has passed. Please choose a date to come.")
        return value

    def clean(self):
        data = super().clean()
        if not data.get("place", "").strip() and not data.get("call_link", "").strip():
            if "call_link" not in self.errors:
                self.add_error(
                    "place", "Please say where the meeting is, or give a video call link."
                )
        return data


class ItemForm(OnceForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Please give the item a title."},
    )
    summary = forms.CharField(
        label="What it is about, in easy read",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Please say in easy read what this item is about."},
    )
    presenter = forms.ModelChoiceField(
        label="Who will talk about it",
        queryset=Member.objects.none(),
        required=False,
        empty_label="Nobody named",
    )
    decision_needed = forms.BooleanField(
        label="The board needs to decide something", required=False
    )
    confidential = forms.BooleanField(
        label="Talk about this in private (members see only the title)", required=False
    )

    def __init__(self, *args, board: list[Member], automatic: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = Member.objects.filter(pk__in=[m.pk for m in board])
        if automatic:
            del self.fields["title"]


class NotesForm(forms.Form):
    notes = forms.CharField(
        label="What was said",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="This goes in the minutes. Use short sentences.",
    )


class PaperForm(OnceForm):
    title = forms.CharField(
        label="Title of the paper",
        max_length=200,
        error_messages={"required": "Please give the paper a title."},
    )
    confidential = forms.BooleanField(label="Private: only the board sees it", required=False)
    standard_text = forms.CharField(
        label="Standard version",
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text='A line starting "# " is a heading. A line starting "- " is a list item. '
        "A blank line starts a new paragraph.",
    )
    standard_pdf = forms.FileField(label="Or upload the standard version as a PDF", required=False)

    def clean_standard_pdf(self):
        upload = self.cleaned_data.get("standard_pdf")
        if not upload:
            return upload
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError("The PDF is too big. It must be 10 MB or smaller.")
        try:
            return pdf_cleaned(upload)
        except CoopError as error:
            raise forms.ValidationError(error.message) from None


def picture_choices() -> list[tuple[str, str]]:
    return [("", "No picture"), *PAPER_PICTURES.items()]


class PartForm(OnceForm):
    heading = forms.CharField(label="Heading (optional)", max_length=120, required=False)
    words = forms.CharField(
        label="Words",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text='Short sentences. A line starting "- " is a list item. A blank line '
        "starts a new paragraph.",
        error_messages={"required": "Please write some words for this part."},
    )
    picture = forms.ChoiceField(
        label="Picture beside the words",
        choices=picture_choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Please choose one of the pictures shown."},
    )
    picture_alt = forms.CharField(
        label="What the picture shows (for people who cannot see it)",
        max_length=200,
        required=False,
        help_text="Leave it empty to use the picture's own words.",
    )


class AttendanceForm(forms.Form):
    """One radio group per board member."""

    def __init__(self, *args, people: list[Member], current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        for member in people:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=member.display_name,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=current.get(member.pk),
                error_messages={"required": f"Please say whether {member.display_name} came."},
            )

    def statuses(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"m{m.pk}"] for m in self.people}


class _AboutAnItem(OnceForm):
    """A decision or action may be about one agenda item of the meeting."""

    item = forms.TypedChoiceField(label="Agenda item", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [
            ("", "Not about one item"),
            *[(i.pk, i.title) for i in items],
        ]


class DecisionForm(_AboutAnItem):
    wording = forms.CharField(
        label="What the board decided",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please write what the board decided."},
    )
    outcome = forms.ChoiceField(
        label="How",
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        initial=Decision.Outcome.AGREED,
        error_messages={"required": "Please say whether everyone agreed or there was a vote."},
    )
    votes_for = forms.IntegerField(label="Votes for", min_value=0, required=False)
    votes_against = forms.IntegerField(label="Votes against", min_value=0, required=False)
    abstentions = forms.IntegerField(label="Did not vote (abstained)", min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Decision.Outcome.VOTE:
            for name in ("votes_for", "votes_against", "abstentions"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, "Please type a number, 0 if nobody.")
        return data


class ActionForm(_AboutAnItem):
    what = forms.CharField(
        label="What needs doing",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please write what needs doing."},
    )
    owner = forms.ModelChoiceField(
        label="Who will do it",
        queryset=Member.objects.none(),
        error_messages={"required": "Please choose who will do it."},
    )
    due_on = date_field("By when", missing="Please say by when.", example="2027-01-31", within=HELD)

    def __init__(self, *args, items, people: list[Member], **kwargs):
        super().__init__(*args, items=items, **kwargs)
        self.fields["owner"].queryset = Member.objects.filter(pk__in=[m.pk for m in people])


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please say why the meeting is cancelled."},
    )


class FeeRateForm(forms.Form):
    amount = PoundsField(label="Sitting fee for each meeting, in pounds")
    starts_on = date_field("From", missing="Please say from when.", example="2027-01-01")


class FeePayForm(forms.Form):
    method = forms.ChoiceField(
        label="Paid by",
        choices=SittingFee.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose bank transfer or cash."},
    )
    branch = branch_field("Whose money pays it?")


class TermForm(OnceForm):
    member = forms.ModelChoiceField(
        label="Member",
        queryset=Member.objects.filter(status=Member.Status.ACTIVE).order_by(
            "last_name", "first_name"
        ),
        error_messages={"required": "Please choose a member."},
    )
    role = forms.ChoiceField(
        label="Role on the board",
        choices=BoardMembership.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a role on the board."},
    )
    starts_on = date_field("From", missing="Please say from when.", example="2027-01-01")
    ends_on = date_field(
        "Until (leave empty if there is no end date yet)", required=False, example="2028-01-01"
    )
    writes_papers = forms.BooleanField(
        label="They write the papers for board meetings",
        required=False,
        help_text="The co-chairs and the people who write the papers can change meetings. "
        "Other board members read them.",
    )
