"""The join pages' questions: one question a page, in words a member can read."""

from django import forms

from members.models import AccessNeed, Branch, ContactWay


def _yes(value: str) -> bool:
    return value == "yes"


class HelpingForm(forms.Form):
    helping = forms.ChoiceField(
        label="Is someone helping you fill this in?",
        choices=[("no", "No, I am doing it myself"), ("yes", "Yes, someone is helping me")],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose one answer."},
    )


class HelperNameForm(forms.Form):
    helper_name = forms.CharField(
        label="What is the name of the person helping you?",
        max_length=200,
        error_messages={"required": "Please type their name."},
    )


class NameForm(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Please type your first name."},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Please type your last name."},
    )


class KnownAsForm(forms.Form):
    known_as = forms.CharField(
        label="What do you like to be called?", max_length=100, required=False
    )


class BranchForm(forms.Form):
    branch = forms.ModelChoiceField(
        label="Which area do you live in?",
        queryset=Branch.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Please choose your area."},
    )


class AddressForm(forms.Form):
    address = forms.CharField(
        label="Your address",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        error_messages={"required": "Please type your address."},
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        error_messages={"required": "Please type your postcode."},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label="What is your phone number?",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 10 or any(c not in "0123456789 +()-" for c in phone)):
            raise forms.ValidationError("Please type a phone number like 07700 900123.")
        return phone


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="What is your email address?",
        required=False,
        error_messages={"invalid": "Please type an email address like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class ContactForm(forms.Form):
    contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=ContactWay.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how we contact you."},
    )

    def __init__(self, *args, available: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if available is not None:
            self.fields["contact"].choices = [
                (value, label) for value, label in ContactWay.choices if value in available
            ]


class AccessForm(forms.Form):
    access_needs = forms.MultipleChoiceField(
        label="What helps you?",
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_needs_other = forms.CharField(
        label="Anything else that helps you", required=False, max_length=200
    )


class PhotosForm(forms.Form):
    photo_consent = forms.TypedChoiceField(
        label="Can we take photos of you at activities?",
        choices=[("yes", "Yes, you can take photos of me"), ("no", "No photos of me, please")],
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose yes or no."},
    )


class GuidelinesForm(forms.Form):
    agree = forms.BooleanField(
        label="I agree to follow the guidelines",
        error_messages={"required": "You need to agree the guidelines to join."},
    )


class ContactOrderForm(forms.Form):
    """The member's ways to be contacted, in order. Each way needs its details on file."""

    first = forms.ChoiceField(
        label="First, contact me by",
        choices=ContactWay.choices,
        error_messages={"required": "Please choose the first way."},
    )
    second = forms.ChoiceField(
        label="If that does not work, then by",
        choices=[("", "No other way"), *ContactWay.choices],
        required=False,
    )
    third = forms.ChoiceField(
        label="And after that, by",
        choices=[("", "No other way"), *ContactWay.choices],
        required=False,
    )

    NEEDS = {"phone": "phone", "text": "phone", "email": "email", "letter": "address"}

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean(self) -> dict:
        data = super().clean()
        ways = [data.get(k) for k in ("first", "second", "third") if data.get(k)]
        if len(ways) != len(set(ways)):
            raise forms.ValidationError("Please choose each way only once.")
        if self.member is not None:
            for way in ways:
                detail = self.NEEDS[way]
                if not getattr(self.member, detail):
                    label = ContactWay(way).label
                    raise forms.ValidationError(
                        f"We do not have your {detail}, so we cannot use {label.lower()}. "
                        "Please call us to add it."
                    )
        data["ways"] = ways
        return data
