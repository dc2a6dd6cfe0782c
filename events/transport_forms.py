"""The organiser's transport form, and the booking question "Will you come on the
minibus?"."""

from django import forms
from django.utils import timezone

from coop.dates import HELD, InRange
from events.models import Activity, Transport
from events.services.transport import transport_problems

TIMES = ("pickup_at", "return_at")


class TravelForm(forms.Form):
    travel = forms.ChoiceField(
        label="Will you come on the minibus?",
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose one answer."},
    )

    def __init__(self, *args, who: str = "", kind: str = "minibus", **kwargs):
        """`who`: the member's name when someone else answers for them."""
        super().__init__(*args, **kwargs)
        field = self.fields["travel"]
        field.label = f"Will {who or 'you'} come on the {kind}?"
        field.choices = [
            ("yes", f"Yes, {who or 'I'} will come on the {kind}"),
            ("no", f"No, {who or 'I'} will make {'their' if who else 'my'} own way"),
        ]


def _time_field(label: str) -> forms.DateTimeField:
    """A pick-up or drop-off time: bounded where the form is declared (so every way of
    making the form checks it; tests/coop/test_dates_in_range.py reads the declaration)."""
    return forms.DateTimeField(
        label=label,
        validators=[InRange(HELD)],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": "Please give the date and time.",
            "invalid": "Please give a date and time.",
        },
    )


class TransportForm(forms.ModelForm):
    pickup_at = _time_field("When it picks people up")
    return_at = _time_field("When it brings people back")

    class Meta:
        model = Transport
        fields = list(Transport.EDITABLE_FIELDS)
        labels = {
            "kind": "What kind of transport",
            "seats": "How many seats",
            "wheelchair_spaces": "How many wheelchair spaces",
            "driver": "Driver's name",
            "pickup_point": "Where it picks people up",
            "return_point": "Where it brings people back to",
        }
        help_texts = {
            "seats": "Everyone who travels, wheelchair users too. Not the driver.",
            "wheelchair_spaces": "How many of the seats take a wheelchair. 0 for none.",
            "driver": "Members will see this name. You can leave it empty.",
        }
        error_messages = {
            "kind": {"required": "Please choose the kind of transport."},
            "seats": {"required": "Please say how many seats there are."},
            "wheelchair_spaces": {"required": "Please say how many wheelchair spaces. 0 for none."},
            "pickup_point": {"required": "Please say where it picks people up."},
            "return_point": {"required": "Please say where it brings people back to."},
        }

    def __init__(self, *args, activity: Activity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.activity = activity

    def clean(self) -> dict:
        data = super().clean()
        for name in TIMES:
            if data.get(name) and timezone.is_naive(data[name]):
                data[name] = timezone.make_aware(data[name])
        for field, words in transport_problems(self.activity, data):
            if field not in self.errors:
                self.add_error(field, words)
        return data

    def _post_clean(self) -> None:
        # The service checks the rules and saves; the model's own checks would only say
        # the same things again in other words.
        pass
