"""An organiser types in a paper questionnaire a member filled in: every question on one
page (an organiser's page, not a member's), then the answers are saved and sent. The
organiser does not see any answers back: they go straight to the member's record."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coop.errors import CoopError
from members.models import Member
from members.views.common import role_required
from wellbeing import services
from wellbeing.models import Round
from wellbeing.paper_pdf import TIMES, questions_pdf
from wellbeing.permissions import can_enter_paper
from wellbeing.questions import MANY, NOT_SAY, ONE, QUESTIONS, WORDS

WHICH = [("first", "The first time (when they joined)"), ("later", "A later time")]


class PaperForm(forms.Form):
    which = forms.ChoiceField(
        label="Which time is this?",
        choices=WHICH,
        widget=forms.RadioSelect,
        error_messages={"required": "Please say which time this was."},
    )
    agreed = forms.BooleanField(
        label="The member said yes to answering on the paper",
        error_messages={"required": "Please check the member said yes to answering."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            choices = [(c.code, c.words) for c in (*question.choices, NOT_SAY)]
            if question.kind == ONE:
                field = forms.ChoiceField(choices=[("", "Not answered"), *choices], required=False)
            elif question.kind == MANY:
                field = forms.MultipleChoiceField(
                    choices=choices, required=False, widget=forms.CheckboxSelectMultiple
                )
            else:
                assert question.kind == WORDS
                field = forms.CharField(
                    required=False,
                    max_length=services.MAX_WORDS_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            field.label = question.text + (" (later times only)" if question.later_only else "")
            self.fields[question.key] = field

    def sections(self) -> list[tuple[str, list]]:
        found: dict[str, list] = {}
        for question in QUESTIONS:
            found.setdefault(question.section, []).append(self[question.key])
        return list(found.items())

    def answers(self) -> dict[str, dict]:
        given = {}
        for question in QUESTIONS:
            value = self.cleaned_data.get(question.key)
            if not value:
                continue
            key = {ONE: "choice", MANY: "ticked", WORDS: "words"}[question.kind]
            given[question.key] = {key: value}
        return given


def _number(member: Member, which: str) -> int:
    """The round this paper answers: the first, or the later one still open, or a new one."""
    if which == "first":
        return 1
    rounds = list(Round.objects.filter(member=member, number__gte=2).order_by("number"))
    open_ones = [r for r in rounds if r.status != Round.Status.FINISHED]
    if open_ones:
        return open_ones[0].number
    return (rounds[-1].number + 1) if rounds else 2


@role_required(can_enter_paper)
@require_http_methods(["GET", "POST"])
def paper_enter(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk, status=Member.Status.ACTIVE)
    form = PaperForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        try:
            services.paper_enter(
                member=member,
                number=_number(member, form.cleaned_data["which"]),
                answers=answers,
                actor=request.user,
            )
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"Saved {len(answers)} answer{'s' if len(answers) != 1 else ''} for "
                f"{member.display_name}. "
                "They are in the member's record now.",
            )
            return redirect(reverse("member-detail", args=[member.pk]))
    return render(request, "wellbeing/paper_form.html", {"form": form, "member": member})


@role_required(can_enter_paper)
@require_http_methods(["GET"])
def paper_print(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The questions on paper, as an easy-read PDF to print: blank, or with the member's
    name on it. With no time (or a wrong one) a page asks which time, in plain words."""
    member = get_object_or_404(Member, pk=pk, status=Member.Status.ACTIVE) if pk else None
    time = request.GET.get("time", "")
    if time not in TIMES:
        return render(
            request,
            "wellbeing/paper_print.html",
            {"member": member, "wrong": bool(time)},
            status=400 if time else 200,
        )
    response = HttpResponse(questions_pdf(time, member), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="questions-on-paper-{time}-time.pdf"'
    return response
