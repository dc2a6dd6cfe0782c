"""One question a page, then "check your answers", then done — the pattern members fill
in everything with. Built on django-formtools' SessionWizardView, so it works without
JavaScript and keeps the answers in the session between pages."""

from typing import Any

from django import forms
from django.http import HttpResponse
from formtools.wizard.views import SessionWizardView

from coop.forms import OnceForm
from coop.once import once_claimed


class CheckAnswersForm(OnceForm):
    """The last step: nothing to fill in, only a summary and a button that says what
    happens. Its one-time token makes the wizard finish once, however often it is sent."""


def display_value(field: forms.Field, value: Any) -> str:
    if value in (None, "", [], ()):
        return "Not given"
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    choices = list(getattr(field, "choices", []) or [])
    if not choices:
        return str(value)
    coerce = getattr(field, "coerce", lambda v: v)

    def label(v: Any) -> str:
        for key, text in choices:
            if key == v or (key not in ("", None) and coerce(key) == v):
                return str(text)
        return str(v)

    if isinstance(value, list | tuple):
        return ", ".join(label(v) for v in value)
    return label(value)


class OneQuestionWizard(SessionWizardView):
    template_name = "components/wizard_step.html"
    # step name -> the question, shown as the page title and its heading
    questions: dict[str, str] = {}
    # step name -> a hint under the question
    hints: dict[str, str] = {}
    check_heading = "Check your answers"
    submit_text = "Send"
    cancel_url_name = "home"

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        # A step this wizard has not got (made up, or one its answers skip) would fail
        # deep in formtools: show the step the person is on instead.
        posted = self.request.POST.get(f"{self.prefix}-current_step")
        if posted is not None and posted not in self.get_form_list():
            return self.render(self.get_form())
        return super().post(*args, **kwargs)

    def render_done(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        # Two presses of the last button can arrive together, each with the answers still
        # in its copy of the session: the token lets only one of them finish. Claimed
        # outside a transaction, as finishing may take a card payment (which refuses one).
        if not isinstance(form, OnceForm):
            return super().render_done(form, **kwargs)
        response = once_claimed(
            self.request, form, lambda: super(OneQuestionWizard, self).render_done(form, **kwargs)
        )
        self.storage.reset()
        return response

    def get_context_data(self, form: forms.Form, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        is_check = isinstance(form, CheckAnswersForm)
        context.update(
            {
                "question": self.check_heading if is_check else self.questions.get(step, ""),
                "hint": self.hints.get(step, ""),
                "is_check": is_check,
                "submit_text": self.submit_text,
                "single_field": None
                if is_check or len(form.fields) != 1
                else form[next(iter(form.fields))],
                "answers": self.answers() if is_check else [],
                "cancel_url_name": self.cancel_url_name,
            }
        )
        return context

    def answers(self) -> list[dict[str, Any]]:
        """Each earlier step's question and answer, for the check-your-answers page."""
        rows = []
        for step in self.get_form_list():
            form_class = self.get_form_list()[step]
            if form_class is CheckAnswersForm:
                continue
            data = self.get_cleaned_data_for_step(step) or {}
            # Built as the step builds it, so choices made at run time show their words.
            form = form_class(**self.get_form_kwargs(step))
            for name, field in form.fields.items():
                rows.append(
                    {
                        "step": step,
                        "question": field.label or self.questions.get(step, name),
                        "answer": display_value(field, data.get(name)),
                    }
                )
        return rows
