"""The board's answer to a member's proposal, recorded by someone who edits meetings."""

from django import forms

from coop.dates import HELD
from coop.forms import OnceForm, date_field
from events.models import BoardAnswer
from members.models import Role, User


class ProposalAnswerForm(OnceForm):
    answer = forms.ChoiceField(
        label="What did the board say?",
        choices=BoardAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose yes, yes with changes, or not now.",
            "invalid_choice": "Please choose yes, yes with changes, or not now.",
        },
    )
    reason = forms.CharField(
        label="Why? Tell the member in easy words",
        max_length=300,
        help_text="Short sentences. At most 15 words each. The member reads this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Please tell the member why, in easy words.",
            "max_length": "Please write less. At most 300 letters.",
        },
    )
    changes = forms.CharField(
        label="What are the changes?",
        required=False,
        max_length=300,
        help_text='Only for "yes, with changes". In easy words.',
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Please write less. At most 300 letters."},
    )
    organiser = forms.ModelChoiceField(
        label="Which organiser plans it with the member?",
        queryset=User.objects.none(),
        required=False,
        help_text="Only for a yes.",
        error_messages={"invalid_choice": "Please choose an organiser from the list."},
    )
    starts_on = date_field(
        "Which day will it be, roughly?",
        required=False,
        example="2027-03-13",
        within=HELD,
        help_text="Only for a yes. The organiser can change it later.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = (
            User.objects.filter(role_assignments__role=Role.ORGANISER, is_active=True)
            .distinct()
            .order_by("first_name", "pk")
        )
        self.fields["organiser"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self):
        data = super().clean()
        answer = data.get("answer")
        if answer == BoardAnswer.CHANGES and not data.get("changes", "").strip():
            self.add_error("changes", "Please say what the changes are.")
        if answer in (BoardAnswer.YES, BoardAnswer.CHANGES):
            if not data.get("organiser") and "organiser" not in self.errors:
                self.add_error("organiser", "Please choose the organiser who will plan it.")
            if not data.get("starts_on") and "starts_on" not in self.errors:
                self.add_error("starts_on", "Please say which day it will be.")
        return data
