from django import forms
from django.utils import timezone

from coop.dates import HELD, InRange, next_month
from coop.forms import OnceForm, PoundsField
from coop.widgets import Checkbox, QuickSelect
from events.models import Activity, Reminder, default_reminder_hours
from events.services.reminders import slot_label
from members import branch_cache
from members.models import Branch

PICTURES = [
    ("events/pictures/meal.svg", "A plate with a knife and fork"),
    ("events/pictures/bowling.svg", "A bowling ball and pins"),
    ("events/pictures/seaside.svg", "The sea, the sun and a beach"),
    ("events/pictures/park.svg", "A tree in a park"),
    ("events/pictures/shopping.svg", "A shopping bag"),
    ("events/pictures/minibus.svg", "A minibus"),
    ("coop/pictures/people.svg", "A group of people together"),
]


class ActivityFilterForm(forms.Form):
    # Drawn in Python (coop.widgets): What's on is the page members open most.
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.all(),
        required=False,
        empty_label="All areas",
        label="Area",
        widget=QuickSelect,
    )
    month = forms.DateField(
        required=False,
        label="Month",
        input_formats=["%Y-%m"],
        error_messages={"invalid": "Please choose a month."},
        validators=[InRange(HELD)],
    )

    # Only places with what a member needs (a GET box each: works with no JavaScript).
    step_free = forms.BooleanField(
        required=False, label="No steps: good for wheelchairs", widget=Checkbox
    )
    accessible_toilet = forms.BooleanField(
        required=False, label="Accessible toilet", widget=Checkbox
    )
    quiet_space = forms.BooleanField(
        required=False, label="Quiet place to take a break", widget=Checkbox
    )

    # A browser's own month box shows "--------- ----" until filled: a list of the next
    # year's months by name reads better, and a link to any month still works.
    MONTHS_SHOWN = 12

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        day = timezone.localdate().replace(day=1)
        months = []
        for _ in range(self.MONTHS_SHOWN):
            months.append((f"{day:%Y-%m}", f"{day:%B %Y}"))
            day = next_month(day)
        self.fields["month"].widget = QuickSelect(choices=[("", "Any month"), *months])
        # The areas from the shared cache (members.branch_cache), not a query each time;
        # a chosen area is still checked against the database (the field's queryset).
        branch = self.fields["branch"]
        branch.widget.choices = [("", branch.empty_label), *branch_cache.branch_choices()]


class GuestsYesForm(forms.Form):
    bring = forms.ChoiceField(
        label="Is anyone coming with you?",
        choices=[("no", "No, just me"), ("yes", "Yes, someone is coming with me")],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose one answer."},
    )

    def __init__(self, *args, who: str = "", **kwargs):
        """`who`: the member's name when someone else (their supporter) answers for them."""
        super().__init__(*args, **kwargs)
        if who:
            field = self.fields["bring"]
            field.label = f"Is anyone coming with {who}?"
            field.choices = [
                ("no", f"No, just {who}"),
                ("yes", f"Yes, someone is coming with {who}"),
            ]


class GuestsForm(forms.Form):
    carers = forms.IntegerField(label="Carers", min_value=0, max_value=5, initial=0)
    family = forms.IntegerField(
        label="Family members or friends", min_value=0, max_value=5, initial=0
    )
    support_workers = forms.IntegerField(
        label="Support workers",
        min_value=0,
        max_value=5,
        initial=0,
        help_text="Support workers pay no fee.",
    )

    def __init__(self, *args, who: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.who = who or "you"

    def clean(self) -> dict:
        data = super().clean()
        total = sum(data.get(k) or 0 for k in ("carers", "family", "support_workers"))
        if not self.errors and total == 0:
            raise forms.ValidationError("Please say who is coming, or go back and choose No.")
        if total > 5:
            raise forms.ValidationError(f"At most 5 people can come with {self.who}.")
        return data

    def guests(self) -> list[dict]:
        data = self.cleaned_data
        return (
            [{"kind": "carer"}] * data["carers"]
            + [{"kind": "family"}] * data["family"]
            + [{"kind": "support_worker"}] * data["support_workers"]
        )


class PaymentForm(forms.Form):
    payment = forms.ChoiceField(
        label="How will you pay the booking fee?",
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how to pay."},
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment"].choices = list(choices)


class WaiveReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why is the fee waived?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please give the reason."},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please give the reason."},
    )


# When reminders can go, in hours before the start, as organisers read them.
REMINDER_CHOICES = [
    (168, "1 week before"),
    (72, "3 days before"),
    (48, "2 days before"),
    (24, "1 day before"),
    (3, "3 hours before"),
]


class ActivityForm(OnceForm, forms.ModelForm):
    picture = forms.ChoiceField(choices=PICTURES, label="Picture")
    reminder_hours = forms.TypedMultipleChoiceField(
        label="When should we remind people?",
        help_text="Tick 1 or more. Each person booked gets a reminder at each time, "
        "their own way. Letters need 3 days or more to arrive.",
        choices=REMINDER_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=default_reminder_hours,
        error_messages={
            "required": "Please tick at least 1 time to remind people.",
            "invalid_choice": "Please tick only the times on the list.",
        },
    )
    cost_pence = PoundsField(
        label="Cost on the day, in pounds",
        required=False,
        help_text="What each person pays on the day. Type 0 if free.",
    )
    fee_pence = PoundsField(
        label="Booking fee, in pounds",
        required=False,
        help_text="Paid when booking, given back when they come. 0 for none.",
    )

    # The form in parts, each a fieldset with its legend: every field is in one part.
    SECTIONS = (
        ("What it is", ("title", "summary", "description", "picture", "picture_alt")),
        ("When and where", ("branch", "starts_at", "ends_at", "meeting_point")),
        (
            "Places and booking",
            (
                "places",
                "booking_opens_at",
                "booking_closes_at",
                "guests_allowed",
                "guests_take_place",
            ),
        ),
        ("Money", ("cost_pence", "fee_pence", "cancel_by")),
        ("Access", ("step_free", "accessible_toilet", "quiet_space")),
        ("Reminders", ("reminder_hours",)),
    )

    class Meta:
        model = Activity
        fields = [*Activity.EDITABLE_FIELDS, "reminder_hours"]
        labels = {
            "title": "Name of the activity",
            "branch": "Area",
            "starts_at": "When it starts",
            "ends_at": "When it ends",
            "meeting_point": "Where to meet",
            "places": "How many places",
            "booking_opens_at": "Booking opens",
            "booking_closes_at": "Booking closes",
            "step_free": "No steps: a wheelchair user can get in and around",
            "accessible_toilet": "There is an accessible toilet",
            "quiet_space": "There is a quiet place to take a break",
            "guests_allowed": "A member can bring someone with them",
            "guests_take_place": "Someone coming with a member takes a place",
        }
        help_texts = {
            "guests_allowed": "A carer, family member or support worker.",
            "guests_take_place": "Tick this if a carer, family member or support worker "
            "uses up one of the places.",
        }
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in Activity.TIME_FIELDS
        } | {
            "description": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "title": {"required": "Please give the activity a name."},
            "summary": {"required": "Please say in a sentence what it is."},
            "picture_alt": {"required": "Please say what the picture shows."},
            "branch": {"required": "Please choose the area."},
            "meeting_point": {"required": "Please say where to meet."},
            "places": {"required": "Please say how many places there are."},
        } | {
            name: {
                "required": "Please give the date and time.",
                "invalid": "Please give a date and time.",
            }
            for name in Activity.TIME_FIELDS
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in Activity.TIME_FIELDS:
            self.fields[name].validators.append(InRange(HELD))
        # Times set some other way (the admin, say) stay on the list, so saving the form
        # does not quietly drop them.
        field = self.fields["reminder_hours"]
        known = {hours for hours, _ in REMINDER_CHOICES}
        extra = [
            h
            for h in (self.instance.reminder_hours if self.instance.pk else [])
            if isinstance(h, int) and not isinstance(h, bool) and h > 0 and h not in known
        ]
        if extra:
            choices = REMINDER_CHOICES + [(h, _hours_words(h)) for h in extra]
            field.choices = sorted(choices, key=lambda choice: -choice[0])

    def sections(self) -> list[tuple[str, list]]:
        """Each part's legend and its fields, for the page."""
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def clean_reminder_hours(self) -> list[int]:
        return sorted(set(self.cleaned_data["reminder_hours"]), reverse=True)

    def clean_cost_pence(self) -> int:
        return self.cleaned_data.get("cost_pence") or 0

    def clean_fee_pence(self) -> int:
        return self.cleaned_data.get("fee_pence") or 0

    def clean(self) -> dict:
        data = super().clean()
        for name in Activity.TIME_FIELDS:
            if data.get(name) and timezone.is_naive(data[name]):
                data[name] = timezone.make_aware(data[name])
        return data


def _hours_words(hours: int) -> str:
    """72 -> "3 days before", 6 -> "6 hours before"."""
    return Reminder(slot=slot_label(hours)).slot_words
