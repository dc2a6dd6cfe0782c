"""Join: an application a person can fill in, perhaps with a supporter beside them."""

from django.shortcuts import render

from coop.wizard import CheckAnswersForm, OneQuestionWizard
from members import join_forms as f
from members import selectors, services


def _someone_helping(wizard) -> bool:
    data = wizard.get_cleaned_data_for_step("helping") or {}
    return data.get("helping") == "yes"


class JoinWizard(OneQuestionWizard):
    form_list = [
        ("helping", f.HelpingForm),
        ("helper", f.HelperNameForm),
        ("name", f.NameForm),
        ("known_as", f.KnownAsForm),
        ("branch", f.BranchForm),
        ("address", f.AddressForm),
        ("phone", f.PhoneForm),
        ("email", f.EmailForm),
        ("contact", f.ContactForm),
        ("access", f.AccessForm),
        ("photos", f.PhotosForm),
        ("guidelines", f.GuidelinesForm),
        ("check", CheckAnswersForm),
    ]
    condition_dict = {"helper": _someone_helping}
    questions = {
        "helping": "Is someone helping you fill this in?",
        "helper": "What is the name of the person helping you?",
        "name": "What is your name?",
        "known_as": "What do you like to be called?",
        "branch": "Which area do you live in?",
        "address": "What is your address?",
        "phone": "What is your phone number?",
        "email": "What is your email address?",
        "contact": "How should we contact you?",
        "access": "What helps you?",
        "photos": "Can we take photos of you at activities?",
        "guidelines": "Our guidelines",
    }
    hints = {
        "known_as": "You can leave this empty.",
        "phone": "You can leave this empty if you have no phone.",
        "email": "You can leave this empty if you have no email.",
        "contact": "We contact you before each activity.",
        "access": "Tick all that help you. You can tick none.",
    }
    submit_text = "Send my application"
    check_heading = "Check your answers"
    cancel_url_name = "home"

    def get_form_kwargs(self, step=None):
        kwargs = super().get_form_kwargs(step)
        if step == "contact":
            phone = (self.get_cleaned_data_for_step("phone") or {}).get("phone")
            email = (self.get_cleaned_data_for_step("email") or {}).get("email")
            kwargs["available"] = (
                ["letter"] + (["phone", "text"] if phone else []) + (["email"] if email else [])
            )
        return kwargs

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        if self.steps.current == "guidelines":
            context["guidelines"] = selectors.guidelines_current()
            context["single_field"] = None
        return context

    def get_template_names(self):
        if self.steps.current == "guidelines":
            return ["members/join_guidelines.html"]
        return super().get_template_names()

    def done(self, form_list, **kwargs):
        data = self.get_all_cleaned_data()
        member = services.member_apply(
            actor=self.request.user if self.request.user.is_authenticated else None,
            branch=data["branch"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            agrees_guidelines=data["agree"],
            helped_by=data.get("helper_name", ""),
            known_as=data.get("known_as", ""),
            address=data["address"],
            postcode=data["postcode"].upper(),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            contact_preferences=[data["contact"]],
            access_needs=data.get("access_needs", []),
            access_needs_other=data.get("access_needs_other", ""),
            photo_consent=data["photo_consent"],
        )
        return render(self.request, "members/join_done.html", {"member": member})


join = JoinWizard.as_view()
