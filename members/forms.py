from django import forms
from django.contrib.auth.forms import AuthenticationForm

from coop.forms import OnceForm, PoundsField
from members.models import AccessNeed, Branch, ContactWay, Member, Role, SupportLink, User
from members.services.details import MEMBER_DETAIL_FIELDS


class SignInForm(AuthenticationForm):
    """Username and password. Pasting and password managers work: nothing blocks them."""

    error_messages = {
        "invalid_login": "The username or password is not right. Please try again.",
        "inactive": "This account is closed. Please call us.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No autofocus: it skips the page's start (and the skip link) for screen readers.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].label = "Your username"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        )
        self.fields["username"].error_messages["required"] = "Please type your username."
        self.fields["password"].label = "Your password"
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.fields["password"].error_messages["required"] = "Please type your password."


class SignInLinkRequestForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        help_text="We send a link to this address. The link signs you in.",
        error_messages={
            "required": "Please type your email address.",
            "invalid": "Please type an email address like name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class RoleChangeForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=User.objects.order_by("last_name", "first_name"),
        label="Person",
        error_messages={"required": "Please choose a person."},
    )
    role = forms.ChoiceField(
        choices=Role.choices,
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a role."},
    )
    action = forms.ChoiceField(
        choices=[("grant", "Give this role"), ("revoke", "Take this role away")],
        label="What to do",
        widget=forms.RadioSelect,
        initial="grant",
        error_messages={"required": "Please choose what to do."},
    )


class SupporterNameForm(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Please type their first name."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        error_messages={"required": "Please type their last name."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class SupporterEmailForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        error_messages={
            "required": "Please type their email address.",
            "invalid": "Please type an email address like name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class SupporterRelationshipForm(forms.Form):
    relationship = forms.ChoiceField(
        label="Who are they?",
        choices=SupportLink.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose who they are."},
    )


class SupporterCopiesForm(forms.Form):
    wants_copies = forms.TypedChoiceField(
        label="Should they get a copy of your reminders?",
        choices=[("yes", "Yes, send them a copy"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose yes or no."},
    )


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        help_text="A name, membership number, email, phone or postcode.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.all(),
        required=False,
        empty_label="All branches",
        label="Branch",
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Member.Status.choices],
        required=False,
        label="Status",
    )
    access_need = forms.ChoiceField(
        choices=[("", "Any"), *AccessNeed.choices],
        required=False,
        label="Access need",
    )
    not_agreed = forms.BooleanField(
        required=False,
        label="Only members who have not agreed the current guidelines",
    )


class MemberMoveForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=500,
        help_text="Say why in plain words. The member can be told it.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StaffMemberForm(OnceForm, forms.ModelForm):
    """An organiser or administrator adds a member who applied on paper or by phone."""

    contact_preferences = forms.MultipleChoiceField(
        choices=ContactWay.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="How they like to be contacted",
        help_text="Tick every way that works. You can put them in order later.",
    )
    access_needs = forms.MultipleChoiceField(
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What helps them",
    )

    class Meta:
        model = Member
        # Everything staff may set when adding a member, except their private notes.
        fields = [f for f in MEMBER_DETAIL_FIELDS if f != "staff_notes"]
        error_messages = {
            "first_name": {"required": "Please type their first name."},
            "last_name": {"required": "Please type their last name."},
            "branch": {"required": "Please choose their branch."},
            "email": {"invalid": "Please type an email address like name@example.com."},
        }
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class SubscriptionForm(forms.Form):
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.all(),
        label="Branch",
        error_messages={"required": "Please choose a branch."},
    )
    year = forms.IntegerField(
        label="Year",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Please type the year.",
            "invalid": "Please type a year like 2027.",
        },
    )
    amount_pence = PoundsField(
        label="Amount for the year, in pounds",
        help_text="Type 0 for no subscription.",
        error_messages={"required": "Please type an amount."},
    )


class WaiverForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=Member.objects.filter(status=Member.Status.ACTIVE).order_by("last_name"),
        label="Member",
        error_messages={"required": "Please choose a member."},
    )
    year = forms.IntegerField(
        label="Year",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Please type the year.",
            "invalid": "Please type a year like 2027.",
        },
    )
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept private to the board and finance.",
        error_messages={"required": "Please give the reason for the waiver."},
    )


class GuidelinesAgreeForm(forms.Form):
    helped_by = forms.CharField(
        label="Did someone help you read them? Type their name.",
        required=False,
        max_length=200,
        help_text="You can leave this empty.",
    )


class StaffSupporterForm(
    OnceForm, SupporterNameForm, SupporterEmailForm, SupporterRelationshipForm
):
    """Staff link a supporter for a member who asked on the phone or in person."""

    member_agreed = forms.BooleanField(
        label="The member told me they want this person to help them",
        error_messages={"required": "Please confirm the member agreed. We need their consent."},
    )


PICTURES = [
    ("coop/pictures/kind.svg", "A red heart"),
    ("coop/pictures/listen.svg", "A speech bubble"),
    ("coop/pictures/clock.svg", "A clock"),
    ("coop/pictures/safe.svg", "A green shield with a tick"),
    ("coop/pictures/phone.svg", "A mobile phone"),
    ("coop/pictures/people.svg", "A group of people together"),
    ("coop/pictures/calendar.svg", "A calendar"),
    ("coop/pictures/letter.svg", "An envelope with a letter"),
    ("coop/pictures/key.svg", "A key"),
    ("coop/pictures/money.svg", "A pound coin"),
]


class GuidelinesPointForm(forms.Form):
    text = forms.CharField(
        label="What the point says",
        max_length=200,
        required=False,
        help_text="One short sentence. At most 15 words.",
    )
    picture = forms.ChoiceField(label="Picture", choices=PICTURES, required=False)
    alt = forms.CharField(label="What the picture shows, in words", max_length=200, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("text") and not data.get("alt"):
            self.add_error("alt", "Please say what the picture shows.")
        if data.get("text") and len(data["text"].split()) > 15:
            self.add_error("text", "Please use 15 words or fewer.")
        return data


GuidelinesPointFormSet = forms.formset_factory(GuidelinesPointForm, extra=0, max_num=20)


class GuidelinesTitleForm(OnceForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Please give the guidelines a title."},
    )
