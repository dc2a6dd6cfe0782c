"""The form for the times that suit a member to come (members.good_times)."""

from django import forms

from members.good_times import GoodTime


class GoodTimesForm(forms.Form):
    good_times = forms.MultipleChoiceField(
        label="When can you come to activities?",
        help_text="Tick all the times that suit you. You can tick more than 1.",
        choices=GoodTime.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please choose only from the times on the list."},
    )

    def __init__(self, *args, who: str = "", **kwargs):
        """`who`: the member's name when their supporter answers for them."""
        super().__init__(*args, **kwargs)
        if who:
            field = self.fields["good_times"]
            field.label = f"When can {who} come to activities?"
            field.help_text = f"Tick all the times that suit {who}. You can tick more than 1."
