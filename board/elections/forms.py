"""Forms for elections: calling one, standing, the ballot, and the returning officer's
paper ballots and decisions."""

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone

from board.elections.ballot_box import opening_key_normalise, receipt_normalise
from board.elections.models import Candidate, Election
from board.elections.pictures import CANDIDATE_PICTURES, photo_check
from board.elections.selectors import electors_without_vote
from board.elections.services import STATEMENT_MAX_CHARS
from coop.dates import HELD, InRange
from coop.errors import CoopError
from coop.forms import OnceForm, date_field
from members.models import Member, Role, User

NO_MORE = "none"
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]


def ordinal(n: int) -> str:
    """ "first" … "tenth", then "11th", "12th"."""
    if n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _when(label: str, *, missing: str) -> forms.DateTimeField:
    """A date and time with the browser's picker, and errors in plain words."""
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": missing, "invalid": "Please give a date and time."},
        validators=[InRange(HELD)],
    )


class ElectionCallForm(OnceForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example: Board election 2027.",
        error_messages={"required": "Please give the election a title."},
    )
    seats = forms.IntegerField(
        label="How many seats to fill",
        min_value=1,
        max_value=20,
        error_messages={
            "required": "Please say how many seats there are.",
            "invalid": "Please type a number, like 3.",
            "min_value": "There must be at least 1 seat.",
            "max_value": "There can be at most 20 seats.",
        },
    )
    method = forms.ChoiceField(
        label="How to count the votes",
        choices=Election.Method.choices,
        initial=Election.Method.SCOTTISH_STV,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how to count the votes."},
    )
    electorate_date = date_field(
        "Electorate date",
        help_text="Members who are active on this date can vote.",
        missing="Please give the electorate date.",
        example="2027-03-14",
        within=HELD,
    )
    nominations_open_at = _when("Nominations open", missing="Please say when nominations open.")
    nominations_close_at = _when("Nominations close", missing="Please say when nominations close.")
    voting_open_at = _when("Voting opens", missing="Please say when voting opens.")
    voting_close_at = _when("Voting closes", missing="Please say when voting closes.")
    term_years = forms.IntegerField(
        label="Years on the board for the people elected",
        min_value=1,
        max_value=10,
        initial=2,
        error_messages={
            "required": "Please say how many years a term lasts.",
            "invalid": "Please type a number, like 2.",
            "min_value": "A term is at least 1 year.",
            "max_value": "A term is at most 10 years.",
        },
    )
    returning_officer = forms.ModelChoiceField(
        label="Returning officer",
        queryset=User.objects.none(),
        empty_label="Choose a returning officer",
        help_text="The person who runs the election. They must have the returning officer role.",
        error_messages={"required": "Please choose the returning officer."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["returning_officer"].queryset = User.objects.filter(
            role_assignments__role=Role.RETURNING_OFFICER
        ).order_by("last_name", "first_name")
        self.fields["returning_officer"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )

    def initial_dates(self) -> None:
        """Sensible first dates: nominations for 2 weeks, then voting for 2 weeks."""
        start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        start += dt.timedelta(days=1)
        self.initial.update(
            {
                "electorate_date": start.date(),
                "nominations_open_at": start,
                "nominations_close_at": start + dt.timedelta(days=14, hours=8),
                "voting_open_at": start + dt.timedelta(days=21),
                "voting_close_at": start + dt.timedelta(days=35, hours=8),
            }
        )


class StatementForm(forms.Form):
    statement = forms.CharField(
        label="What do you want to tell members about you?",
        max_length=STATEMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Please write a few sentences about yourself.",
            "max_length": f"Please use {STATEMENT_MAX_CHARS} letters or fewer.",
        },
    )


class PictureKindForm(forms.Form):
    kind = forms.ChoiceField(
        label="Do you want a photo or a picture?",
        choices=[("photo", "A photo of me"), ("picture", "A picture I choose")],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a photo or a picture."},
    )


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label="Your photo",
        help_text="A JPG, PNG or WEBP file, under 5 MB.",
        error_messages={
            "required": "Please choose a photo.",
            "empty": "This photo file is empty. Please choose another one.",
            "invalid": "Please choose a photo file.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photo(self) -> Any:
        photo = self.cleaned_data["photo"]
        try:
            photo_check(photo)
        except CoopError as error:
            raise forms.ValidationError(error.message) from None
        return photo


class PictureForm(forms.Form):
    picture = forms.ChoiceField(
        label="Choose your picture",
        choices=list(CANDIDATE_PICTURES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a picture."},
    )


class SeconderForm(forms.Form):
    seconder = forms.ModelChoiceField(
        label="Who is your seconder?",
        queryset=Member.objects.none(),
        required=False,
        empty_label="I do not have a seconder",
        error_messages={"invalid_choice": "Please choose a member from the list."},
    )

    def __init__(self, *args: Any, member: Member | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Member.objects.filter(status=Member.Status.ACTIVE).order_by(
            "last_name", "first_name"
        )
        if member is not None:
            members = members.exclude(pk=member.pk)
        self.fields["seconder"].queryset = members
        self.fields["seconder"].label_from_instance = lambda m: m.display_name


class RankForm(forms.Form):
    """One choice on the ballot: a person still to be ranked, or "No more choices"."""

    choice = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose a person.",
            "invalid_choice": "You chose this person already. Please choose someone else.",
        },
    )

    def __init__(
        self,
        *args: Any,
        candidates: list[Candidate],
        allow_none: bool,
        label: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        choices = [(str(c.pk), c.name) for c in candidates]
        if allow_none:
            choices.append((NO_MORE, "No more choices"))
            self.fields["choice"].error_messages["required"] = (
                "Please choose a person, or No more choices."
            )
        self.fields["choice"].choices = choices
        self.fields["choice"].label = label


class ChooseForm(forms.Form):
    """Plurality for several seats: choose up to that many people."""

    choices = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Please choose at least 1 person.",
            "invalid_choice": "Please choose from the people standing.",
        },
    )

    def __init__(self, *args: Any, candidates: list[Candidate], seats: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.seats = seats
        self.fields["choices"].choices = [(str(c.pk), c.name) for c in candidates]
        self.fields["choices"].label = f"Choose up to {seats} people"

    def clean_choices(self) -> list[str]:
        chosen = self.cleaned_data["choices"]
        if len(chosen) > self.seats:
            raise forms.ValidationError(
                f"You chose {len(chosen)} people. Please choose {self.seats} or fewer."
            )
        return chosen


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say why in plain words. The member is told it.",
        error_messages={"required": "Please give the reason."},
    )


_PAPER_LINE = re.compile(r"^[\d\s,]*$")


class PaperEnvelopesForm(forms.Form):
    voters = forms.ModelMultipleChoiceField(
        label="Whose envelopes came in?",
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each member whose paper vote came in. Do not open the envelopes.",
        error_messages={"required": "Please tick the members whose envelopes came in."},
    )

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voters"].queryset = electors_without_vote(election)
        self.fields["voters"].label_from_instance = lambda m: (
            f"{m.display_name} ({m.membership_number})"
        )


class PaperBatchForm(OnceForm):
    papers = forms.CharField(
        label="The papers",
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="One paper a line. Type the numbers of the people in the order marked, "
        "like 2 1 4. Type 0 for a blank or spoilt paper.",
        error_messages={"required": "Please type the papers, one a line."},
    )

    def __init__(
        self, *args: Any, election: Election, candidates: list[Candidate], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.election = election
        self.candidates = candidates

    def clean_papers(self) -> dict[str, Any]:
        """{"rankings": [[candidate id, ...], ...], "spoilt": how many lines were 0}."""
        by_number = {n: c.pk for n, c in enumerate(self.candidates, start=1)}
        rankings: list[list[int]] = []
        spoilt = 0
        lines = [line.strip() for line in self.cleaned_data["papers"].splitlines()]
        for line_number, line in enumerate(lines, start=1):
            if not line:
                continue
            if not _PAPER_LINE.match(line):
                raise forms.ValidationError(f"Line {line_number}: use only numbers, like 2 1 4.")
            numbers = [int(n) for n in line.replace(",", " ").split()]
            if numbers == [0]:
                spoilt += 1
                continue
            unknown = [n for n in numbers if n not in by_number]
            if unknown:
                raise forms.ValidationError(
                    f"Line {line_number}: there is no person number {unknown[0]}. "
                    f"The numbers go from 1 to {len(by_number)}."
                )
            if len(set(numbers)) != len(numbers):
                raise forms.ValidationError(
                    f"Line {line_number}: a person's number is there twice."
                )
            if not self.election.is_ranked and len(numbers) > self.election.seats:
                raise forms.ValidationError(
                    f"Line {line_number}: a paper can choose {self.election.seats} at most."
                )
            rankings.append([by_number[n] for n in numbers])
        if not rankings and not spoilt:
            raise forms.ValidationError("Please type the papers, one a line.")
        return {"rankings": rankings, "spoilt": spoilt}


class BoxKeyForm(forms.Form):
    key = forms.CharField(
        label="The opening key",
        max_length=60,
        help_text="20 letters and numbers, in 4 groups of 5. You wrote it down when you "
        "made the ballot box.",
        error_messages={"required": "Please type the opening key."},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_key(self) -> str:
        key = opening_key_normalise(self.cleaned_data["key"])
        if key is None:
            raise forms.ValidationError(
                "An opening key has 20 letters and numbers, in 4 groups of 5, like "
                "HX4CQ-9MNTE-ACD3F-PQRTU. Please check it."
            )
        return key


# Receipts made before the ballot box were 8 hexadecimal digits, like 3F9A-C204.
_OLD_RECEIPT = re.compile(r"^([0-9A-F]{4})-?([0-9A-F]{4})$")


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label="Your receipt code",
        max_length=20,
        help_text="It looks like KD7MX-4RTQA: 10 letters and numbers.",
        error_messages={"required": "Please type your receipt code."},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_receipt(self) -> str:
        text = self.cleaned_data["receipt"]
        code = receipt_normalise(text)
        if code is not None:
            return code
        old = _OLD_RECEIPT.match("".join(text.split()).upper())
        if old:
            return f"{old.group(1)}-{old.group(2)}"
        raise forms.ValidationError(
            "Please type a code like KD7MX-4RTQA: 5 letters or numbers, a dash, then 5 more."
        )
