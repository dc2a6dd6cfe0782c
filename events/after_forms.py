"""Forms for after an activity (evaluation, members' say) and for suggestions."""

from django import forms

from coop.forms import OnceForm, PoundsField
from coop.images import PhotoField
from events.models import Feedback, Suggestion
from events.services.evaluations import PHOTO_MAX_BYTES, names_in_words


class EvaluationForm(forms.Form):
    went_well = forms.CharField(
        label="What went well?",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Please keep this under 3000 characters."},
    )
    went_badly = forms.CharField(
        label="What did not go well?",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Please keep this under 3000 characters."},
    )
    incidents = forms.CharField(
        label="Incidents: did anyone get hurt, ill or upset?",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Please keep this under 3000 characters."},
    )
    incident_for_board = forms.BooleanField(
        label="The board should know about this incident", required=False
    )
    actual_cost_pence = PoundsField(
        label="What did it really cost, in pounds?",
        required=False,
        help_text="Leave it empty if you do not know yet.",
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("incident_for_board") and not (data.get("incidents") or "").strip():
            self.add_error(
                "incidents", "Please say what happened, so the board knows about the incident."
            )
        return data


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member) -> str:
        if member.photo_consent:
            return member.display_name
        return f"{member.display_name}: did not agree to photos"


class EvaluationPhotoForm(forms.Form):
    """One photo from the activity. The members in it are ticked; a member who did not
    agree to photos makes the form refuse the photo, naming them (the service checks
    again)."""

    image = PhotoField(
        label="Photo",
        help_text="A JPEG or PNG photo, under 10 MB.",
        error_messages={
            "required": "Please choose a photo.",
            "invalid_image": "This file is not a photo we can use. "
            "Please choose a JPEG or PNG photo.",
            "empty": "This file is empty. Please choose a photo.",
        },
    )
    alt = forms.CharField(
        label="What does the photo show?",
        help_text="For people who cannot see it. For example: 4 people bowling.",
        max_length=300,
        error_messages={
            "required": "Please say what the photo shows.",
            "max_length": "Please write less. At most 300 letters.",
        },
    )
    members = PersonChoiceField(
        label="Which members are in the photo?",
        help_text="Tick every member you can see. Leave them all empty if nobody can be seen.",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please tick only members who were booked."},
    )
    everyone_ticked = forms.BooleanField(
        label="I ticked every member in the photo",
        error_messages={"required": "Please tick every member in the photo, then tick this box."},
    )

    def __init__(self, *args, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError("This photo is too big. It must be under 10 MB.")
        return image

    def clean_members(self):
        members = list(self.cleaned_data["members"])
        refused = [m for m in members if not m.photo_consent]
        if refused:
            raise forms.ValidationError(
                f"This photo was not saved. {names_in_words(refused)} did not agree to photos. "
                "Please choose a photo without them."
            )
        return members


class FaceForm(forms.Form):
    face = forms.ChoiceField(
        label="How was it?",
        choices=Feedback.Face.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose a face.",
            "invalid_choice": "Please choose one of the 3 faces.",
        },
    )


class AgainForm(forms.Form):
    again = forms.TypedChoiceField(
        label="Would you go again?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose Yes or No.",
            "invalid_choice": "Please choose Yes or No.",
        },
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Anything else you want to tell us?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Please write less. At most 1000 letters."},
    )


class SuggestionForm(OnceForm):
    what = forms.CharField(
        label="What would you like to do?",
        max_length=200,
        error_messages={
            "required": "Please say what you would like to do.",
            "max_length": "Please write less. At most 200 letters.",
        },
    )
    where = forms.CharField(
        label="Where?",
        required=False,
        max_length=200,
        error_messages={"max_length": "Please write less. At most 200 letters."},
    )
    when = forms.CharField(
        label="Roughly when?",
        required=False,
        max_length=100,
        help_text="For example: in the summer, on a Saturday.",
        error_messages={"max_length": "Please write less. At most 100 letters."},
    )
    cost_guess_pence = PoundsField(
        label="How much do you think it costs, in pounds?",
        required=False,
        help_text="Leave it empty if you do not know.",
    )


class SuggestionDecideForm(forms.Form):
    status = forms.ChoiceField(
        label="What happens to this idea?",
        choices=[
            (Suggestion.Status.PLANNED, "We are planning it"),
            (Suggestion.Status.DONE, "We did it"),
            (Suggestion.Status.NOT_NOW, "Not now"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose what happens to this idea.",
            "invalid_choice": "Please choose what happens to this idea.",
        },
    )
    reason = forms.CharField(
        label="Tell the member why, in easy words",
        max_length=300,
        help_text="Short sentences. At most 15 words each.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Please tell the member why, in easy words.",
            "max_length": "Please write less. At most 300 letters.",
        },
    )
