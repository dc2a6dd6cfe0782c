"""The forms for writing to a group: choose the message (and, on the branch-or-board page,
whom), then fill in its words. Plain forms that work without JavaScript."""

import secrets

from django import forms
from django.utils import timezone

from coop.dates import easy_date
from events.group_words import TYPED_FIELDS
from events.models import Activity, GroupMessage, MessageTemplate
from events.services.group_messages import MAX_TYPED
from members.models import Branch

BOARD = "board"


def _choose_errors(what: str) -> dict[str, str]:
    """The errors of a list of choices: none chosen, or one not on the list."""
    return {
        "required": f"Please choose {what}.",
        "invalid_choice": f"Please choose {what} from the list.",
    }


class TemplateChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: MessageTemplate) -> str:
        return f"{obj.name}: {obj.description}" if obj.description else obj.name


class ChooseForm(forms.Form):
    """Which saved message, and (with `whom`) to whom: the board or a branch."""

    template = TemplateChoice(
        queryset=MessageTemplate.objects.filter(active=True),
        to_field_name="slug",
        empty_label=None,
        widget=forms.RadioSelect,
        label="Which message?",
        error_messages=_choose_errors("a message"),
    )

    def __init__(self, *args, whom: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if whom:
            choices = [(BOARD, "The board")] + [
                (f"branch-{b.pk}", f"Members in {b.name}") for b in Branch.objects.all()
            ]
            self.fields = {
                "whom": forms.ChoiceField(
                    choices=choices,
                    widget=forms.RadioSelect,
                    label="Who gets it?",
                    error_messages=_choose_errors("who gets it"),
                ),
                **self.fields,
            }

    def clean_whom(self) -> tuple[str, Branch | None]:
        value = self.cleaned_data["whom"]
        if value == BOARD:
            return GroupMessage.Group.BOARD, None
        branch = Branch.objects.filter(pk=value.removeprefix("branch-")).first()
        if branch is None:
            raise forms.ValidationError(_choose_errors("who gets it")["invalid_choice"])
        return GroupMessage.Group.BRANCH, branch


def new_token() -> str:
    return secrets.token_urlsafe(24)


class WordsForm(forms.Form):
    """The words the organiser fills in for the chosen message. `about` (which activity)
    only when the message names an activity and the group is not an activity's."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, template: MessageTemplate, ask_activity: bool, **kwargs):
        super().__init__(*args, **kwargs)
        places = template.places
        if ask_activity and template.needs_activity:
            self.fields["about"] = forms.ModelChoiceField(
                queryset=Activity.objects.filter(
                    status=Activity.Status.PUBLISHED, starts_at__gte=timezone.now()
                ).select_related("branch"),
                label="Which activity is it about?",
                empty_label="Choose an activity",
                error_messages={
                    "required": "Please choose the activity.",
                    "invalid_choice": "Please choose an activity from the list.",
                },
            )
            self.fields["about"].label_from_instance = lambda a: (
                f"{a.title}, {easy_date(a.starts_at, with_year=True)} ({a.branch.name})"
            )
        if "new_meeting_point" in places:
            self.fields["new_meeting_point"] = forms.CharField(
                label="Where is the new meeting point?",
                help_text="For example: The front door of Northfield Library.",
                max_length=MAX_TYPED["new_meeting_point"],
                error_messages={
                    "required": "Please type the new meeting point.",
                    "max_length": "Please use 200 letters or fewer.",
                },
            )
        if "note" in places:
            self.fields["note"] = forms.CharField(
                label="Anything to add? You can leave this empty.",
                help_text="1 or 2 short sentences. At most 15 words each.",
                required=False,
                max_length=MAX_TYPED["note"],
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": "Please use 300 letters or fewer."},
            )

    @property
    def typed(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(name, "") for name in TYPED_FIELDS if name in self.fields
        }
