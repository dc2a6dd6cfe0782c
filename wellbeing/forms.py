"""The forms of the well-being pages: agreeing, one question a page, the board's timing,
and an organiser typing in a paper questionnaire."""

from django import forms

from wellbeing.questions import MANY, NOT_SAY, ONE, WORDS, Question
from wellbeing.services import MAX_WORDS_LENGTH

AGREE_CHOICES = [
    ("yes", "Yes, I want to answer"),
    ("no", "No, I do not want to answer"),
]


class ConsentForm(forms.Form):
    agree = forms.ChoiceField(
        label="Do you want to answer the questions?",
        choices=AGREE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose yes or no."},
    )


def _choices(question: Question) -> list[tuple[str, str]]:
    return [(c.code, c.words) for c in (*question.choices, NOT_SAY)]


# A question answered by choosing: its field, its widget, and what to say when none is chosen.
CHOICE_FIELDS = {
    ONE: (forms.ChoiceField, forms.RadioSelect, "Please choose an answer"),
    MANY: (
        forms.MultipleChoiceField,
        forms.CheckboxSelectMultiple,
        "Please choose at least one answer",
    ),
}


def _choice_field(question: Question) -> forms.ChoiceField:
    """The answer field of a ONE (radios) or MANY (ticks) question, with "rather not say"."""
    field, widget, required = CHOICE_FIELDS[question.kind]
    return field(
        label=question.text,
        choices=_choices(question),
        widget=widget,
        error_messages={"required": f"{required}, or 'I would rather not say'."},
    )


class AnswerForm(forms.Form):
    """One question: `answer` is a choice, ticks, or own words (with "rather not say")."""

    def __init__(self, *args, question: Question, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        if question.kind in CHOICE_FIELDS:
            self.fields["answer"] = _choice_field(question)
        else:
            assert question.kind == WORDS
            self.fields["answer"] = forms.CharField(
                label=question.text,
                required=False,
                max_length=MAX_WORDS_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"max_length": f"Please use fewer than {MAX_WORDS_LENGTH} letters."},
            )
            self.fields["not_say"] = forms.BooleanField(label=NOT_SAY.words, required=False)

    def stored(self) -> dict:
        """What answer_save takes."""
        value = self.cleaned_data["answer"]
        if self.question.kind == ONE:
            return {"choice": value}
        if self.question.kind == MANY:
            return {"ticked": value}
        if self.cleaned_data.get("not_say"):
            return {"choice": NOT_SAY.code, "words": value}  # words too: both is a mistake
        return {"words": value}


def _months(label: str, example: int) -> forms.IntegerField:
    between = "Please choose between 1 and 60 months."
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=60,
        error_messages={
            "required": "Please give a number of months.",
            "invalid": f"Please give a whole number of months, like {example}.",
            "min_value": between,
            "max_value": between,
        },
    )


class TimingForm(forms.Form):
    later_after_months = _months("Ask the second time, this many months after the first", 6)
    then_every_months = _months("Then ask again every this many months", 12)
